// Integration: a real `tagger node` process. Three annotators submit their versions of one task, a validator signs
// a Review accepting a consensus; the node records it, sets each reward's quality from agreement with the
// consensus, updates reputation and pays the validator's share. This is the README's worked example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { annotationDocument, contentHash, type AnnotationDocument } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN, REVIEW_TYPES, ZERO_HASH, type ReviewMessage } from '../../shared/signing/typedData.ts';
import { publishFiles } from '../publish.ts';
import { OPEN_TO_NEWCOMERS, stakeWallets, startNodeProcess, tempDir, type NodeProcess } from '../testing/nodeProcess.ts';
import { startPostgres, type PostgresCluster } from '../testing/postgres.ts';
import pg from 'pg';
import { reviewQueueDigest } from '../../shared/signing/requests.ts';
import { api, leaseAs, signSubmission, testRequester } from '../testing/signing.ts';

let node: NodeProcess;
const amara = Wallet.createRandom(), bruno = Wallet.createRandom(), chen = Wallet.createRandom(), validator = Wallet.createRandom(), second = Wallet.createRandom();

const box = (id: string, x: number, label = 'car') => ({ id, z: 0, kind: 'box', label, geometry: { x, y: 0, w: 10, h: 10 }, attributes: {}, origin: 'human' });
const doc = (taskId: string, objects: ReturnType<typeof box>[]): AnnotationDocument => annotationDocument(taskId, objects);

async function signReview(w: HDNodeWallet, m: Omit<ReviewMessage, 'reviewer' | 'nonce' | 'createdAt'> & { nonce?: string }) {
  const message: ReviewMessage = { ...m, reviewer: w.address, nonce: m.nonce ?? '1', createdAt: String(Date.now()) };
  return { message, signature: await w.signTypedData(DEFAULT_DOMAIN, { Review: [...REVIEW_TYPES.Review] }, message) };
}
const review = (body: unknown) => api(`${node.url}/v1/reviews`, 'POST', body);

/** Publishes one text task for amara, bruno and chen and submits their three versions (nonce n for each). */
async function threeVersions(name: string, n: number): Promise<{ taskId: string; ids: string[] }> {
  const dir = tempDir('tagger-review-assets-');
  fs.writeFileSync(path.join(dir, 'street.txt'), `one task for three annotators: ${name}\n`);
  const { projectId } = await publishFiles([dir], { requester: testRequester, node: node.url, name, redundancy: 3, baseReward: 2 });
  const versions: [HDNodeWallet, (t: string) => AnnotationDocument][] = [
    [amara, (t) => doc(t, [box('a', 0), box('b', 20), box('c', 40), box('d', 60)])],
    [bruno, (t) => doc(t, [box('a', 0), box('b', 20), box('c', 40), box('d', 60), box('e', 80)])], // one extra
    [chen, (t) => doc(t, [box('a', 1), box('b', 20), box('c', 46)])], // c barely overlaps, d missing
  ];
  const ids: string[] = [];
  let taskId = '';
  for (const [w, make] of versions) {
    const l = (await leaseAs(node.url, w, ['text'], 1)).body.leases[0];
    expect(l.projectId).toBe(projectId);
    taskId = l.taskId;
    const r = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(w, DEFAULT_DOMAIN, l, { nonce: n, document: make(l.taskId) })] });
    expect(r.body.results[0].status).toBe('accepted');
    ids.push(r.body.results[0].id);
  }
  return { taskId, ids: ids.sort() };
}

let taskId: string;
let ids: string[];
let consensus: AnnotationDocument;

async function queueAs(w: HDNodeWallet, over: Partial<{ expiresAt: string; signer: HDNodeWallet }> = {}) {
  const message = { validator: w.address, max: 10, nonce: String(Date.now()), expiresAt: over.expiresAt ?? String(Date.now() + 60_000) };
  const signature = (over.signer ?? w).signingKey.sign(reviewQueueDigest(DEFAULT_DOMAIN, message)).serialized;
  return api(`${node.url}/v1/reviews/queue`, 'POST', { message, signature });
}

/** The same review tests against a node on SQLite and one on PostgreSQL (a throwaway cluster). */
for (const engine of ['SQLite', 'PostgreSQL'] as const) describe(`node reviews (${engine})`, () => {
  let cluster: PostgresCluster | null = null;
  beforeAll(async () => {
    if (engine === 'PostgreSQL') cluster = await startPostgres();
    node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS, db: cluster ? await cluster.createDatabase() : undefined });
    // the validator (and amara, to show she is still not served or allowed her own task) hold the validators' stake
    await stakeWallets(node, { [validator.address]: 100, [amara.address]: 150, [second.address]: 100 });
    ({ taskId, ids } = await threeVersions('Reviewed', 1));
    consensus = doc(taskId, [box('a', 0), box('b', 20), box('c', 40), box('d', 60)]);
  }, 120_000);
  afterAll(async () => {
    await node?.stop();
    await cluster?.stop();
  }, 60_000);

  it('serves a staked validator the k submissions of an unreviewed item, as signed; nobody else', async () => {
    const q = await queueAs(validator);
    expect(q.status).toBe(200);
    expect(q.body.items).toHaveLength(1);
    const [it0] = q.body.items;
    expect(it0).toMatchObject({ taskId, asset: { kind: 'text', name: 'street.txt' }, baseReward: 2, difficulty: 1 });
    expect(it0.submissions.map((s: { id: string }) => s.id).sort()).toEqual(ids);
    expect(it0.submissions.every((s: { document: { taskId: string }; signature: string }) => s.document.taskId === taskId && /^0x[0-9a-f]{130}$/.test(s.signature))).toBe(true);
    // amara is staked but did the work: not served her own task
    expect((await queueAs(amara)).body.items).toEqual([]);
    const unstaked = await queueAs(bruno);
    expect(unstaked.status).toBe(403);
    expect(unstaked.body.error.message).toMatch(/may not validate on this node: validators need at least 100 TAG staked/);
    const forged = await queueAs(validator, { signer: bruno });
    expect(forged.status).toBe(401);
    const long = await queueAs(validator, { expiresAt: String(Date.now() + 3_600_000) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/valid for more than 10 minutes/);
  });


  it('refuses bad reviews with a reason and records nothing', async () => {
    const good = await signReview(validator, { taskId, submissionIds: ids, verdict: 'accept', consensusHash: contentHash(consensus), nonce: '99' });
    const cases: [unknown, RegExp][] = [
      [{ ...good, document: consensus, signature: (await signReview(bruno, good.message)).signature }, /signer is not the reviewer/],
      [{ ...good, document: { ...consensus, objects: [] } }, /consensus hash does not match/],
      [{ ...good }, /carries the consensus document/],
      [{ ...(await signReview(amara, { taskId, submissionIds: ids, verdict: 'accept', consensusHash: contentHash(consensus) })), document: consensus }, /cannot review its own work/],
      [{ ...(await signReview(bruno, { taskId, submissionIds: ids, verdict: 'accept', consensusHash: contentHash(consensus) })), document: consensus }, /may not validate on this node/],
      [{ ...(await signReview(validator, { taskId, submissionIds: [`0x${'ab'.repeat(32)}`], verdict: 'reject', consensusHash: ZERO_HASH, nonce: '98' })) }, /unknown submission/],
      [{ ...(await signReview(validator, { taskId: 'elsewhere', submissionIds: ids, verdict: 'reject', consensusHash: ZERO_HASH, nonce: '97' })) }, /unknown task/],
    ];
    for (const [body, reason] of cases) {
      const r = await review(body);
      expect(r.status).toBe(200);
      expect(r.body.result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason) });
    }
    const bad = await review({ message: { ...good.message, verdict: 'maybe' }, signature: good.signature });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/verdict must be one of accept, reject, rework/);
    expect((await api(`${node.url}/v1/reputation/${validator.address}`)).body.reviews).toBe(0);
  });

  it('pays base × difficulty × quality from agreement with the accepted consensus, and the validator share', async () => {
    const signed = await signReview(validator, { taskId, submissionIds: ids, verdict: 'accept', consensusHash: contentHash(consensus) });
    const r = await review({ ...signed, document: consensus });
    expect(r.body.result).toMatchObject({ status: 'accepted', validatorReward: 0.2 });
    const reward = async (w: HDNodeWallet) => (await api(`${node.url}/v1/rewards/${w.address}`)).body.items[0];
    expect(await reward(amara)).toMatchObject({ amount: 2, status: 'reviewed' });
    // amounts are whole micro-TAG, so the API's TAG numbers are the exact decimals
    expect((await reward(bruno)).amount).toBe(1.777778);
    expect(await reward(chen)).toMatchObject({ amount: 1.142858, base: 2, difficulty: 1, quality: 0.571429, status: 'reviewed' });
    const again = await review({ ...signed, document: consensus });
    expect(again.body.result).toMatchObject({ status: 'duplicate', validatorReward: 0.2 });
    const rep = async (w: HDNodeWallet) => (await api(`${node.url}/v1/reputation/${w.address}`)).body;
    expect(await rep(amara)).toMatchObject({ score: expect.closeTo(2 / 3, 6), evidence: { accepted: 1, rejected: 0 } });
    expect((await rep(chen)).score).toBeCloseTo((1 + 0.571429) / 3, 5);
    expect(await rep(validator)).toMatchObject({ reviews: 1, validatorRewards: 0.2, rules: { validatorShare: 0.1, forgetting: 0.9 } });
    // a reviewed item leaves the queue
    expect((await queueAs(validator)).body.items).toEqual([]);
  });

  it('refuses a second verdict on work that already has one: no second validator share, no second slash or reputation step', async () => {
    const before = (await api(`${node.url}/v1/rewards/${chen.address}`)).body.items[0];
    const signed = await signReview(second, { taskId, submissionIds: ids, verdict: 'reject', consensusHash: ZERO_HASH, nonce: '4' });
    const r = await review({ ...signed, reason: 'again' });
    expect(r.body.result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/already has a verdict \(accept\)/) });
    expect((await api(`${node.url}/v1/rewards/${chen.address}`)).body.items[0]).toEqual(before);
    expect(await api(`${node.url}/v1/reputation/${second.address}`).then((x) => x.body)).toMatchObject({ reviews: 0, validatorRewards: 0 });
    expect((await api(`${node.url}/v1/reputation/${amara.address}`)).body).toMatchObject({ stake: 150, evidence: { accepted: 1, rejected: 0 } });
  });

  it('a send-back carries the validator\'s comment to each annotator\'s reward', async () => {
    const work = await threeVersions('Reworked', 2);
    const signed = await signReview(second, { taskId: work.taskId, submissionIds: work.ids, verdict: 'rework', consensusHash: ZERO_HASH, nonce: '5' });
    const r = await review({ ...signed, reason: '  the third box is a bus stop, not a car  ' });
    expect(r.body.result).toMatchObject({ status: 'accepted' });
    const chenReward = (await api(`${node.url}/v1/rewards/${chen.address}`)).body.items.find((x: { taskId: string }) => x.taskId === work.taskId);
    expect(chenReward).toMatchObject({ status: 'rework', quality: 0, amount: 0, note: 'the third box is a bus stop, not a car' });
  });

  if (engine === 'PostgreSQL') {
    it('two node processes on one database take reviews of the same task at once: one verdict, paid once, budget intact', async () => {
      const other = await startNodeProcess({ args: OPEN_TO_NEWCOMERS, db: node.db, dataDir: node.dataDir, credit: false });
      try {
        for (let round = 0; round < 4; round++) {
          const work = await threeVersions(`Raced ${round}`, 10 + round);
          const [x, y] = await Promise.all([
            signReview(validator, { taskId: work.taskId, submissionIds: work.ids, verdict: 'reject', consensusHash: ZERO_HASH, nonce: String(100 + round) }),
            signReview(second, { taskId: work.taskId, submissionIds: work.ids, verdict: 'rework', consensusHash: ZERO_HASH, nonce: String(200 + round) }),
          ]);
          // two validators' different verdicts, and one review resent, each pair through both processes at once
          const [r1, r2, r3, r4] = await Promise.all([
            api(`${node.url}/v1/reviews`, 'POST', x), api(`${other.url}/v1/reviews`, 'POST', y),
            api(`${other.url}/v1/reviews`, 'POST', x), api(`${node.url}/v1/reviews`, 'POST', y),
          ]);
          const results = [r1, r2, r3, r4].map((r) => r.body.result as { status: string; id: string; reason?: string });
          const accepted = results.filter((r) => r.status === 'accepted');
          expect(accepted).toHaveLength(1);
          const winner = accepted[0].id;
          // the winner's resend is a duplicate; the loser is refused (its resend too) because the work has a verdict
          for (const r of results.filter((q) => q.status !== 'accepted')) {
            if (r.id === winner) expect(r.status).toBe('duplicate');
            else expect(r).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/already has a verdict/) });
          }
        }
      } finally {
        await other.stop();
      }
      // paid once: one validator share per raced task, and every project's spending is what its rows paid
      const c = new pg.Client({ connectionString: node.db });
      await c.connect();
      try {
        const raced = (await c.query(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM reviews WHERE task_id IN
          (SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name LIKE 'Raced %')`)).rows[0];
        expect(raced).toEqual({ n: 4, tasks: 4 });
        const books = (await c.query(`SELECT p.name, p.budget::text, p.spent::text,
            ((SELECT coalesce(sum(r.amount), 0) FROM rewards r WHERE r.project_id = p.id)
              + (SELECT coalesce(sum(v.validator_reward), 0) FROM reviews v JOIN tasks t ON t.id = v.task_id WHERE t.project_id = p.id))::text AS paid
          FROM projects p WHERE p.name LIKE 'Raced %'`)).rows as { budget: string; spent: string; paid: string }[];
        expect(books).toHaveLength(4);
        for (const b of books) {
          expect(b.spent).toBe(b.paid);
          expect(BigInt(b.spent)).toBeLessThanOrEqual(BigInt(b.budget));
        }
      } finally {
        await c.end();
      }
    }, 180_000);
  }
});
