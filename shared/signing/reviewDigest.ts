// The EIP-712 digest of a Review (a validator's signed verdict). Reviews are few next to submissions, so ethers'
// generic encoder is fast enough; the digest is also the review's id, in the outbox and on the node.
import { TypedDataEncoder } from 'ethers';
import { REVIEW_TYPES, REVIEW_VERDICTS, type ReviewMessage, type TaggerDomain } from './typedData.ts';

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^[0-9]{1,78}$/;

/** The first problem with a review message, or null: what the node refuses before it even checks the signature. */
export function reviewMessageProblem(m: ReviewMessage): string | null {
  if (typeof m.taskId !== 'string' || !m.taskId) return 'taskId must be a non-empty string';
  if (!Array.isArray(m.submissionIds) || !m.submissionIds.length) return 'submissionIds must list the reviewed submissions';
  if (m.submissionIds.some((id) => typeof id !== 'string' || !BYTES32.test(id))) return 'each submission id must be 0x followed by 64 hex digits';
  const sorted = [...m.submissionIds].map((x) => x.toLowerCase()).sort();
  if (sorted.some((x, i) => x !== m.submissionIds[i] || (i && x === sorted[i - 1]))) return 'submissionIds must be lower-case, sorted and without duplicates';
  if (!REVIEW_VERDICTS.includes(m.verdict)) return `verdict must be one of ${REVIEW_VERDICTS.join(', ')}`;
  if (typeof m.consensusHash !== 'string' || !BYTES32.test(m.consensusHash)) return 'consensusHash must be 0x followed by 64 hex digits';
  if (typeof m.reviewer !== 'string' || !ADDRESS.test(m.reviewer)) return 'reviewer must be an address';
  if (typeof m.nonce !== 'string' || !DECIMAL.test(m.nonce)) return 'nonce must be a decimal string';
  if (typeof m.createdAt !== 'string' || !DECIMAL.test(m.createdAt) || BigInt(m.createdAt) >= 1n << 64n) return 'createdAt must be a uint64 decimal string';
  return null;
}

/** 0x-hex EIP-712 digest of the review under `domain` (throws on a malformed message, naming the field). */
export function reviewDigest(domain: TaggerDomain, message: ReviewMessage): string {
  const problem = reviewMessageProblem(message);
  if (problem) throw new Error(`Review: ${problem}`);
  return TypedDataEncoder.hash(domain, { Review: [...REVIEW_TYPES.Review] }, message);
}
