// Starts a real `tagger node` process on 127.0.0.1 with a temporary data directory (tests, bench, demos).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForLine } from '../../tests/support/server.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface NodeProcess {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash or power cut would. */
  kill(): Promise<void>;
  stderr(): string;
}

export function tempDir(prefix = 'tagger-node-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A port that was free a moment ago, for a node that must come back on the same URL after a stop or crash. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function startNodeProcess(opts: { dataDir?: string; args?: string[] } = {}): Promise<NodeProcess> {
  const dataDir = opts.dataDir ?? tempDir();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'node', '--data', dataDir, '--port', '0', ...(opts.args ?? [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = await waitForLine(proc, /Tagger node: (http:\/\/127\.0\.0\.1:\d+)/, 'tagger node', () => err);
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    // a node that has not stopped 15 s after SIGTERM is killed, so a test run never hangs on it
    const hard = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(hard);
  };
  return { url, dataDir, proc, stop: () => end('SIGTERM'), kill: () => end('SIGKILL'), stderr: () => err };
}
