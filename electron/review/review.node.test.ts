// The whole path against a real `tagger node`: three wallets submit their versions of one task; the validator's
// workstation pulls the item (its versions checked signature by signature), accepts the proposed consensus, and the signed
// Review travels through the outbox; the node records it, pays quality-adjusted rewards (the README's worked
// example) and the validator's share, and updates reputation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { annotationDocument, type AnnotationDocument } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import type { ReviewItem, ReviewPullReport } from '../../shared/api/review.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import { publishFiles } from '../../network/publish.ts';
import { OPEN_TO_NEWCOMERS, stakeWallets, startNodeProcess, tempDir, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { api, leaseAs, signSubmission, testRequester } from '../../network/testing/signing.ts';
import { openWorkstation, type Workstation } from '../sync/testing/workstation.ts';

let node: NodeProcess;
let ws: Workstation;
/** bruno works from a workstation of his own, to see his reward explained after the review. */
let wsBruno: Workstation;
const annotators = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
const box = (id: string, x: number) => ({ id, z: 0, kind: 'box', label: 'vehicle', geometry: { x, y: 0, w: 10, h: 10 }, attributes: {}, origin: 'human' });
const layouts = [[0, 20, 40, 60], [0, 20, 40, 60, 80], [1, 20, 46]];
let localId: string;
let pulled: ReviewPullReport;

beforeAll(async () => {
  node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
  const dir = tempDir('tagger-review-e2e-');
  fs.writeFileSync(path.join(dir, 'item.txt'), 'reviewed end to end\n');
  await publishFiles([dir], { requester: testRequester, node: node.url, name: 'Reviewed', redundancy: 3, baseReward: 2, schema: { image: { labels: [{ id: 'vehicle', name: 'vehicle', color: '#ff0000' }], attributes: [] } } });
  ws = await openWorkstation({ nodeUrl: node.url, key: `0x${'7b'.repeat(32)}` });
  wsBruno = await openWorkstation({ nodeUrl: node.url, key: annotators[1].privateKey });
  for (const w of annotators) {
    if (w === annotators[1]) {
      const pulledTasks = await wsBruno.net.puller.pull(node.url, wsBruno.net.wallet.signer(), { kinds: ['text'], max: 1 });
      expect(pulledTasks.newTasks).toBe(1);
      const taskId = wsBruno.core.db.prepare('SELECT task_id FROM node_tasks').pluck().get() as string;
      wsBruno.core.annotations.replaceAll(taskId, layouts[1].map((x, k) => ({ ...box(`o${k}`, x), z: k + 1, hidden: false, locked: false }) as ObjectInput));
      wsBruno.net.submissions.submit(taskId);
      expect(await wsBruno.net.engine.syncNow()).toMatchObject({ error: null, accepted: 1 });
      continue;
    }
    const l = (await leaseAs(node.url, w as HDNodeWallet, ['text'], 1)).body.leases[0];
    const doc: AnnotationDocument = annotationDocument(l.taskId, layouts[annotators.indexOf(w)].map((x, k) => box(`o${k}`, x)));
    const r = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 1, document: doc })] });
    expect(r.body.results[0].status).toBe('accepted');
  }
  // An unstaked wallet is not served review items; the operator's stake makes it a validator.
  const refused = await ws.core.dispatch('review.pull', []);
  expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/may not validate on this node: validators need at least 100 TAG staked/) } });
  await stakeWallets(node, { [ws.address]: 100 });
  const r = (await ws.core.dispatch('review.pull', [])) as { ok: true; value: ReviewPullReport };
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, value: { items: 1, failed: [] } });
  pulled = r.value;
  localId = (ws.core.db.prepare('SELECT task_id FROM node_tasks').pluck().get() as string);
}, 90_000);
afterAll(async () => { await ws?.close(); await wsBruno?.close(); await node?.stop(); }, 30_000);

describe('review end to end', () => {
  it('signs, syncs and is paid as the README says', async () => {
    const queue = (await ws.core.dispatch('review.queue', [pulled.projectIds[0]])) as { ok: true; value: { taskId: string; annotators: string[] }[] };
    expect(queue.value).toEqual([expect.objectContaining({ taskId: localId, annotators: annotators.map((w) => w.address.toLowerCase()).sort() })]);
    const item = (await ws.core.dispatch('review.item', [localId])) as { ok: true; value: ReviewItem };
    expect(item.value.versions.every((v) => v.signer === v.annotator && v.submissionId)).toBe(true);
    expect(item.value.consensus).toHaveLength(4); // the 5th box is bruno's alone
    const hashes = Object.fromEntries(item.value.versions.map((v) => [v.annotator, v.contentHash]));
    const sub = await ws.core.dispatch('review.submit', [localId, { verdict: 'accept', reason: '', versionHashes: hashes }]);
    expect(sub, JSON.stringify(sub)).toMatchObject({ ok: true });
    const report = await ws.net.engine.syncNow();
    expect(report).toMatchObject({ error: null, accepted: 1, remaining: 0 });
    const [review] = ws.net.outbox.list({});
    expect(review).toMatchObject({ state: 'accepted', reward: 0.2 });
    const amounts = await Promise.all(annotators.map(async (w) => (await api(`${node.url}/v1/rewards/${w.address}`)).body.items[0].amount));
    expect(amounts[0]).toBeCloseTo(2, 6);
    expect(amounts[1]).toBeCloseTo(1.777778, 6);
    expect(amounts[2]).toBeCloseTo(1.142858, 6);
    expect((await api(`${node.url}/v1/reputation/${annotators[0].address}`)).body.score).toBeCloseTo(2 / 3, 6);
    expect((await api(`${node.url}/v1/reputation/${ws.address}`)).body).toMatchObject({ reviews: 1, validatorRewards: 0.2 });
    // bruno's Submissions list explains his reward once his workstation syncs: 2 × 1 × 0.888889 (reviewed)
    await wsBruno.net.engine.syncNow();
    expect(wsBruno.net.outbox.list({})).toEqual([expect.objectContaining({ kind: 'submission', state: 'accepted', reward: expect.closeTo(1.777778, 6), breakdown: { base: 2, difficulty: 1, quality: 0.888889, status: 'reviewed', note: null } })]);
    expect(review).toMatchObject({ kind: 'review' });
  });
});
