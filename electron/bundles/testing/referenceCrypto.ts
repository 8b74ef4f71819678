// The reference CryptoKit: ethers' generic EIP-712 encoder and signature recovery, and the pure-JS keccak of
// document.ts. It is how bundles were checked before the native path; tests hold the native kit to it, and the
// bench runs it beside ours on the same bundle.
import { TypedDataEncoder, getAddress, recoverAddress } from 'ethers';
import { SUBMISSION_TYPES } from '../../../shared/signing/typedData.ts';
import { reviewDigest } from '../../../shared/signing/reviewDigest.ts';
import { contentHash } from '../../../shared/signing/document.ts';
import { createSignedItemChecks, type CryptoKit } from '../signedItems.ts';

const submissionTypes = { Submission: [...SUBMISSION_TYPES.Submission] };

export const referenceCrypto: CryptoKit = {
  submissionDigest: (domain, message) => TypedDataEncoder.hash(domain, submissionTypes, message),
  reviewDigest,
  signedBy(digest, signature, expected) {
    let who: string | null = null;
    try {
      who = getAddress(recoverAddress(digest, signature));
    } catch { /* not a usable signature: nobody signed it */ }
    return who && who.toLowerCase() === expected.toLowerCase() ? { ok: true } : { ok: false, signer: who };
  },
  contentHash,
};

export const referenceItemChecks = createSignedItemChecks(referenceCrypto);
