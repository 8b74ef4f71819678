// `.tagger` files the app was asked to open: double-clicked (the file association; macOS sends `open-file`, Windows
// and Linux start the app, or a second instance, with the path in argv) or named on the command line
// (`tagger start FILE.tagger`, `tagger serve FILE.tagger`). They wait here until the page takes them and opens
// Import/Export on the first one, checked before anything is imported. No Electron here, so it is unit tested.
import path from 'node:path';
import { BUNDLE_EXTENSION } from '../../shared/bundle/manifest.ts';
import type { Core } from '../core/core.ts';

/** The bundle paths among command-line arguments (flags and other files ignored), absolute against `cwd`. */
export function bundlePathsIn(argv: readonly string[], cwd: string): string[] {
  return argv.filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(BUNDLE_EXTENSION)).map((a) => path.resolve(cwd, a));
}

export class OpenedBundles {
  private queue: string[] = [];

  constructor(private readonly onAdded: () => void = () => undefined) {}

  /** Queues paths (each once) and tells the page. */
  add(paths: readonly string[]): void {
    const fresh = paths.filter((p) => !this.queue.includes(p));
    if (!fresh.length) return;
    this.queue.push(...fresh);
    this.onAdded();
  }

  /** The paths waiting, oldest first; each is handed out once. */
  take(): string[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }
}

const byCore = new WeakMap<Core, OpenedBundles>();

/** The queue of one Core; adding to it tells the Core's pages ('bundle-opened'). */
export function openedBundlesFor(core: Core): OpenedBundles {
  let q = byCore.get(core);
  if (!q) {
    q = new OpenedBundles(() => core.events.emit('bundle-opened', {}));
    byCore.set(core, q);
  }
  return q;
}
