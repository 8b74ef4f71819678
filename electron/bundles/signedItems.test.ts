// The native checks of a bundle's signed items (hand-built EIP-712, native keccak and secp256k1) against the
// ethers reference, on real signed submissions and reviews and on forgeries of them: the same verdict and the
// same words every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wallet } from 'ethers';
import { KEYS, addSpan, insertSignedReview, openStation, seedProject, type Station } from './testing/stations.ts';
import { collectProject } from './collect.ts';
import { nativeItemChecks, type SignedItemChecks } from './signedItems.ts';
import { referenceItemChecks } from './testing/referenceCrypto.ts';
import { submissionDigest } from '../../shared/signing/submissionDigest.ts';
import { reviewDigest } from '../../shared/signing/reviewDigest.ts';
import type { BundleRecords, BundleReview, BundleSubmission } from '../../shared/bundle/records.ts';
import type { BundleProblem } from '../../shared/bundle/problems.ts';
import type { ReviewMessage, TaggerDomain } from '../../shared/signing/typedData.ts';

let lead: Station;
let records: BundleRecords;
const stranger = new Wallet(KEYS.stranger);
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

beforeAll(async () => {
  lead = await openStation(KEYS.lead);
  const { projectId, taskIds } = seedProject(lead.core, 2, 'Signed');
  addSpan(lead.core, taskIds[0], 's1', 'PER');
  addSpan(lead.core, taskIds[0], 's2', 'ORG', 10, 14);
  const { submissionId } = lead.net.submissions.submit(taskIds[0]);
  insertSignedReview(lead.core, KEYS.lead, taskIds[0], [submissionId]);
  records = collectProject(lead.core.db, projectId, lead.address).records;
});

afterAll(async () => {
  await lead?.close();
});

/** A forgery (or none), the problem code both kits must give, and words the message must hold. */
type Variant<T> = [string, (x: T) => T, string | null, RegExp?];

function agreeOn<K extends 'submission' | 'review'>(kind: K, original: () => Parameters<SignedItemChecks[K]>[0], variants: Variant<Parameters<SignedItemChecks[K]>[0]>[]) {
  const check = (checks: SignedItemChecks, x: Parameters<SignedItemChecks[K]>[0]) => (checks[kind] as (x: Parameters<SignedItemChecks[K]>[0]) => BundleProblem | null)(x);
  for (const [name, forge, code, words] of variants) {
    it(`${name}: ${code ?? 'accepted'}`, () => {
      const x = forge(copy(original()));
      const ours = check(nativeItemChecks, x);
      expect(ours).toEqual(check(referenceItemChecks, x));
      expect(ours?.code ?? null).toBe(code);
      if (words) expect(ours?.message).toMatch(words);
    });
  }
}

function resign(x: BundleSubmission, key: Wallet = new Wallet(KEYS.lead)): BundleSubmission {
  x.id = submissionDigest(x.domain as TaggerDomain, x.message);
  x.signature = key.signingKey.sign(x.id).serialized;
  return x;
}

describe('signed submissions: native checks agree with ethers', () => {
  const variants: Variant<BundleSubmission>[] = [
    ['as signed', (x) => x, null],
    ['a tampered nonce', (x) => ({ ...x, message: { ...x.message, nonce: '999' } }), 'bad_signature', /altered after signing/],
    ['a tampered task id, id recomputed', (x) => ({ ...x, id: submissionDigest(x.domain as TaggerDomain, { ...x.message, taskId: 'other' }), message: { ...x.message, taskId: 'other' } }), 'bad_signature', /is not signed by its annotator 0x\w+ \(the signature is 0x\w+'s\)/],
    ['a signature by another key', (x) => resign(x, stranger), 'bad_signature', new RegExp(`the signature is ${stranger.address}'s`)],
    ['another chain id', (x) => ({ ...x, domain: { ...x.domain, chainId: 1 } }), 'bad_signature', /altered after signing/],
    ['another chain id, id recomputed', (x) => ({ ...x, domain: { ...x.domain, chainId: 1 }, id: submissionDigest({ ...(x.domain as TaggerDomain), chainId: 1 }, x.message) }), 'bad_signature', /is not signed by its annotator/],
    ['another verifying contract, re-signed by a stranger', (x) => resign({ ...x, domain: { ...x.domain, verifyingContract: `0x${'ab'.repeat(20)}` } }, stranger), 'bad_signature', /is not signed by its annotator/],
    ['a relabelled object', (x) => ({ ...x, document: { ...x.document, objects: x.document.objects.map((o, i) => (i ? o : { ...(o as object), label: 'LOC' })) } }), 'bad_hash', /altered after signing/],
    ['a document for another task', (x) => ({ ...x, document: { ...x.document, taskId: 'other' } }), 'bad_hash', /does not hash to the signed content hash/],
    ['a signature that recovers to nobody', (x) => ({ ...x, signature: `0x${'00'.repeat(65)}` }), 'bad_signature', /is not signed by its annotator 0x\w+\.$/],
  ];
  agreeOn('submission', () => records.submissions[0], variants);
});

describe('signed reviews: native checks agree with ethers', () => {
  const edit = (x: BundleReview, m: Partial<ReviewMessage>, d: Partial<TaggerDomain> = {}): BundleReview => ({ ...x, payload: { domain: { ...x.payload!.domain, ...d }, message: { ...x.payload!.message, ...m } } });
  const resignReview = (x: BundleReview, key: Wallet) => ({ ...x, signature: key.signingKey.sign(reviewDigest(x.payload!.domain as TaggerDomain, x.payload!.message as unknown as ReviewMessage)).serialized });
  const variants: Variant<BundleReview>[] = [
    ['as signed', (x) => x, null],
    ['an accept turned into a reject', (x) => edit(x, { verdict: 'reject' }), 'bad_signature', /is not signed by its reviewer/],
    ['signed by another key', (x) => resignReview(x, stranger), 'bad_signature', /is not signed by its reviewer/],
    ['another chain id', (x) => edit(x, {}, { chainId: 5 }), 'bad_signature', /is not signed by its reviewer/],
    ['a reviewer field that names someone else', (x) => ({ ...x, reviewer: stranger.address }), 'bad_signature', /is not signed by its reviewer/],
    ['unsorted submission ids', (x) => edit(x, { submissionIds: [`0x${'f'.repeat(64)}`, `0x${'0'.repeat(64)}`] }), 'bad_signature', /cannot be hashed, so its signature cannot hold: Review: submissionIds must be lower-case, sorted/],
    ['a signature without its message', (x) => ({ ...x, payload: null }), 'bad_signature', /without its signed message/],
  ];
  agreeOn('review', () => records.reviews[0], variants);
});
