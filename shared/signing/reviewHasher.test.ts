import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { TypedDataEncoder } from 'ethers';
import { createReviewHasher, REVIEW_TYPE } from './reviewHasher.ts';
import { reviewDigest } from './reviewDigest.ts';
import { DEFAULT_DOMAIN, REVIEW_TYPES, ZERO_HASH, type ReviewMessage } from './typedData.ts';

const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

describe('review digest by hand', () => {
  it('has the type string ethers encodes', () => {
    expect(TypedDataEncoder.from({ Review: [...REVIEW_TYPES.Review] }).encodeType('Review')).toBe(REVIEW_TYPE);
  });
  it('equals ethers\' digest for accepts, rejects, one or many ids, and another domain', () => {
    const h = createReviewHasher(keccak_256);
    const messages: ReviewMessage[] = [
      { taskId: 't_1', submissionIds: [id(1)], verdict: 'accept', consensusHash: id(77), reviewer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', nonce: '1', createdAt: '1700000000000' },
      { taskId: 'tâche ü', submissionIds: [id(2), id(3), id(0xabcdef)], verdict: 'reject', consensusHash: ZERO_HASH, reviewer: '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc', nonce: '123456789012345678901234567890', createdAt: '18446744073709551615' },
    ];
    for (const domain of [DEFAULT_DOMAIN, { ...DEFAULT_DOMAIN, chainId: 31337 }]) {
      for (const m of messages) expect(`0x${bytesToHex(h.digest(domain, m))}`).toBe(reviewDigest(domain, m));
    }
  });
});
