// Starts a real `tagger node` process on 127.0.0.1 with a temporary data directory (tests, bench, demos).
import { tagToMicro } from '../../shared/microTag.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForLine } from '../../tests/support/server.ts';
import { openNodeStore } from '../store/openNodeStore.ts';
import { TEST_REQUESTER } from './signing.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface NodeProcess {
  url: string;
  dataDir: string;
  /** The PostgreSQL URL it runs on, if any. */
  db?: string;
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

async function onStore(where: { dataDir: string; db?: string }, fn: (store: Awaited<ReturnType<typeof openNodeStore>>) => Promise<void>): Promise<void> {
  const store = await openNodeStore(where);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Credits requesters in a node's store the way `tagger node requesters credit` does (the operator's decision),
 * opening the store in this process; a running node sees the balance at once.
 */
export function creditRequesters(where: { dataDir: string; db?: string }, credits: Record<string, number>): Promise<void> {
  return onStore(where, async (store) => { for (const [address, tag] of Object.entries(credits)) await store.creditRequester(address, tagToMicro(tag), Date.now()); });
}

/** Records stakes the way `tagger node validators stake` does (validators need REVIEW_RULES.validatorMinStake). */
export function stakeWallets(where: { dataDir: string; db?: string }, stakes: Record<string, number>): Promise<void> {
  return onStore(where, async (store) => { for (const [address, tag] of Object.entries(stakes)) await store.setStake(address, tagToMicro(tag), Date.now()); });
}

/**
 * Node flags for tests about something else, whose fresh wallets stand for annotators with accepted work: they lift
 * the newcomer rule (store/leasePlan.ts), which node.attacks.test.ts and the store suite test on the defaults.
 */
export const OPEN_TO_NEWCOMERS = ['--newcomer-leases', '1000000', '--newcomer-share', '1'];
/** The same for a node started in-process (startNode's limits). */
export const OPEN_NEWCOMER_LIMITS = { newcomerLeasesPerProject: 1_000_000, newcomerShare: 1 };

export interface NodeProcessOptions {
  dataDir?: string;
  /** postgres://… to run on PostgreSQL (see testing/postgres.ts). */
  db?: string;
  args?: string[];
  /** Requester balances (TAG) to credit before the start; default: TEST_REQUESTER gets 1e8 TAG (false: none). */
  credit?: Record<string, number> | false;
}

export async function startNodeProcess(opts: NodeProcessOptions = {}): Promise<NodeProcess> {
  const dataDir = opts.dataDir ?? tempDir();
  if (opts.credit !== false) await creditRequesters({ dataDir, db: opts.db }, opts.credit ?? { [TEST_REQUESTER.address]: 1e8 });
  const dbArgs = opts.db ? ['--db', opts.db] : [];
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'node', '--data', dataDir, '--port', '0', ...dbArgs, ...(opts.args ?? [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return { url, dataDir, db: opts.db, proc, stop: () => end('SIGTERM'), kill: () => end('SIGKILL'), stderr: () => err };
}
