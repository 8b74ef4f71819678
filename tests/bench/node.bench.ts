// Signed submissions through real node processes end to end (HTTP in, signature verified in workers, stored,
// acknowledged) from a separate client process, on SQLite (1 process) and on PostgreSQL (1 and 2 processes behind
// round-robin); lease throughput with 1,000 annotators asking at once on each; beside them the raw per-core rates of
// each verification step and of ethers' verifyTypedData, so the ratio shows. A few minutes.
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
import { OPEN_TO_NEWCOMERS, startNodeProcess, tempDir, ROOT, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { startPostgres } from '../../network/testing/postgres.ts';
import { signLeaseRequest, signSubmission, testRequester } from '../../network/testing/signing.ts';
import { printTable, stats } from './table.ts';

const TASKS = 1000;
const ANNOTATORS = 12;
const BATCH = 1000;
const PHASES = [
  { name: 'warm-up (JIT, signer keys)', concurrency: 2, items: 2000 },
  { name: 'batches of 1000, 4 in flight', concurrency: 4, items: 8000 },
];
const LEASE_ANNOTATORS = 1000;

type Setup = { label: string; processes: number; db?: string };

/** Starts the node processes of a setup (several share one PostgreSQL database and one --data directory). */
async function startSetup(s: Setup): Promise<NodeProcess[]> {
  const dataDir = tempDir();
  // the simulated annotators are fresh wallets standing for annotators with accepted work (as before the newcomer rule)
  const first = await startNodeProcess({ db: s.db, dataDir, args: OPEN_TO_NEWCOMERS });
  const rest = await Promise.all(Array.from({ length: s.processes - 1 }, () => startNodeProcess({ db: s.db, dataDir, credit: false, args: OPEN_TO_NEWCOMERS })));
  return [first, ...rest];
}

type Run = { ms: number; latencies: number[]; statuses: Record<string, number>; cpu: { main: number; all: number } | null };

async function endToEnd(s: Setup, rows: (string | number)[][]): Promise<void> {
  const nodes = await startSetup(s);
  try {
    const dir = tempDir('tagger-bench-assets-');
    for (let i = 0; i < TASKS; i++) fs.writeFileSync(path.join(dir, `t${i}.txt`), `bench task ${i}`);
    await publishFiles([dir], { requester: testRequester, node: nodes[0].url, name: 'Bench', redundancy: ANNOTATORS, baseReward: 1 });
    const client = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'network/testing/benchClient.ts'), nodes.map((n) => n.url).join(','), String(ANNOTATORS), String(TASKS), String(BATCH), JSON.stringify(PHASES), nodes.map((n) => n.proc.pid).join(',')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    client.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((r) => client.on('exit', r));
    if (code !== 0) throw new Error(`bench client exited with ${code}`);
    const r = JSON.parse(out) as { signed: number; signPerSec: number; phases: { name: string; items: number; bytes: number; fresh: Run; again: Run }[] };
    for (const p of r.phases) {
      for (const [what, run] of [['new', p.fresh], ['resent (duplicates)', p.again]] as const) {
        const st = stats(run.latencies);
        const mainUs = run.cpu ? (run.cpu.main * 1e6) / p.items : NaN;
        const allUs = run.cpu ? (run.cpu.all * 1e6) / p.items : NaN;
        rows.push([s.label, p.name, what, p.items, Math.round(p.items / (run.ms / 1000)), st.p50, st.p95, mainUs, allUs, Object.entries(run.statuses).map(([k, v]) => `${k} ${v}`).join(', ')]);
      }
    }
  } finally {
    for (const n of nodes) await n.stop();
  }
}

/** LEASE_ANNOTATORS wallets ask at once (pre-signed requests, up to 250 in flight) for 5 tasks each. */
async function leaseThroughput(s: Setup, rows: (string | number)[][]): Promise<void> {
  const nodes = await startSetup(s);
  try {
    const dir = tempDir('tagger-bench-assets-');
    for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(dir, `l${i}.txt`), `lease task ${i}`);
    await publishFiles([dir], { requester: testRequester, node: nodes[0].url, name: 'Leases', redundancy: 3, baseReward: 1 });
    const bodies = Array.from({ length: LEASE_ANNOTATORS }, () => JSON.stringify(signLeaseRequest(new Wallet(hexlify(randomBytes(32))), DEFAULT_DOMAIN, { kinds: ['text'], max: 5 })));
    const latencies: number[] = [];
    let leased = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 250 }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const t = performance.now();
        const res = await fetch(`${nodes[i % nodes.length].url}/v1/leases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bodies[i] });
        if (!res.ok) throw new Error(`lease: ${res.status} ${await res.text()}`);
        leased += ((await res.json()) as { leases: unknown[] }).leases.length;
        latencies.push(performance.now() - t);
      }
    }));
    const ms = performance.now() - t0;
    const st = stats(latencies);
    rows.push([s.label, LEASE_ANNOTATORS, leased, Math.round(LEASE_ANNOTATORS / (ms / 1000)), Math.round(leased / (ms / 1000)), st.p50, st.p95]);
  } finally {
    for (const n of nodes) await n.stop();
  }
}

async function endToEndAll(): Promise<void> {
  const cluster = await startPostgres();
  try {
    const setups: Setup[] = [
      { label: 'SQLite, 1 process', processes: 1 },
      { label: 'PostgreSQL, 1 process', processes: 1, db: await cluster.createDatabase() },
      { label: 'PostgreSQL, 2 processes', processes: 2, db: await cluster.createDatabase() },
    ];
    const rows: (string | number)[][] = [];
    for (const s of setups) await endToEnd(s, rows);
    printTable(`Node end to end: signed submissions ingested (${os.availableParallelism()} cores; ${ANNOTATORS} annotators × ${TASKS} tasks, pre-signed by a client process)`,
      ['store', 'run', 'items', 'count', 'submissions/s', 'batch p50 ms', 'batch p95 ms', 'node main CPU µs/item', 'node CPU µs/item', 'verdicts'], rows);
    const leaseRows: (string | number)[][] = [];
    const leaseSetups: Setup[] = [
      { label: 'SQLite, 1 process', processes: 1 },
      { label: 'PostgreSQL, 1 process', processes: 1, db: await cluster.createDatabase() },
      { label: 'PostgreSQL, 2 processes', processes: 2, db: await cluster.createDatabase() },
    ];
    for (const s of leaseSetups) await leaseThroughput(s, leaseRows);
    printTable(`Lease throughput: ${LEASE_ANNOTATORS} annotators ask at once (signed requests, 250 in flight, 5 tasks each of 2,000 × k=3)`,
      ['store', 'requests', 'leases granted', 'requests/s', 'leases/s', 'p50 ms', 'p95 ms'], leaseRows);
    console.log(`Load average when done: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (wall-clock rates shrink when other work shares the ${os.availableParallelism()} cores; CPU per item does not).`);
  } finally {
    await cluster.stop();
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
await endToEndAll();
raw.print();
console.log(`(node bench took ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
