// A validator's review in the core, through the contract as the page calls it: a demo item with three versions,
// the proposed consensus (edited with undo), a signed Review queued in the outbox; and the refusals that sign nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTypedData } from 'ethers';
import { createCore, type Core } from '../core/createCore.ts';
import { ensureDemoProject, DEMO_PROJECT } from '../core/demo.ts';
import type { NetworkServices } from '../sync/networkServices.ts';
import { DEFAULT_DOMAIN, REVIEW_TYPES, ZERO_HASH } from '../../shared/signing/typedData.ts';
import { annotationDocument, contentHash } from '../../shared/signing/document.ts';
import type { ReviewItem } from '../../shared/api/review.ts';
import { VersionRepository } from './versions.ts';

let core: Core;
let net: NetworkServices;
let imageTask: string;
let audioTask: string;

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const r = (await core.dispatch(method, args)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
}
const hashes = (item: ReviewItem) => Object.fromEntries(item.versions.map((v) => [v.annotator, v.contentHash]));

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-review-core-'));
  core = createCore({ dataDir: dir, network: { scryptN: 1024 } });
  core.settings.set({ nodeUrl: 'http://127.0.0.1:9' });
  net = core.network;
  await ensureDemoProject(core);
  const project = core.projects.findByName(DEMO_PROJECT)!;
  const tasks = core.tasks.list(project.id);
  imageTask = tasks.find((t) => t.name === 'street-1.jpg')!.id;
  audioTask = tasks.find((t) => t.name === 'interview.wav')!.id;
}, 60_000);
afterAll(async () => core?.close());

describe('review in the core', () => {
  it('lists the queue and opens an item with matches and a proposed consensus', async () => {
    const project = core.projects.findByName(DEMO_PROJECT)!;
    const queue = await call<{ name: string; annotators: string[] }[]>('review.queue', project.id);
    expect(queue.map((q) => q.name).sort()).toEqual(['harbour-news.txt', 'interview.wav', 'street-1.jpg']);
    const item = await call<ReviewItem>('review.item', imageTask);
    expect(item.versions.map((v) => v.annotator)).toEqual(['amara', 'bruno', 'chen']);
    const ab = item.pairs.find((p) => p.a === 'amara' && p.b === 'bruno')!;
    expect(ab.matches.find((m) => m.a === 'building')).toMatchObject({ b: 'building', status: 'labelMismatch' });
    // car, person and tree reach the quorum; the building (building 1, tree 1, missing 1) and the sign (1 of 3) do not.
    expect(item.consensus.map((o) => o.label).sort()).toEqual(['car', 'person', 'tree']);
    expect(item.consensus.every((o) => o.origin === 'model' && o.attributes.proposed === true)).toBe(true);
    const car = item.consensus.find((o) => o.label === 'car')!;
    expect(car.geometry).toEqual({ x: 304 / 3, y: 902 / 3, w: 598 / 3, h: 358 / 3 });
    const seg = (await call<ReviewItem>('review.item', audioTask)).consensus.find((o) => o.label === 'speech' && (o.geometry as { start: number }).start < 1)!;
    expect(seg.geometry).toEqual({ start: 0.2, end: 2.1, tier: 'speaker_a' });
  });

  it('edits the draft with undo and never touches the annotators’ versions', async () => {
    const before = await call<ReviewItem>('review.item', imageTask);
    const person = before.consensus.find((o) => o.label === 'person')!;
    await call('review.edit', imageTask, { label: 'Reject object', ops: [{ op: 'delete', id: person.id }] });
    expect((await call<ReviewItem>('review.item', imageTask)).consensus).toHaveLength(2);
    await call('review.undo', imageTask);
    expect((await call<ReviewItem>('review.item', imageTask)).consensus).toHaveLength(3);
    await call('review.redo', imageTask);
    const after = await call<ReviewItem>('review.item', imageTask);
    expect(after.consensus.map((o) => o.label).sort()).toEqual(['car', 'tree']);
    expect(after.versions.map((v) => [v.contentHash, v.changed])).toEqual(before.versions.map((v) => [v.contentHash, false]));
    // the draft is not an annotator: agreement and the queue still see three versions
    const project = core.projects.findByName(DEMO_PROJECT)!;
    expect((await call<{ annotators: string[] }[]>('review.queue', project.id))[0].annotators).toEqual(['amara', 'bruno', 'chen']);
  });

  it('refuses without an unlocked wallet, on changed versions, and without a reason — nothing signed', async () => {
    const item = await call<ReviewItem>('review.item', imageTask);
    await expect(call('review.submit', imageTask, { verdict: 'accept', reason: '', versionHashes: hashes(item) })).rejects.toThrow(/wallet/);
    await net.wallet.import({ kind: 'privateKey', privateKey: '66'.repeat(32), password: 'pass-word-1' });
    const stale = { ...hashes(item), chen: `0x${'0'.repeat(64)}` };
    await expect(call('review.submit', imageTask, { verdict: 'accept', reason: '', versionHashes: stale })).rejects.toThrow(/changed since you opened it \(chen\).*Nothing was signed/);
    const v = new VersionRepository(core.db, core.tasks, core.now);
    const chen = v.objectsOf('chen');
    const objs = chen.list(imageTask);
    chen.replaceAll(imageTask, objs.slice(1).map((o) => ({ ...o })));
    await expect(call('review.submit', imageTask, { verdict: 'accept', reason: '', versionHashes: hashes(item) })).rejects.toThrow(/changed since you opened it \(chen\)/);
    chen.replaceAll(imageTask, objs.map((o) => ({ ...o })));
    await expect(call('review.submit', audioTask, { verdict: 'reject', reason: ' ', versionHashes: hashes(await call<ReviewItem>('review.item', audioTask)) })).rejects.toThrow(/Say why/);
    expect(net.outbox.pendingCount()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(0);
  });

  it('signs an EIP-712 Review of the accepted consensus and queues it once, beside the reviews row', async () => {
    const item = await call<ReviewItem>('review.item', imageTask);
    const r = await call<{ reviewId: string; pending: number }>('review.submit', imageTask, { verdict: 'accept', reason: '', versionHashes: hashes(item) });
    expect(r.pending).toBe(1);
    const row = core.db.prepare("SELECT payload_json, signature, document_json, kind FROM submissions WHERE id = ?").get(r.reviewId) as { payload_json: string; signature: string; document_json: string; kind: string };
    expect(row.kind).toBe('review');
    const { message } = JSON.parse(row.payload_json);
    expect(verifyTypedData(DEFAULT_DOMAIN, { Review: [...REVIEW_TYPES.Review] }, message, row.signature)).toBe(net.wallet.address());
    const doc = JSON.parse(row.document_json);
    expect(doc.objects.map((o: { label: string }) => o.label).sort()).toEqual(['car', 'tree']);
    expect(doc.objects.every((o: { origin: string; attributes: object }) => o.origin === 'human' && !('proposed' in o.attributes))).toBe(true);
    expect(message).toMatchObject({ taskId: imageTask, verdict: 'accept', consensusHash: contentHash(annotationDocument(imageTask, doc.objects.map((o: object, z: number) => ({ ...o, z })))) });
    expect(message.submissionIds).toEqual(item.versions.map((v) => v.contentHash).sort());
    await expect(call('review.submit', imageTask, { verdict: 'accept', reason: '', versionHashes: hashes(item) })).rejects.toThrow(/already reviewed these versions/);
    const rework = await call<{ reviewId: string }>('review.submit', audioTask, { verdict: 'rework', reason: 'speaker B turn on the wrong lane', versionHashes: hashes(await call<ReviewItem>('review.item', audioTask)) });
    const rw = JSON.parse(core.db.prepare('SELECT payload_json FROM submissions WHERE id = ?').pluck().get(rework.reviewId) as string).message;
    expect(rw).toMatchObject({ verdict: 'rework', consensusHash: ZERO_HASH });
    // Reviews never go down the submissions path.
    expect(net.outbox.dueFor('http://127.0.0.1:9', Date.now(), 10)).toEqual([]);
    expect(net.outbox.dueReviews('http://127.0.0.1:9', Date.now(), 10)).toHaveLength(2);
  });
});
