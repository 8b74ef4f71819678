// `tagger serve` (local web mode) and `tagger start` (desktop window where Electron exists, else web mode).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { CliCommand, CliContext } from './command.ts';
import { createCore } from '../core/createCore.ts';
import { ensureDemoProject } from '../core/demo.ts';
import { PROJECT_ROOT, RENDERER_DIST } from '../core/paths.ts';
import crypto from 'node:crypto';
import { startWebServer } from '../server/webServer.ts';
import { createPathPolicy, exchangeDir } from '../server/pathPolicy.ts';
import { TaggerError } from '../../shared/errors.ts';
import { bundlePathsIn, openedBundlesFor } from '../bundles/openedFiles.ts';

function parsePort(v: unknown): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TaggerError('invalid_argument', `--port must be a whole number from 0 to 65535 (0 picks a free port), not "${String(v)}".`);
  return n;
}

/** Folders named with --allow-path: they must exist, and are taken as real paths. */
function allowedFolders(v: unknown): string[] {
  const list = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  return list.map((d) => {
    const abs = path.resolve(d);
    if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) throw new TaggerError('invalid_argument', `--allow-path ${d}: no such folder. Name an existing folder the page may import from and export to.`);
    return abs;
  });
}

async function serve(ctx: CliContext, demo: boolean): Promise<number> {
  const port = parsePort(ctx.values.port);
  const core = createCore({ dataDir: ctx.dataDir, mode: 'web', background: true, lock: 'serve' });
  try {
    if (demo || !core.projects.list().length) {
      if (await ensureDemoProject(core)) process.stderr.write('Demo project installed.\n');
    }
    // `tagger serve FILE.tagger` (and `start` without Electron): the page opens Import/Export on the bundle and may
    // read that file, not the rest of the folder it lies in
    const opened = bundlePathsIn(ctx.positionals, process.cwd());
    openedBundlesFor(core).add(opened);
    const paths = createPathPolicy([exchangeDir(ctx.dataDir), ...allowedFolders(ctx.values['allow-path'])], opened);
    const ownerKey = crypto.randomBytes(24).toString('base64url');
    const timeout = Number(process.env.TAGGER_WEB_REQUEST_TIMEOUT_MS);
    const server = await startWebServer({ core, port, staticDir: RENDERER_DIST, paths, ownerKey, requestTimeoutMs: timeout > 0 ? timeout : undefined });
    core.lock?.setUrl(server.url, ownerKey);
    process.stderr.write(`Data: ${ctx.dataDir}\nFiles: the page imports and exports only in ${paths.roots.join(', ')}${paths.files.length ? `, and reads ${paths.files.join(', ')}` : ''}\n`);
    process.stdout.write(`Tagger Workstation: ${server.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  } finally {
    await core.close();
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'serve [--data DIR] [--port N] [--demo] [--allow-path FOLDER]… [FILE.tagger]',
  summary: 'run the app as a local web page on 127.0.0.1 (prints its URL with an access token); the page reads and writes files only in DIR/exchange and each --allow-path FOLDER',
  options: { port: { type: 'string' }, demo: { type: 'boolean' }, 'allow-path': { type: 'string', multiple: true } },
  run: (ctx) => serve(ctx, !!ctx.values.demo),
};

/** Path of the Electron runtime when it is installed, or why it is not. */
export function electronRuntime(): { path: string } | { missing: string } {
  try {
    const require = createRequire(path.join(PROJECT_ROOT, 'package.json'));
    const p = require('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { missing: 'the Electron runtime binary is not installed' };
  } catch {
    return { missing: "the Electron runtime is not installed (its download is turned off in package.json so that `npm ci` needs only the npm registry)" };
  }
}

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start [--data DIR] [--port N] [--demo] [--allow-path FOLDER]… [FILE.tagger]',
  summary: 'open the desktop window, or local web mode where no Electron runtime is installed',
  options: { port: { type: 'string' }, demo: { type: 'boolean' }, 'allow-path': { type: 'string', multiple: true } },
  async run(ctx) {
    const rt = electronRuntime();
    const main = path.join(PROJECT_ROOT, 'dist', 'electron', 'main.cjs');
    if ('path' in rt && fs.existsSync(main)) {
      const child = spawn(rt.path, [main, `--data=${ctx.dataDir}`, ...(ctx.values.demo ? ['--demo'] : []), ...bundlePathsIn(ctx.positionals, process.cwd())], { stdio: 'inherit' });
      return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
    }
    const why = 'path' in rt ? `the desktop shell is not built (${main}; run npm run build:electron)` : rt.missing;
    process.stderr.write(`Desktop window unavailable: ${why}. Starting local web mode instead; open the URL below in a browser.\n`);
    return serve(ctx, true);
  },
};
