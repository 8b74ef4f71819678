// Starts a real `tagger serve` process on a temporary data directory and returns its URL (used by e2e and bench).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  proc: ChildProcess;
  stop(): Promise<void>;
  /** Kills the process hard (SIGKILL), as a crash or power loss would. */
  kill(): Promise<void>;
}

export function tempDataDir(prefix = 'tagger-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Waits until the process prints `pattern` on stdout and returns its first group; rejects with the stderr seen
 *  so far if it exits first or takes longer than 30 s. Shared by every helper that starts a `tagger` process. */
export function waitForLine(proc: ChildProcess, pattern: RegExp, what: string, stderr: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s:\n${stderr()}`)), 30000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${stderr()}`));
    });
  });
}

/** allowPaths: folders the page may import from and export to (`--allow-path`); by default the system temp
 *  folder, where tests make their files. Pass [] to hold the page to the data directory's exchange folder. */
export async function startServer(opts: { dataDir?: string; demo?: boolean; args?: string[]; env?: NodeJS.ProcessEnv; allowPaths?: string[] } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const allow = (opts.allowPaths ?? [os.tmpdir()]).flatMap((d) => ['--allow-path', d]);
  const args = [path.join(ROOT, 'bin/tagger.js'), 'serve', '--data', dataDir, '--port', '0', ...(opts.demo === false ? [] : ['--demo']), ...allow, ...(opts.args ?? [])];
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const url = await waitForLine(proc, /Tagger Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 'tagger serve', () => stderr);
  const u = new URL(url);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    dataDir,
    proc,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
