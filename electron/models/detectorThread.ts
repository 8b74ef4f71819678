// CenterNet off the core's event loop: one worker thread (detectorWorker.ts) that loads TF.js on WebAssembly and
// the model once, then runs one input at a time. Cancel ends the thread at once (a running WebAssembly call cannot
// be interrupted otherwise) and the next run starts a fresh one; a thread that dies (out of memory, a crash in the
// runtime) fails the run with a message saying so instead of leaving it waiting. A thread idle for ten minutes is
// ended to give back the model's memory (starting one again takes about a second).
//
// Where the worker's code comes from: the desktop bundle ships it beside main.cjs as detectorWorker.cjs (see
// bin/electron-builds.js); from the sources (tsx in `tagger serve`, vitest, the benches) the thread registers tsx
// and imports detectorWorker.ts itself, since a worker does not inherit its parent's loader.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { TaggerError, type ErrorCode } from '../../shared/errors.ts';
import type { DetectReply } from './detectorWorker.ts';

export interface DetectorThreadOptions {
  /** Heap limits of the thread (tests use tiny ones to make it crash for real). */
  resourceLimits?: ResourceLimits;
}

const IDLE_MS = 10 * 60_000;

interface Pending { resolve: (rows: Float32Array) => void; reject: (e: Error) => void }

/** tsx's ESM register API (its package's "import" entry of ./esm/api; require.resolve would give the CommonJS one). */
function tsxEsmApi(from: string): string {
  const pkgFile = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return path.join(path.dirname(pkgFile), pkg.exports['./esm/api'].import.default);
}

function startWorker(opts: DetectorThreadOptions): Worker {
  const here = import.meta.url;
  if (here.endsWith('.cjs')) return new Worker(new URL('./detectorWorker.cjs', here), { resourceLimits: opts.resourceLimits });
  const tsx = pathToFileURL(tsxEsmApi(here)).href;
  const entry = new URL('./detectorWorker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: opts.resourceLimits });
}

export class DetectorThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly opts: DetectorThreadOptions = {}) {}

  /** CenterNet's 100 rows (x1, y1, x2, y2, score, class) for one 512 × 512 RGB input. Rejects with 'cancelled'
   *  as soon as `signal` aborts. */
  run(rgb: Uint8Array, signal?: AbortSignal): Promise<Float32Array> {
    if (signal?.aborted) return Promise.reject(new TaggerError('cancelled', 'Object detection was cancelled.'));
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      const onAbort = () => {
        // The thread is busy with this input and cannot be interrupted: end it; the next run starts another.
        this.stop(new TaggerError('cancelled', 'Object detection was cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (rows) => { done(); resolve(rows); },
        reject: (e) => { done(); reject(e); },
      });
      worker.ref(); // busy: keep the process alive until the answer
      if (this.idle) clearTimeout(this.idle);
      worker.postMessage({ id, rgb });
    });
  }

  /** Ends the thread (core shutdown); runs still waiting fail with `reason`. */
  async close(reason: Error = new TaggerError('cancelled', 'The app is closing; object detection stopped.')): Promise<void> {
    await this.stop(reason);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(this.opts);
    this.worker = w;
    w.on('message', (reply: DetectReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (!this.pending.size) {
        w.unref(); // idle: never keeps the process alive
        this.idle = setTimeout(() => void this.stop(new TaggerError('cancelled', 'Object detection was idle.')), IDLE_MS);
        this.idle.unref();
      }
      if (reply.ok) p.resolve(reply.rows);
      else p.reject(new TaggerError(reply.code as ErrorCode, reply.message));
    });
    // A thread that dies takes its runs with it: each fails with what happened, and the next run starts afresh.
    w.on('error', (e) => this.lost(w, `it failed: ${(e as Error).message}`));
    w.on('exit', (code) => this.lost(w, `it stopped unexpectedly (exit code ${code})`));
    return w;
  }

  private lost(w: Worker, what: string): void {
    if (this.worker !== w) return; // ended on purpose (cancel, close)
    this.worker = null;
    this.failAll(new TaggerError('internal', `The object detector's thread ended while it was working: ${what}. Run the detector again; if it keeps failing, restart the app.`));
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }

  private async stop(reason: Error): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    this.failAll(reason);
    if (w) await w.terminate();
  }
}
