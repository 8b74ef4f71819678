// Checks of the signed items a bundle carries (submissions, reviews). The problems and their wording are built
// here once; the cryptography comes from a CryptoKit. The bundle path uses the native one (hand-built EIP-712
// digests, native keccak and secp256k1); testing/referenceCrypto.ts gives ethers' generic encoder and recovery,
// and a test proves both reach the same verdict, word for word, on real and forged items.
import { getAddress } from 'ethers';
import { createSubmissionHasher } from '../../shared/signing/submissionDigest.ts';
import { createReviewHasher } from '../../shared/signing/reviewHasher.ts';
import { reviewMessageProblem } from '../../shared/signing/reviewDigest.ts';
import { toHex } from '../../shared/hex.ts';
import type { ReviewMessage, SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import type { BundleReview, BundleSubmission } from '../../shared/bundle/records.ts';
import { problem, type BundleProblem } from '../../shared/bundle/problems.ts';
import { sameAddress } from './signature.ts';
import { checkSignedBy, keccak256Native, nativeContentHash } from '../../network/verify/nativeCrypto.ts';

/** What checking a signed item needs; two implementations (native, ethers) that must agree. */
export interface CryptoKit {
  /** 0x-hex EIP-712 digest; throws naming the bad field. */
  submissionDigest(domain: TaggerDomain, message: SubmissionMessage): string;
  /** 0x-hex EIP-712 digest; throws `Review: <what is wrong>` for a malformed message. */
  reviewDigest(domain: TaggerDomain, message: ReviewMessage): string;
  /** Whether `expected` signed `digest`; otherwise who did (checksummed), or null when nobody can be recovered. */
  signedBy(digest: string, signature: string, expected: string): { ok: true } | { ok: false; signer: string | null };
  /** keccak256 of the canonical JSON of an annotation document, 0x-hex. */
  contentHash(document: unknown): string;
}

export interface SignedItemChecks {
  submission(x: BundleSubmission): BundleProblem | null;
  review(x: BundleReview): BundleProblem | null;
}

export function createSignedItemChecks(kit: CryptoKit): SignedItemChecks {
  return {
    /** Sound when its id is its EIP-712 hash, its annotator signed it and its document hashes to contentHash. */
    submission(x) {
      const where = `submission ${x.id}`;
      let digest: string;
      try {
        digest = kit.submissionDigest(x.domain, x.message);
      } catch (e) {
        return problem('bad_record', `Submission ${x.id} cannot be hashed: ${(e as Error).message}.`, where);
      }
      if (digest !== x.id.toLowerCase()) return problem('bad_signature', `Submission ${x.id} does not match its signed message (its EIP-712 hash is ${digest}): it was altered after signing.`, where);
      const who = kit.signedBy(digest, x.signature, x.message.annotator);
      if (!who.ok) return problem('bad_signature', `Submission ${x.id} for task ${x.taskId} is not signed by its annotator ${x.message.annotator}${who.signer ? ` (the signature is ${who.signer}'s)` : ''}.`, where);
      // The outbox stores the document exactly as hashed (annotationDocument's output), so it is hashed as it is.
      if (x.document.taskId !== x.message.taskId || kit.contentHash({ taskId: x.document.taskId, objects: x.document.objects }) !== x.message.contentHash.toLowerCase())
        return problem('bad_hash', `The annotation document of submission ${x.id} does not hash to the signed content hash: its objects were altered after signing.`, where);
      return null;
    },
    /** Signed reviews must recover to their reviewer; unsigned ones (local verdicts) are carried as they are. */
    review(x) {
      if (!x.payload && !x.signature) return null;
      const where = `review ${x.id}`;
      if (!x.payload || !x.signature) return problem('bad_signature', `Review ${x.id} has a signature without its signed message (or the reverse).`, where);
      let digest: string;
      try {
        digest = kit.reviewDigest(x.payload.domain, x.payload.message as unknown as ReviewMessage);
      } catch (e) {
        return problem('bad_signature', `Review ${x.id} cannot be hashed, so its signature cannot hold: ${(e as Error).message.split(' (')[0]}.`, where);
      }
      const reviewer = String(x.payload.message.reviewer ?? '');
      if (!kit.signedBy(digest, x.signature, reviewer).ok || !sameAddress(reviewer, x.reviewer))
        return problem('bad_signature', `Review ${x.id} of task ${x.taskId} is not signed by its reviewer ${x.reviewer}.`, where);
      return null;
    },
  };
}

const submissionHasher = createSubmissionHasher(keccak256Native);
const reviewHasher = createReviewHasher(keccak256Native);
const hexBytes = (hex: string) => Buffer.from(hex.slice(2), 'hex');

export const nativeCrypto: CryptoKit = {
  submissionDigest: (domain, message) => toHex(submissionHasher.digest(domain, message)),
  reviewDigest(domain, message) {
    const bad = reviewMessageProblem(message);
    if (bad) throw new Error(`Review: ${bad}`);
    return toHex(reviewHasher.digest(domain, message));
  },
  signedBy(digest, signature, expected) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(expected)) return { ok: false, signer: null };
    const r = checkSignedBy(hexBytes(digest), signature, expected.toLowerCase());
    return r.ok ? r : { ok: false, signer: r.address ? getAddress(r.address) : null };
  },
  contentHash: nativeContentHash,
};

export const nativeItemChecks = createSignedItemChecks(nativeCrypto);
