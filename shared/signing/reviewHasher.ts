// The EIP-712 digest of a Review built by hand through structHash.ts, for checking many reviews (`tagger verify`,
// bundle imports) where ethers' generic encoder costs ~10x more. reviewHasher.test.ts checks it equals
// reviewDigest (ethers' TypedDataEncoder, which signs them) word for word.
import { REVIEW_TYPES, type ReviewMessage, type TaggerDomain } from './typedData.ts';
import { createTypedHasher, encodeType, type Keccak256 } from './structHash.ts';

/** Derived from REVIEW_TYPES (a test checks it against ethers' encodeType). */
export const REVIEW_TYPE = encodeType('Review', REVIEW_TYPES.Review);

export function createReviewHasher(keccak: Keccak256): { digest(domain: TaggerDomain, m: ReviewMessage): Uint8Array } {
  return { digest: createTypedHasher(keccak).struct<ReviewMessage>('Review', REVIEW_TYPES.Review) };
}
