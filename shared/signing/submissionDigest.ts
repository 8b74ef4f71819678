// The EIP-712 digest of a Submission (also the submission's id), built by hand through structHash.ts: the node
// verifies thousands per second and a bundle import checks every one. The keccak is injectable so Node code can
// use the native binding; the default is @noble/hashes (pure, runs anywhere).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { SUBMISSION_TYPES, type SubmissionMessage, type TaggerDomain } from './typedData.ts';
import { createTypedHasher, encodeType, type Keccak256 } from './structHash.ts';
import { toHex } from '../hex.ts';

export { DigestInputError, type Keccak256 } from './structHash.ts';

/** Derived from SUBMISSION_TYPES (a test checks it against ethers' encodeType). */
export const SUBMISSION_TYPE = encodeType('Submission', SUBMISSION_TYPES.Submission);

export interface SubmissionHasher {
  domainSeparator(domain: TaggerDomain): Uint8Array;
  /** 32-byte digest that the annotator's key signs; throws DigestInputError naming the bad field. */
  digest(domain: TaggerDomain, message: SubmissionMessage): Uint8Array;
}

export function createSubmissionHasher(keccak: Keccak256): SubmissionHasher {
  const typed = createTypedHasher(keccak);
  return { domainSeparator: typed.domainSeparator, digest: typed.struct<SubmissionMessage>('Submission', SUBMISSION_TYPES.Submission) };
}

const nobleHasher = createSubmissionHasher(keccak_256);

/** EIP-712 digest (0x-hex) of a Submission under `domain`; equals ethers' TypedDataEncoder.hash. Also the submission id. */
export function submissionDigest(domain: TaggerDomain, message: SubmissionMessage): string {
  return toHex(nobleHasher.digest(domain, message));
}

export function domainSeparatorHex(domain: TaggerDomain): string {
  return toHex(nobleHasher.domainSeparator(domain));
}
