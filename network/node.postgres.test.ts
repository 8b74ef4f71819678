// Two `tagger node` processes on one PostgreSQL database (sharing --data for asset bytes), 1,000 simulated
// annotators racing for leases through both, then submitting; one process is SIGKILLed mid-batch and the lost
// batches are resent to the other. Nothing may be leased beyond k, twice to one annotator, paid twice, or beyond
// the budget.
import { MICRO_PER_TAG } from '../shared/microTag.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Wallet, hexlify, randomBytes } from 'ethers';
import { DEFAULT_DOMAIN } from '../shared/signing/typedData.ts';
import { publishFiles } from './publish.ts';
import { OPEN_TO_NEWCOMERS, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { startPostgres, type PostgresCluster } from './testing/postgres.ts';
import { api, leaseAs, signSubmission, testRequester, type SignedItem } from './testing/signing.ts';

const ANNOTATORS = 1000;
const TASKS = 200;
const K = 3;
const REWARD = 2;

let cluster: PostgresCluster;
const nodes: NodeProcess[] = [];
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const n of nodes) await n.stop();
  await cluster?.stop();
}, 60_000);

/** Runs `work` over `items` with at most `n` at a time. */
async function pooled<T, R>(items: T[], n: number, work: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  }));
  return out;
}

/** Two node processes on a fresh database (sharing --data) and a published project of `tasks` text tasks. */
async function twoNodesWithProject(tasks: number, redundancy: number, baseReward: number, name: string) {
  const db = await cluster.createDatabase();
  const dataDir = tempDir();
  // generous body deadline: these tests are about the store, and a busy CI machine may starve the processes
  const args = ['--workers', '1', '--body-timeout', '300', ...OPEN_TO_NEWCOMERS];
  const [a, b] = await Promise.all([startNodeProcess({ db, dataDir, args }), startNodeProcess({ db, dataDir, credit: false, args })]);
  nodes.push(a, b);
  const files = tempDir('tagger-pg-assets-');
  for (let i = 0; i < tasks; i++) fs.writeFileSync(path.join(files, `t${i}.txt`), `task ${i}`);
  const { projectId, budget } = await publishFiles([files], { requester: testRequester, node: a.url, name, redundancy, baseReward });
  return { db, a, b, projectId, budget };
}

describe('several node processes on one PostgreSQL', () => {
  it('supply equal to demand: 1,000 annotators each asking for one lease through two processes all get one (no slot lost to a row lock)', async () => {
    // 250 tasks × k=4 = 1,000 slots for 1,000 annotators: a request that skips a task locked by another
    // request (SKIP LOCKED) and gives up leaves its annotator with nothing while slots stay free
    const { db, a, b, projectId } = await twoNodesWithProject(ANNOTATORS / 4, 4, 1, 'Exact');
    const wallets = Array.from({ length: ANNOTATORS }, () => new Wallet(hexlify(randomBytes(32))));
    const got = await pooled(wallets, 100, async (w, i) => {
      const x = await leaseAs(i % 2 ? a.url : b.url, w, ['text'], 1);
      expect(x.status).toBe(200);
      return x.body.leases.filter((l) => l.projectId === projectId).length;
    });
    expect(got.filter((n) => n !== 1).length).toBe(0);
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      const perTask = (await c.query('SELECT count(*)::int AS n FROM leases GROUP BY task_seq')).rows.map((r) => r.n);
      expect(perTask.length).toBe(ANNOTATORS / 4);
      expect(perTask.every((n) => n === 4)).toBe(true);
    } finally {
      await c.end();
    }
    await Promise.all([a.stop(), b.stop()]);
  }, 180_000);

  it('1,000 annotators racing through two processes: at most k per task, none twice, each paid once, budget intact, through a kill -9', async () => {
    const { db, a, b, projectId, budget } = await twoNodesWithProject(TASKS, K, REWARD, 'Race');
    expect(budget).toBe(TASKS * K * REWARD);

    // every annotator asks one of the two processes, all at once, for more than there is (3,000 for 600 slots)
    const wallets = Array.from({ length: ANNOTATORS }, () => new Wallet(hexlify(randomBytes(32))));
    const leased = await pooled(wallets, 100, async (w, i) => {
      const x = await leaseAs(i % 2 ? a.url : b.url, w, ['text'], K);
      expect(x.status).toBe(200);
      return x.body.leases.filter((l) => l.projectId === projectId);
    });
    const slots = leased.flat().length;
    expect(slots).toBe(TASKS * K); // every slot is taken, none twice
    for (const l of leased) expect(new Set(l.map((x) => x.taskId)).size).toBe(l.length);

    // the signed work goes in batches of 40 items (many annotators' each), alternately to a and b; a is killed as its
    // first answer arrives, with its other batches in flight
    const items = leased.flatMap((l, i) => l.map((x, k) => signSubmission(wallets[i], DEFAULT_DOMAIN, x, { nonce: k + 1 })));
    const batches: SignedItem[][] = [];
    for (let i = 0; i < items.length; i += 40) batches.push(items.slice(i, i + 40));
    const acknowledged = new Map<string, number>();
    const sends = batches.map((batch, i) => api((i % 2 ? a : b).url + '/v1/submissions', 'POST', { items: batch }).then((r) => {
      for (const x of r.body.results) if (x.status !== 'rejected') acknowledged.set(x.id, x.reward);
      return r.status === 200;
    }, () => false));
    await Promise.race(sends.filter((_, i) => i % 2 === 1));
    await a.kill();
    const delivered = await Promise.all(sends);
    expect(delivered.some((x) => !x)).toBe(true);

    // the workstations resend what they did not see acknowledged, to the process still up
    const resend: SignedItem[][] = batches.filter((_, i) => !delivered[i]);
    const again = await pooled(resend, 4, (batch) => api(`${b.url}/v1/submissions`, 'POST', { items: batch }));
    for (const r of again) {
      expect(r.status).toBe(200);
      for (const x of r.body.results) {
        expect(x.status === 'accepted' || x.status === 'duplicate').toBe(true);
        acknowledged.set(x.id, x.reward);
      }
    }
    expect(acknowledged.size).toBe(slots);

    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      const one = async (sql: string) => Object.values((await c.query(sql)).rows[0])[0];
      expect(Number(await one('SELECT count(*) FROM submissions'))).toBe(slots);
      expect(Number(await one('SELECT count(*) FROM rewards'))).toBe(slots);
      expect(Number(await one(`SELECT count(*) FROM (SELECT task_seq FROM leases GROUP BY task_seq HAVING count(*) > ${K}) x`))).toBe(0);
      expect(Number(await one(`SELECT count(*) FROM tasks WHERE accepted <> ${K} OR "full" <> 1`))).toBe(0);
      // the ledger keeps whole micro-TAG (bigint columns, read back as exact integers)
      expect(Number(await one('SELECT coalesce(sum(amount), 0) FROM rewards'))).toBe(slots * REWARD * MICRO_PER_TAG);
      const p = (await c.query('SELECT budget, spent FROM projects WHERE id = $1', [projectId])).rows[0];
      expect(p).toEqual({ budget: String(TASKS * K * REWARD * MICRO_PER_TAG), spent: String(slots * REWARD * MICRO_PER_TAG) });
    } finally {
      await c.end();
    }
  }, 180_000);
});
