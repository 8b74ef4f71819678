import { describe, expect, it } from 'vitest';
import { Wallet, verifyTypedData } from 'ethers';
import { reviewDigest, reviewMessageProblem } from './reviewDigest.ts';
import { DEFAULT_DOMAIN, REVIEW_TYPES, ZERO_HASH, type ReviewMessage } from './typedData.ts';

const wallet = new Wallet(`0x${'11'.repeat(32)}`);
const msg = (over: Partial<ReviewMessage> = {}): ReviewMessage => ({
  taskId: 'task-1', submissionIds: [`0x${'aa'.repeat(32)}`, `0x${'bb'.repeat(32)}`], verdict: 'accept',
  consensusHash: `0x${'cc'.repeat(32)}`, reviewer: wallet.address, nonce: '7', createdAt: '1700000000000', ...over,
});

describe('Review typed data', () => {
  it('is signed by the reviewer and recovers to them; any field change changes the digest', async () => {
    const m = msg();
    const sig = await wallet.signTypedData(DEFAULT_DOMAIN, { Review: [...REVIEW_TYPES.Review] }, m);
    expect(verifyTypedData(DEFAULT_DOMAIN, { Review: [...REVIEW_TYPES.Review] }, m, sig)).toBe(wallet.address);
    const d = reviewDigest(DEFAULT_DOMAIN, m);
    expect(d).toMatch(/^0x[0-9a-f]{64}$/);
    expect(reviewDigest(DEFAULT_DOMAIN, msg({ verdict: 'reject', consensusHash: ZERO_HASH }))).not.toBe(d);
    expect(reviewDigest(DEFAULT_DOMAIN, msg({ submissionIds: [`0x${'aa'.repeat(32)}`] }))).not.toBe(d);
  });
  it('names what is wrong with a malformed review', () => {
    expect(reviewMessageProblem(msg({ submissionIds: [] }))).toMatch(/submissionIds/);
    expect(reviewMessageProblem(msg({ submissionIds: [`0x${'bb'.repeat(32)}`, `0x${'aa'.repeat(32)}`] }))).toMatch(/sorted/);
    expect(reviewMessageProblem(msg({ verdict: 'maybe' as never }))).toMatch(/accept, reject, rework/);
    expect(() => reviewDigest(DEFAULT_DOMAIN, msg({ consensusHash: '0x12' }))).toThrow(/consensusHash/);
  });
});
