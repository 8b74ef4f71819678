// The EIP-712 digest of a Review built by hand with an injectable keccak, for `tagger verify` on exports with
// thousands of reviews (ethers' generic encoder costs ~10x more). reviewHasher.test.ts checks it equals
// reviewDigest (ethers' TypedDataEncoder) word for word.
import { createSubmissionHasher, parseUint, writeHex, writeUint, DigestInputError, UINT256_MAX, UINT64_MAX, type Keccak256 } from './submissionDigest.ts';
import type { ReviewMessage, TaggerDomain } from './typedData.ts';

/** Must match REVIEW_TYPES field for field. */
export const REVIEW_TYPE = 'Review(string taskId,bytes32[] submissionIds,string verdict,bytes32 consensusHash,address reviewer,uint256 nonce,uint64 createdAt)';
const encoder = new TextEncoder();

export function createReviewHasher(keccak: Keccak256): { digest(domain: TaggerDomain, m: ReviewMessage): Uint8Array } {
  const typeHash = keccak(encoder.encode(REVIEW_TYPE));
  const domains = createSubmissionHasher(keccak);
  return {
    digest(domain, m) {
      if (typeof m.taskId !== 'string' || typeof m.verdict !== 'string') throw new DigestInputError('taskId and verdict must be strings');
      if (!Array.isArray(m.submissionIds)) throw new DigestInputError('submissionIds must be a list');
      const ids = new Uint8Array(32 * m.submissionIds.length);
      m.submissionIds.forEach((id, i) => writeHex(ids, 32 * i, id, 32, `submissionIds[${i}]`));
      const struct = new Uint8Array(256);
      struct.set(typeHash, 0);
      struct.set(keccak(encoder.encode(m.taskId)), 32);
      struct.set(keccak(ids), 64);
      struct.set(keccak(encoder.encode(m.verdict)), 96);
      writeHex(struct, 128, m.consensusHash, 32, 'consensusHash');
      writeHex(struct, 172, m.reviewer, 20, 'reviewer');
      writeUint(struct, 192, parseUint(m.nonce, UINT256_MAX, 'nonce'));
      writeUint(struct, 224, parseUint(m.createdAt, UINT64_MAX, 'createdAt'));
      const final = new Uint8Array(66);
      final[0] = 0x19;
      final[1] = 0x01;
      final.set(domains.domainSeparator(domain), 2);
      final.set(keccak(struct), 34);
      return keccak(final);
    },
  };
}
