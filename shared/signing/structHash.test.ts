import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { TypedDataEncoder, hexlify, randomBytes } from 'ethers';
import { createTypedHasher } from './structHash.ts';
import { toHex } from '../hex.ts';
import { DEFAULT_DOMAIN, REVIEW_TYPES, SUBMISSION_TYPES, type ReviewMessage, type SubmissionMessage, type TaggerDomain } from './typedData.ts';

const typed = createTypedHasher(keccak_256);
const review = typed.struct<ReviewMessage>('Review', REVIEW_TYPES.Review);
const submission = typed.struct<SubmissionMessage>('Submission', SUBMISSION_TYPES.Submission);
const rand32 = () => hexlify(randomBytes(32));

describe('structHash (the one hand-built EIP-712 encoder)', () => {
  it('equals ethers on random reviews with 0 to 40 submission ids, under random domains', () => {
    for (let i = 0; i < 100; i++) {
      const domain: TaggerDomain = { name: 'Tagger', version: String(i), chainId: Math.floor(Math.random() * 2 ** 40), verifyingContract: hexlify(randomBytes(20)) };
      const m: ReviewMessage = {
        taskId: `t_${i}é`, submissionIds: Array.from({ length: i % 41 }, rand32), verdict: (['accept', 'reject', 'rework'] as const)[i % 3],
        consensusHash: rand32(), reviewer: hexlify(randomBytes(20)), nonce: String(BigInt(rand32()) >> BigInt(i)), createdAt: String(Date.now() + i),
      };
      expect(toHex(review(domain, m))).toBe(TypedDataEncoder.hash(domain, { Review: [...REVIEW_TYPES.Review] }, m));
    }
  });

  it('names the field of a malformed message, inside lists and the domain too', () => {
    const m: ReviewMessage = { taskId: 't', submissionIds: [rand32(), '0x12'], verdict: 'accept', consensusHash: rand32(), reviewer: hexlify(randomBytes(20)), nonce: '1', createdAt: '1' };
    expect(() => review(DEFAULT_DOMAIN, m)).toThrow(/submissionIds\[1\] must be 0x followed by 64 hex digits/);
    expect(() => review(DEFAULT_DOMAIN, { ...m, submissionIds: 'x' as unknown as string[] })).toThrow(/submissionIds must be a list/);
    expect(() => review(DEFAULT_DOMAIN, { ...m, submissionIds: [], taskId: 1 as unknown as string })).toThrow(/taskId must be a string/);
    const s: SubmissionMessage = { taskId: 't', projectId: 'p', contentHash: rand32(), annotator: hexlify(randomBytes(20)), nonce: '1', createdAt: '1' };
    expect(() => submission(DEFAULT_DOMAIN, { ...s, annotator: `0x${'g'.repeat(40)}` })).toThrow(/annotator must be 0x followed by 40 hex digits/);
    expect(() => submission(DEFAULT_DOMAIN, { ...s, createdAt: (1n << 64n).toString() })).toThrow(/createdAt must be a whole number that fits uint64 \(it is out of range\)/);
    expect(() => submission({ ...DEFAULT_DOMAIN, chainId: -1 }, s)).toThrow(/domain\.chainId/);
    expect(() => submission({ ...DEFAULT_DOMAIN, verifyingContract: '0x1' }, s)).toThrow(/domain\.verifyingContract must be 0x followed by 40 hex digits/);
  });

  it('refuses a type it cannot encode instead of hashing it wrongly', () => {
    expect(() => typed.struct('X', [{ name: 'a', type: 'int256' }])).toThrow(/not supported/);
  });
});
