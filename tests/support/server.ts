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

export async function startServer(opts: { dataDir?: string; demo?: boolean; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const args = [path.join(ROOT, 'bin/tagger.js'), 'serve', '--data', dataDir, '--port', '0', ...(opts.demo === false ? [] : ['--demo']), ...(opts.args ?? [])];
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`tagger serve did not start in 30 s:\n${stderr}`)), 30000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /Tagger Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tagger serve exited with ${code}:\n${stderr}`));
    });
  });
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
