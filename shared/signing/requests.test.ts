import { describe, expect, it } from 'vitest';
import { TypedDataEncoder } from 'ethers';
import { leaseDigest, projectAssetsHash, projectDigest, reviewQueueDigest } from './requests.ts';
import { requiredBudgetMicro } from '../microTag.ts';
import { DEFAULT_DOMAIN, LEASE_TYPES, PROJECT_TYPES, REVIEW_QUEUE_TYPES, type LeaseMessage, type ProjectMessage } from './typedData.ts';

const lease: LeaseMessage = { annotator: '0x' + 'ab'.repeat(20), kinds: 'audio,text', skills: 'lang:de', max: 20, nonce: '123456789012345678901234567890', expiresAt: '1800000000000' };
const project: ProjectMessage = {
  name: 'Vögel ✓', requester: '0x' + '12'.repeat(20), detailsHash: '0x' + 'ab'.repeat(32), assetsHash: '0x' + 'cd'.repeat(32), assetCount: 3, redundancy: 2,
  baseReward: '2.5', budget: '15', minReputation: '0.8', leaseSeconds: 1800, nonce: '7', expiresAt: '1800000000000',
};

describe('signed request digests', () => {
  it('equal ethers\' EIP-712 hashes of the same messages', () => {
    expect(leaseDigest(DEFAULT_DOMAIN, lease)).toBe(TypedDataEncoder.hash(DEFAULT_DOMAIN, { LeaseRequest: [...LEASE_TYPES.LeaseRequest] }, lease));
    const rq = { validator: '0x' + 'cd'.repeat(20), max: 5, nonce: '42', expiresAt: '1800000000000' };
    expect(reviewQueueDigest(DEFAULT_DOMAIN, rq)).toBe(TypedDataEncoder.hash(DEFAULT_DOMAIN, { ReviewQueueRequest: [...REVIEW_QUEUE_TYPES.ReviewQueueRequest] }, rq));
    expect(projectDigest({ ...DEFAULT_DOMAIN, chainId: 1 }, project)).toBe(TypedDataEncoder.hash({ ...DEFAULT_DOMAIN, chainId: 1 }, { Project: [...PROJECT_TYPES.Project] }, project));
  });

  it('name the field a malformed message gets wrong', () => {
    expect(() => leaseDigest(DEFAULT_DOMAIN, { ...lease, annotator: '0x12' })).toThrow(/annotator must be 0x followed by 40 hex digits/);
    expect(() => leaseDigest(DEFAULT_DOMAIN, { ...lease, max: 2 ** 32 })).toThrow(/max must be a whole number that fits uint32/);
  });

  it('commit to every asset field in order, and price every slot', () => {
    const a = { sha256: 'a'.repeat(64), size: 3, kind: 'text', mime: 'text/plain', name: 'a.txt', difficulty: 1 };
    const b = { ...a, sha256: 'b'.repeat(64), difficulty: 2 };
    expect(projectAssetsHash([a, b])).not.toBe(projectAssetsHash([b, a]));
    expect(projectAssetsHash([a])).not.toBe(projectAssetsHash([{ ...a, size: 4 }]));
    expect(requiredBudgetMicro(3, 2_500_000, [a, b])).toBe(22_500_000);
  });
});
