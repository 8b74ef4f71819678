// Signed submissions through a real node end to end (HTTP in, signature verified in workers, stored in SQLite,
// acknowledged), from a separate client process; beside it the raw per-core rates of each verification step and
// of ethers' verifyTypedData, so the ratio shows. Bounded to about two minutes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TypedDataEncoder, Wallet, hexlify, randomBytes, verifyTypedData } from 'ethers';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { DEFAULT_DOMAIN, SUBMISSION_TYPES } from '../../shared/signing/typedData.ts';
import { createSubmissionHasher } from '../../shared/signing/submissionDigest.ts';
import { keccak256Native, recoverAddress } from '../../network/verify/nativeCrypto.ts';
import { verifyItem } from '../../network/verify/verifyItems.ts';
import { publishFiles } from '../../network/publish.ts';
import { startNodeProcess, tempDir, ROOT } from '../../network/testing/nodeProcess.ts';
import { signSubmission, testRequester } from '../../network/testing/signing.ts';
import { printTable, stats } from './table.ts';

const TASKS = 1000;
const ANNOTATORS = 18;
const BATCH = 1000;
const PHASES = [
  { name: 'warm-up (JIT, signer keys)', concurrency: 2, items: 2000 },
  { name: 'batches of 1000, 1 in flight', concurrency: 1, items: 6000 },
  { name: 'batches of 1000, 4 in flight', concurrency: 4, items: 10000 },
];

async function endToEnd(ethersPerCore: number): Promise<void> {
  const node = await startNodeProcess();
  try {
    const dir = tempDir('tagger-bench-assets-');
    for (let i = 0; i < TASKS; i++) fs.writeFileSync(path.join(dir, `t${i}.txt`), `bench task ${i}`);
    await publishFiles([dir], { requester: testRequester, node: node.url, name: 'Bench', redundancy: ANNOTATORS, baseReward: 1 });
    const client = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'network/testing/benchClient.ts'), node.url, String(ANNOTATORS), String(TASKS), String(BATCH), JSON.stringify(PHASES), String(node.proc.pid)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    client.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => client.on('exit', r));
    if (code !== 0) throw new Error(`bench client exited with ${code}`);
    const r = JSON.parse(out) as { signed: number; signPerSec: number; phases: { name: string; items: number; bytes: number; fresh: Run; again: Run }[] };
    type Run = { ms: number; latencies: number[]; statuses: Record<string, number>; cpu: { main: number; all: number } | null };
    const rows: (string | number)[][] = [];
    for (const p of r.phases) {
      for (const [what, run] of [['new', p.fresh], ['resent (duplicates)', p.again]] as const) {
        const s = stats(run.latencies);
        const mainUs = run.cpu ? (run.cpu.main * 1e6) / p.items : NaN;
        const allUs = run.cpu ? (run.cpu.all * 1e6) / p.items : NaN;
        // what the node's own CPU use allows on idle cores: all threads share the cores, the main thread is serial
        const capacity = Math.min(1e6 / mainUs, (os.availableParallelism() * 1e6) / allUs);
        rows.push([p.name, what, p.items, Math.round(p.items / (run.ms / 1000)), s.p50, s.p95, mainUs, allUs, Math.round(capacity), Object.entries(run.statuses).map(([k, v]) => `${k} ${v}`).join(', ')]);
      }
    }
    rows.push(['ethers verifyTypedData on every core (ceiling of an ethers-only node)', '', '', Math.round(ethersPerCore * os.availableParallelism()), '', '', '', '', '', '']);
    printTable(`Node end to end (${os.availableParallelism()} cores; client pre-signed ${r.signed} at ${Math.round(r.signPerSec)}/s with ethers; ~${Math.round(r.phases[0].bytes / r.phases[0].items)} B/item)`,
      ['run', 'items', 'count', 'submissions/s', 'batch p50 ms', 'batch p95 ms', 'node main CPU µs/item', 'node CPU µs/item', 'CPU-bound capacity/s', 'verdicts'], rows);
    console.log(`Load average when done: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (wall-clock rates shrink when other work shares the ${os.availableParallelism()} cores; the capacity column is the rate the node's measured CPU per item allows on idle cores).`);
  } finally {
    await node.stop();
  }
}

function rate(fn: (i: number) => unknown, budgetMs: number, minIter = 20): { perSec: number; n: number } {
  for (let i = 0; i < Math.min(50, minIter); i++) fn(i);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < budgetMs || n < minIter) fn(n++);
  return { perSec: n / ((performance.now() - t0) / 1000), n };
}

function rawRates(): { print(): void; ethersPerCore: number } {
  const wallet = new Wallet(hexlify(randomBytes(32)));
  const items = Array.from({ length: 256 }, (_, i) => signSubmission(wallet, DEFAULT_DOMAIN, { taskId: `t_${i.toString(16).padStart(24, '0')}`, projectId: 'p_0123456789abcdef01234567' }, { nonce: i + 1 }));
  const types = { Submission: [...SUBMISSION_TYPES.Submission] };
  const noble = createSubmissionHasher(keccak_256);
  const native = createSubmissionHasher(keccak256Native);
  const digests = items.map((it) => native.digest(DEFAULT_DOMAIN, it.message));
  const k = (i: number) => items[i % items.length];
  const rows: [string, { perSec: number; n: number }][] = [
    ['ethers verifyTypedData (hash + recover + address)', rate((i) => verifyTypedData(DEFAULT_DOMAIN, types, k(i).message, k(i).signature), 1500)],
    ['ethers TypedDataEncoder.hash', rate((i) => TypedDataEncoder.hash(DEFAULT_DOMAIN, types, k(i).message), 1000)],
    ['hand-built digest, @noble/hashes keccak', rate((i) => noble.digest(DEFAULT_DOMAIN, k(i).message), 1000)],
    ['hand-built digest, native keccak', rate((i) => native.digest(DEFAULT_DOMAIN, k(i).message), 1000)],
    ['native secp256k1 recover + address', rate((i) => recoverAddress(digests[i % digests.length], k(i).signature), 1000)],
    ['node verifyItem (digest + recover + content hash)', rate((i) => verifyItem(DEFAULT_DOMAIN, k(i)), 1500)],
  ];
  const base = rows[0][1].perSec;
  const print = () => printTable('Verification per core (single thread)', ['step', 'per second', 'µs each', '× ethers verifyTypedData'], rows.map(([name, r]) => [name, Math.round(r.perSec), 1e6 / r.perSec, r.perSec / base]));
  return { print, ethersPerCore: base };
}

const t0 = Date.now();
const raw = rawRates();
await endToEnd(raw.ethersPerCore);
raw.print();
console.log(`(node bench took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
