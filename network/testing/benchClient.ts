// The client half of tests/bench/node.bench.ts, run as its own process so the node's CPU is measured apart from
// the sender's: leases tasks, pre-signs every submission with ethers, then times sending them in batches.
// Usage: node --import tsx network/testing/benchClient.ts URL[,URL…] ANNOTATORS TASKS_EACH BATCH PHASES_JSON [NODE_PID[,PID…]]
// Several URLs (node processes on one PostgreSQL) are used in turn, like a round-robin load balancer. With NODE_PID
// (Linux), each run also reports the nodes' CPU time per item, main threads and all threads (summed over the
// processes), which stays meaningful when other work shares the machine (wall-clock rates do not).
// PHASES_JSON: [{"name":"…","concurrency":1,"items":4000}, …] — each phase sends fresh items, then resends them.
import fs from 'node:fs';
import { Wallet, hexlify, randomBytes } from 'ethers';
import { DEFAULT_DOMAIN, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { signLeaseRequest, signSubmission, type SignedItem } from './signing.ts';

const [urlsArg, annotatorsArg, tasksArg, batchArg, phasesArg, nodePids] = process.argv.slice(2);
const urls = urlsArg.split(',');
let turn = 0;
const url = urls[0];
const phases = JSON.parse(phasesArg) as { name: string; concurrency: number; items: number }[];
const batchSize = Number(batchArg);

async function post(path: string, body: string): Promise<any> {
  const res = await fetch(`${urls[turn++ % urls.length]}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const info = (await (await fetch(`${url}/v1/info`)).json()) as { domain: TaggerDomain };
const domain = info.domain ?? DEFAULT_DOMAIN;
const items: SignedItem[] = [];
let signMs = 0;
for (let a = 0; a < Number(annotatorsArg); a++) {
  const w = new Wallet(hexlify(randomBytes(32)));
  const { leases } = await post('/v1/leases', JSON.stringify(signLeaseRequest(w, domain, { kinds: ['text'], max: Number(tasksArg) })));
  const t0 = performance.now();
  leases.forEach((l: { taskId: string; projectId: string }, i: number) => items.push(signSubmission(w, domain, l, { nonce: i + 1 })));
  signMs += performance.now() - t0;
}

/** CPU seconds used so far by the nodes' main threads and by all their threads (from /proc; 10 ms resolution). */
function nodeCpu(): { main: number; all: number } | null {
  if (!nodePids) return null;
  try {
    let main = 0;
    let all = 0;
    for (const nodePid of nodePids.split(',')) {
      for (const tid of fs.readdirSync(`/proc/${nodePid}/task`)) {
        const f = fs.readFileSync(`/proc/${nodePid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
        const sec = (Number(f[11]) + Number(f[12])) / 100;
        all += sec;
        if (tid === nodePid) main += sec;
      }
    }
    return { main, all };
  } catch {
    return null;
  }
}

async function send(bodies: string[], concurrency: number): Promise<{ ms: number; latencies: number[]; statuses: Record<string, number>; cpu: { main: number; all: number } | null }> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const cpu0 = nodeCpu();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const s = performance.now();
      const r = await post('/v1/submissions', body);
      latencies.push(performance.now() - s);
      for (const x of r.results) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
    }
  }));
  const ms = performance.now() - t0;
  const cpu1 = nodeCpu();
  return { ms, latencies, statuses, cpu: cpu0 && cpu1 ? { main: cpu1.main - cpu0.main, all: cpu1.all - cpu0.all } : null };
}

const out = [];
let offset = 0;
for (const p of phases) {
  const slice = items.slice(offset, offset + p.items);
  offset += p.items;
  const bodies: string[] = [];
  for (let i = 0; i < slice.length; i += batchSize) bodies.push(JSON.stringify({ items: slice.slice(i, i + batchSize) }));
  const fresh = await send(bodies, p.concurrency);
  const again = await send(bodies, p.concurrency);
  out.push({ ...p, items: slice.length, bytes: bodies.reduce((n, b) => n + b.length, 0), fresh, again });
}
process.stdout.write(`${JSON.stringify({ signed: items.length, signPerSec: items.length / (signMs / 1000), phases: out })}\n`);
