// Sync benchmark: 10,000 signed submissions queued while the node was away, then the time until every one has the
// node's verdict after it comes back (goal < 5 s), through a real `tagger node` process on 127.0.0.1. Also the
// resend of the same 10,000 after lost acknowledgements (all "duplicate"), and how fast Submit signs and queues.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { createCore } from '../../electron/core/createCore.ts';
import { SyncEngine } from '../../electron/sync/syncEngine.ts';
import { OPEN_TO_NEWCOMERS, startNodeProcess, freePort } from '../../network/testing/nodeProcess.ts';
import type { NodeLease } from '../../electron/sync/nodeClient.ts';
import { Wallet } from 'ethers';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import { signedManifest } from '../../network/publish.ts';
import { signLeaseRequest, testRequester } from '../../network/testing/signing.ts';
import { printTable } from './table.ts';

const N = Number(process.env.SYNC_BENCH_N ?? 10_000);
const rows: (string | number)[][] = [];
const cpuSec = (since: NodeJS.CpuUsage) => { const d = process.cpuUsage(since); return (d.user + d.system) / 1e6; };

async function json<T>(url: string, method: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const port = await freePort();
const LIMIT_ARGS = ['--max-leases', String(10 * N), '--max-leases-per-project', String(10 * N), ...OPEN_TO_NEWCOMERS];
let node = await startNodeProcess({ args: ['--port', String(port), ...LIMIT_ARGS] });
const wsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-sync-'));
const core = createCore({ dataDir: wsDir, network: { scryptN: 1024 } });
try {
  // A data provider publishes N tiny text documents (bytes uploaded 16 at a time).
  const docs = Array.from({ length: N }, (_, i) => Buffer.from(`Document ${i}: ${crypto.randomBytes(8).toString('hex')}\n`));
  const shas = docs.map((d) => crypto.createHash('sha256').update(d).digest('hex'));
  const { domain } = await json<{ domain: TaggerDomain }>(`${node.url}/v1/info`, 'GET', undefined);
  await json(`${node.url}/v1/projects`, 'POST', signedManifest(domain, shas.map((sha256, i) => ({ sha256, size: docs[i].length, kind: 'text', mime: 'text/plain', name: `doc-${i}.txt`, difficulty: 1 })), { name: 'Bench', redundancy: 1, baseReward: 1, requester: testRequester }));
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < N) {
      const i = next++;
      const res = await fetch(`${node.url}/v1/assets/${shas[i]}`, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: docs[i] });
      if (!res.ok) throw new Error(`upload ${i}: ${res.status}`);
    }
  }));

  // The workstation leases them all. Tasks are recorded directly (the assets' download is not what this measures).
  core.settings.set({ nodeUrl: node.url });
  const nets = core.network;
  const key = new Wallet(`0x${crypto.randomBytes(32).toString('hex')}`);
  await nets.wallet.import({ kind: 'privateKey', privateKey: key.privateKey, password: 'bench-password' });
  const leases: NodeLease[] = [];
  while (leases.length < N) {
    const got = (await json<{ leases: NodeLease[] }>(`${node.url}/v1/leases`, 'POST', signLeaseRequest(key, domain, { kinds: ['text'], max: 1000 }))).leases;
    if (!got.length) break;
    leases.push(...got);
  }
  const project = core.projects.create({ name: 'Bench' });
  const taskIds: string[] = [];
  core.db.transaction(() => {
    for (const l of leases) {
      core.assets.insertIfMissing({ id: l.asset.sha256, kind: 'text', mime: 'text/plain', originalName: l.asset.name, size: 30, width: null, height: null, durationMs: null, meta: {}, createdAt: Date.now() });
      const t = core.tasks.create(project.id, l.asset.sha256, { sourceNode: node.url });
      core.db.prepare('INSERT INTO node_tasks(task_id, node_url, node_task_id, node_project_id, base_reward) VALUES (?,?,?,?,?)').run(t.id, node.url, l.taskId, l.projectId, 1);
      core.annotations.replaceAll(t.id, [0, 1, 2].map((k) => ({ id: `s${k}`, kind: 'span' as const, label: 'ORG', geometry: { start: k * 4, end: k * 4 + 3 }, attributes: {}, origin: 'human' as const, z: k, hidden: false, locked: false })));
      taskIds.push(t.id);
    }
  })();

  // The node goes away; the annotator submits everything (signed and queued locally).
  const port0 = port;
  await node.stop();
  let t0 = performance.now();
  for (const id of taskIds) nets.submissions.submit(id);
  const signSec = (performance.now() - t0) / 1000;
  rows.push(['Submit: hash + sign + queue (workstation only)', taskIds.length, '—', signSec, taskIds.length / signSec, '—']);

  // It comes back: time until every item has its verdict.
  node = await startNodeProcess({ dataDir: node.dataDir, args: ['--port', String(port0), ...LIMIT_ARGS] });
  t0 = performance.now();
  let cpu0 = process.cpuUsage();
  const first = await nets.engine.syncNow();
  const firstSec = (performance.now() - t0) / 1000;
  rows.push([`Sync after reconnect (${first.accepted} accepted, ${first.rejected} rejected)`, first.sent, String(Math.ceil(first.sent / 2000)), firstSec, first.sent / firstSec, cpuSec(cpu0)]);

  // Acknowledgements lost (e.g. a restored backup): the same items again, all answered "duplicate".
  core.db.prepare("UPDATE submissions SET state = 'queued', acked_at = NULL").run();
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  const again = await nets.engine.syncNow();
  const againSec = (performance.now() - t0) / 1000;
  rows.push([`Resend after lost acks (${again.accepted} duplicate → accepted)`, again.sent, String(Math.ceil(again.sent / 2000)), againSec, again.sent / againSec, cpuSec(cpu0)]);

  // The same resend with one batch at a time, to show what keeping two in flight buys.
  core.db.prepare("UPDATE submissions SET state = 'queued', acked_at = NULL").run();
  const serial = new SyncEngine({ outbox: nets.outbox, memory: nets.memory, nodeUrl: () => node.url, address: () => key.address, emit: () => undefined, now: Date.now, pipeline: 1 });
  t0 = performance.now();
  cpu0 = process.cpuUsage();
  const one = await serial.syncNow();
  const oneSec = (performance.now() - t0) / 1000;
  rows.push([`Resend, one batch in flight instead of two`, one.sent, String(Math.ceil(one.sent / 2000)), oneSec, one.sent / oneSec, cpuSec(cpu0)]);

  printTable(`Sync of ${N.toLocaleString('en')} queued submissions to a node on 127.0.0.1 (goal: < 5 s)`, ['step', 'items', 'batches', 'seconds', 'items/s', 'workstation CPU s'], rows);
} finally {
  await core.close();
  await node.stop();
}
