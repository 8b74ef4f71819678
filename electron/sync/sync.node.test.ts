// The workstation against a real `tagger node` process on 127.0.0.1: pulling work, submitting, and the faults
// that must lose nothing and duplicate nothing (node down, node dying mid-batch, lost acknowledgements, the
// same batch twice, a slow link, a skewed clock, a corrupted download).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TO_NEWCOMERS, startNodeProcess, ROOT, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { startPostgres, type PostgresCluster } from '../../network/testing/postgres.ts';
import { annotate, localTask, nodeRewards, nodeTaskIds, openWorkstation, publishTexts, retarget, type Workstation } from './testing/workstation.ts';
import { startDelayProxy, startHttpProxy } from './testing/proxies.ts';
import { testRequester } from '../../network/testing/signing.ts';
import { publishFiles } from '../../network/publish.ts';
import { SyncEngine } from './syncEngine.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

// the fault tests run twice: against a node on its embedded SQLite store, and on PostgreSQL (one database per node;
// a node restarted on the same data directory comes back on the same database)
let postgres: PostgresCluster | null = null;
const databaseOf = new Map<string, string>();

async function node(opts: { dataDir?: string; port?: number } = {}): Promise<NodeProcess> {
  const db = postgres ? (opts.dataDir ? databaseOf.get(opts.dataDir) : await postgres.createDatabase()) : undefined;
  const n = await startNodeProcess({ dataDir: opts.dataDir, db, args: [...OPEN_TO_NEWCOMERS, ...(opts.port ? ['--port', String(opts.port)] : [])] });
  if (db) databaseOf.set(n.dataDir, db);
  cleanups.push(() => n.stop());
  return n;
}

async function workstation(opts: Parameters<typeof openWorkstation>[0]): Promise<Workstation> {
  const ws = await openWorkstation(opts);
  cleanups.push(() => ws.close());
  return ws;
}

/** A node with a published project and a workstation that leased `n` of its tasks, annotated and submitted them. */
async function submitted(n: number, opts: { baseReward?: number } = {}) {
  const nd = await node();
  await publishTexts(nd.url, n, { baseReward: opts.baseReward ?? 2 });
  const ws = await workstation({ nodeUrl: nd.url });
  const pull = await ws.net.puller.pull(nd.url, ws.net.wallet.signer(), { max: n });
  expect(pull.newTasks).toBe(n);
  const ids = nodeTaskIds(ws.core);
  for (const id of ids) {
    annotate(ws.core, id);
    ws.net.submissions.submit(id);
  }
  return { nd, ws, ids };
}

const port = (url: string) => Number(new URL(url).port);

describe('sync with a real node', { timeout: 120_000 }, () => {
  it('pulls leased tasks with verified assets, then a submission is accepted with its reward', async () => {
    const nd = await node();
    await publishTexts(nd.url, 3, { baseReward: 2.5, name: 'News' });
    const ws = await workstation({ nodeUrl: nd.url });
    const pull = await ws.net.puller.pull(nd.url, ws.net.wallet.signer());
    expect(pull).toMatchObject({ leases: 3, newTasks: 3, projects: ['News'], failed: [] });
    const ids = nodeTaskIds(ws.core);
    const task = ws.core.tasks.get(ids[0]);
    expect(task).toMatchObject({ sourceNode: nd.url, status: 'todo' });
    expect(fs.readFileSync(ws.core.media.pathOf(task.assetId), 'utf8')).toMatch(/^Document \d+/);
    expect(ws.core.projects.get(task.projectId).name).toBe('News');
    // Pulling again brings nothing twice.
    expect((await ws.net.puller.pull(nd.url, ws.net.wallet.signer())).newTasks).toBe(0);
    expect(nodeTaskIds(ws.core)).toHaveLength(3);

    annotate(ws.core, ids[0]);
    ws.net.submissions.submit(ids[0]);
    const local = localTask(ws.core); // not the node's: it must be rejected with the node's reason
    ws.net.submissions.submit(local);
    const report = await ws.net.engine.syncNow();
    expect(report).toMatchObject({ online: true, sent: 2, accepted: 1, rejected: 1, remaining: 0, error: null });
    expect(ws.core.tasks.get(ids[0]).status).toBe('accepted');
    expect(ws.core.tasks.get(local).status).toBe('rejected');
    const [rejected] = ws.net.outbox.list({ state: ['rejected'] });
    expect(rejected.reason).toMatch(/unknown task/);
    expect(ws.net.outbox.list({ state: ['accepted'] })[0]).toMatchObject({ taskId: ids[0], reward: 2.5 });
    expect(ws.net.totalReward(ws.address)).toBe(2.5);
    expect(ws.net.engine.status()).toMatchObject({ online: true, pending: 0, lastError: null });
  });

  it('says why the node leased fewer than asked, and a project asking for stake is refused with the node\'s reason, not "try again"', async () => {
    // A node with its default newcomer rules: a wallet with no accepted work holds one open lease per project.
    const nd = await startNodeProcess({});
    cleanups.push(() => nd.stop());
    await publishTexts(nd.url, 4, { name: 'News' });
    const ws = await workstation({ nodeUrl: nd.url });
    const r = await ws.net.puller.pull(nd.url, ws.net.wallet.signer(), { max: 4 });
    expect(r).toMatchObject({ newTasks: 1, failed: [] });
    expect(r.limitedBy).toMatch(/no accepted work on this node yet, so you may hold 1 open lease/);

    const staked = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
    cleanups.push(() => staked.stop());
    const dir = fs.mkdtempSync(path.join(ws.dataDir, 'pub-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'A staked document.\n');
    await publishFiles([dir], { requester: testRequester, node: staked.url, name: 'Staked', redundancy: 1, baseReward: 1, requirements: { minStake: '50' } });
    const refused = await ws.net.puller.pull(staked.url, ws.net.wallet.signer()).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/asks its annotators to have 50 TAG staked; .* has 0 TAG staked.*No tasks were fetched\.$/) });
    expect((refused as Error).message).not.toMatch(/try again when the node is reachable/);
  });

  it('images and audio from a node arrive with their dimensions and duration, under the project\'s schema', async () => {
    const nd = await node();
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/demo/schema.json'), 'utf8'));
    await publishFiles([path.join(ROOT, 'resources/demo/images/street-2.png'), path.join(ROOT, 'resources/demo/audio/chimes.wav')], { requester: testRequester, node: nd.url, name: 'Media', redundancy: 1, baseReward: 1, schema });
    const ws = await workstation({ nodeUrl: nd.url });
    const r = await ws.net.puller.pull(nd.url, ws.net.wallet.signer(), { kinds: ['image', 'audio'] });
    expect(r).toMatchObject({ newTasks: 2, failed: [] });
    const assets = nodeTaskIds(ws.core).map((id) => ws.core.assets.get(ws.core.tasks.get(id).assetId));
    const image = assets.find((a) => a.kind === 'image')!;
    const audio = assets.find((a) => a.kind === 'audio')!;
    expect(image).toMatchObject({ originalName: 'street-2.png', mime: 'image/png' });
    expect(image.width).toBeGreaterThan(0);
    expect(audio.durationMs).toBeGreaterThan(0);
    const project = ws.core.projects.get(ws.core.tasks.get(nodeTaskIds(ws.core)[0]).projectId);
    expect(project.schema.image?.labels.length).toBe(schema.image.labels.length);
  });

  faultTests();

  it('a large backlog shows progress as a job, batch by batch', async () => {
    const { ws } = await submitted(6);
    const events: { title: string; done: number; total: number; state: string }[] = [];
    ws.core.events.subscribe((name, p) => name === 'progress' && events.push(p as (typeof events)[number]));
    const engine = new SyncEngine({
      outbox: ws.net.outbox, memory: ws.net.memory, nodeUrl: () => ws.core.settings.get().nodeUrl, address: () => ws.address, emit: () => undefined, now: Date.now,
      batchSize: 2, progressThreshold: 5, runJob: (title, work) => ws.core.jobs.run(title, work),
    });
    expect(await engine.syncNow()).toMatchObject({ accepted: 6 });
    expect(events.at(-1)).toMatchObject({ title: 'Sync 6 submissions', done: 6, total: 6, state: 'finished' });
    expect(events.filter((e) => e.state === 'running').length).toBeGreaterThanOrEqual(1);
  });

  it('a slow link delivers everything; a stalled one leaves items queued and reports offline', async () => {
    const { nd, ws } = await submitted(20);
    const slow = await startDelayProxy(nd.url, 150);
    cleanups.push(() => slow.close());
    retarget(ws, slow.url);
    slow.setDelay(10_000);
    const stalled = await ws.net.engine.syncNow();
    expect(stalled).toMatchObject({ online: false, remaining: 20, error: expect.stringMatching(/no answer within 5 s/) });
    slow.setDelay(150);
    const t0 = Date.now();
    const report = await ws.net.engine.syncNow();
    expect(report).toMatchObject({ online: true, accepted: 20, remaining: 0 });
    expect(Date.now() - t0).toBeGreaterThan(600);
    expect(slow.bytes()).toBeGreaterThan(10_000);
  });

  it('a clock an hour fast: the node rejects with its reason, and after contact the offset is corrected', async () => {
    const nd = await node();
    await publishTexts(nd.url, 2);
    const skew = 3_600_000;
    const ws = await workstation({ nodeUrl: nd.url, now: () => Date.now() + skew });
    await ws.net.puller.pull(nd.url, ws.net.wallet.signer());
    const [a, b] = nodeTaskIds(ws.core);
    annotate(ws.core, a);
    ws.net.submissions.submit(a);
    const first = await ws.net.engine.syncNow();
    expect(first).toMatchObject({ rejected: 1 });
    expect(ws.net.outbox.list({ taskId: a })[0].reason).toMatch(/createdAt too far in the future.*check the workstation's clock/);
    expect(ws.core.tasks.get(a).status).toBe('rejected');
    // The rejected task can be fixed and submitted again; the clock offset learned from the node now applies.
    annotate(ws.core, a, 'fixed');
    ws.net.submissions.submit(a);
    annotate(ws.core, b);
    ws.net.submissions.submit(b);
    expect(await ws.net.engine.syncNow()).toMatchObject({ accepted: 2, rejected: 0 });
    expect(ws.core.tasks.get(a).status).toBe('accepted');
  });

  it('a download that does not match its SHA-256 is discarded and reported by name', async () => {
    const nd = await node();
    await publishTexts(nd.url, 2);
    const proxy = await startHttpProxy(nd.url, {
      transformResponse: (req, body) => (req.path.startsWith('/v1/assets/') && body.length ? Buffer.concat([body.subarray(0, 1).map((c) => c ^ 1), body.subarray(1)]) : body),
    });
    cleanups.push(() => proxy.close());
    const ws = await workstation({ nodeUrl: proxy.url });
    const r = await ws.net.puller.pull(proxy.url, ws.net.wallet.signer());
    expect(r.newTasks).toBe(0);
    expect(r.failed).toHaveLength(2);
    expect(r.failed[0]).toMatchObject({ name: expect.stringMatching(/^doc-\d+\.txt$/), reason: expect.stringMatching(/does not match its SHA-256.*discarded/) });
    expect(fs.existsSync(ws.core.media.pathOf(r.failed[0].sha256))).toBe(false);
    expect(fs.readdirSync(path.join(ws.core.media.root, 'tmp')).filter((f) => f.endsWith('.download'))).toEqual([]);
    expect(ws.core.projects.list()).toHaveLength(0);
  });
});

describe('sync faults against a node on PostgreSQL', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
    postgres = null;
  }, 30_000);
  faultTests();
});

/** Node down, node dying mid-batch, workstation dying mid-sync, the same batch twice. */
function faultTests(): void {
  it('node down at submit time: the items wait, and go when it is back', async () => {
    const { nd, ws, ids } = await submitted(3);
    const p = port(nd.url);
    await nd.stop();
    expect(() => annotate(ws.core, ids[0], 'changed')).toThrow(/frozen/);
    expect(ws.net.outbox.pendingCount()).toBe(3);
    const down = await ws.net.engine.syncNow();
    expect(down).toMatchObject({ online: false, sent: 0, remaining: 3, error: expect.stringMatching(/not reachable/) });
    expect(ws.net.outbox.list().every((s) => s.state === 'queued')).toBe(true);
    await node({ dataDir: nd.dataDir, port: p });
    const up = await ws.net.engine.syncNow();
    expect(up).toMatchObject({ online: true, accepted: 3, remaining: 0 });
    expect((await nodeRewards(nd.url, ws.address)).total).toBe(6);
  });

  it('node dies mid-batch: what it stored is acknowledged as duplicate later, and nothing is paid twice', async () => {
    const { nd, ws } = await submitted(30);
    const p = port(nd.url);
    let posts = 0;
    let killed: Promise<void> | null = null;
    const proxy = await startHttpProxy(nd.url, {
      onRequest: (req) => {
        if (req.method !== 'POST' || !req.path.startsWith('/v1/submissions')) return 'pass';
        // The second batch reaches the node, which stores it and dies before the answer gets back.
        if (++posts === 2) {
          setTimeout(() => (killed = nd.kill()), 0);
          return 'lose-response';
        }
        return 'pass';
      },
    });
    cleanups.push(() => proxy.close());
    retarget(ws, proxy.url);
    const engine = new SyncEngine({ outbox: ws.net.outbox, memory: ws.net.memory, nodeUrl: () => proxy.url, address: () => ws.address, emit: () => undefined, now: Date.now, batchSize: 10 });
    const first = await engine.syncNow();
    expect(first.error).toBeTruthy();
    // Two batches travel at once, so the first may or may not have been answered; the lost one never is.
    const waiting = ws.net.outbox.pendingCount();
    expect(first.accepted + waiting).toBe(30);
    expect(waiting).toBeGreaterThanOrEqual(20);
    await killed;
    await node({ dataDir: nd.dataDir, port: p });
    const second = await engine.syncNow();
    expect(second).toMatchObject({ accepted: waiting, rejected: 0, remaining: 0 });
    const rewards = await nodeRewards(nd.url, ws.address);
    expect(rewards.items).toHaveLength(30);
    expect(rewards.total).toBe(60);
    expect(ws.net.outbox.list({ state: ['accepted'] }).every((s) => s.reward === 2)).toBe(true);
  });

  it('workstation killed mid-sync, then restarted: nothing lost, nothing doubled', async () => {
    const { nd, ws } = await submitted(20);
    let child: ReturnType<typeof spawn> | null = null;
    const proxy = await startHttpProxy(nd.url, {
      onRequest: (req) => {
        // The batch is on its way to the node when the workstation dies (power cut): the node still stores it.
        if (req.method === 'POST' && req.path.startsWith('/v1/submissions')) child?.kill('SIGKILL');
        return 'pass';
      },
    });
    cleanups.push(() => proxy.close());
    retarget(ws, proxy.url);
    await ws.close();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/sync/testing/syncChild.ts'), ws.dataDir, proxy.url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const exit = await new Promise<string | null>((r) => child!.once('exit', (_code, signal) => r(signal)));
    expect(exit).toBe('SIGKILL');
    expect(out).not.toMatch(/"accepted"/);
    await new Promise((r) => setTimeout(r, 300)); // let the node finish the batch it received
    expect((await nodeRewards(nd.url, ws.address)).items).toHaveLength(20);

    const again = await workstation({ dataDir: ws.dataDir, nodeUrl: nd.url });
    retarget(again, nd.url);
    expect(again.net.outbox.pendingCount()).toBe(20); // nothing left 'queued' without the node's answer
    const report = await again.net.engine.syncNow();
    expect(report).toMatchObject({ accepted: 20, rejected: 0, remaining: 0 });
    expect((await nodeRewards(nd.url, ws.address)).total).toBe(40);
    expect(again.net.totalReward(ws.address)).toBe(40);
  });

  it('the same batch delivered twice is acknowledged as duplicates with the original rewards', async () => {
    const { nd, ws } = await submitted(5);
    const proxy = await startHttpProxy(nd.url);
    cleanups.push(() => proxy.close());
    retarget(ws, proxy.url);
    expect(await ws.net.engine.syncNow()).toMatchObject({ accepted: 5 });
    const batch = proxy.requests.find((r) => r.path === '/v1/submissions')!;
    const replay = (await (await fetch(`${nd.url}/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: new Uint8Array(batch.body) })).json()) as { results: { status: string; reward: number }[] };
    expect(replay.results.map((r) => [r.status, r.reward])).toEqual(Array(5).fill(['duplicate', 2]));
    // The workstation lost the acknowledgement (e.g. restored from a backup): it resends and stays consistent.
    ws.core.db.prepare("UPDATE submissions SET state = 'queued'").run();
    expect(await ws.net.engine.syncNow()).toMatchObject({ accepted: 5, remaining: 0 });
    expect((await nodeRewards(nd.url, ws.address)).total).toBe(10);
    expect(ws.net.totalReward(ws.address)).toBe(10);
  });
}
