// Signing and checking a bundle's manifest, and the signed items inside it (submissions, reviews), with ethers'
// EIP-712 encoder: these run a few times per bundle or once per item, never in a hot loop over bytes.
import { TypedDataEncoder, keccak256, recoverAddress, getAddress } from 'ethers';
import { BUNDLE_DOMAIN, BUNDLE_MANIFEST_TYPES, type BundleManifestMessage } from '../../shared/bundle/typedData.ts';
import type { ReviewMessage } from '../../shared/signing/typedData.ts';
import { reviewDigest } from '../../shared/signing/reviewDigest.ts';
import { contentHash, submissionDigest } from '../../shared/signing/document.ts';
import type { BundleManifest } from '../../shared/bundle/manifest.ts';
import type { BundleReview, BundleSubmission } from '../../shared/bundle/records.ts';
import { problem, type BundleProblem } from '../../shared/bundle/problems.ts';
import type { Signer } from '../wallet/walletService.ts';

const manifestTypes = { BundleManifest: [...BUNDLE_MANIFEST_TYPES.BundleManifest] };

export function manifestMessage(manifestBytes: Uint8Array, manifest: BundleManifest): BundleManifestMessage {
  return { manifestHash: keccak256(manifestBytes), exporter: manifest.exporter, projectId: manifest.project.id, format: manifest.format, createdAt: String(manifest.createdAt) };
}

export function manifestDigest(manifestBytes: Uint8Array, manifest: BundleManifest): string {
  return TypedDataEncoder.hash(BUNDLE_DOMAIN, manifestTypes, manifestMessage(manifestBytes, manifest));
}

export function signManifest(signer: Signer, manifestBytes: Uint8Array, manifest: BundleManifest): string {
  return signer.signDigest(manifestDigest(manifestBytes, manifest));
}

/** The address that signed a digest, or null when the signature is not a valid secp256k1 signature. */
export function recoverSigner(digest: string, signature: string): string | null {
  try {
    return getAddress(recoverAddress(digest, signature));
  } catch {
    return null;
  }
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A submission is sound when its id is its EIP-712 hash, its annotator signed it and its document hashes to contentHash. */
export function checkSubmission(x: BundleSubmission): BundleProblem | null {
  const where = `submission ${x.id}`;
  let digest: string;
  try {
    digest = submissionDigest(x.domain, x.message);
  } catch (e) {
    return problem('bad_record', `Submission ${x.id} cannot be hashed: ${(e as Error).message}.`, where);
  }
  if (digest !== x.id.toLowerCase()) return problem('bad_signature', `Submission ${x.id} does not match its signed message (its EIP-712 hash is ${digest}): it was altered after signing.`, where);
  const who = recoverSigner(digest, x.signature);
  if (!who || !sameAddress(who, x.message.annotator))
    return problem('bad_signature', `Submission ${x.id} for task ${x.taskId} is not signed by its annotator ${x.message.annotator}${who ? ` (the signature is ${who}'s)` : ''}.`, where);
  // The outbox stores the document exactly as hashed (annotationDocument's output), so it is hashed as it is.
  if (x.document.taskId !== x.message.taskId || contentHash({ taskId: x.document.taskId, objects: x.document.objects }) !== x.message.contentHash.toLowerCase())
    return problem('bad_hash', `The annotation document of submission ${x.id} does not hash to the signed content hash: its objects were altered after signing.`, where);
  return null;
}

/** Signed reviews must recover to their reviewer; unsigned ones (local verdicts) are carried as they are. */
export function checkReview(x: BundleReview): BundleProblem | null {
  if (!x.payload && !x.signature) return null;
  const where = `review ${x.id}`;
  if (!x.payload || !x.signature) return problem('bad_signature', `Review ${x.id} has a signature without its signed message (or the reverse).`, where);
  let digest: string;
  try {
    digest = reviewDigest(x.payload.domain, x.payload.message as unknown as ReviewMessage);
  } catch (e) {
    return problem('bad_signature', `Review ${x.id} cannot be hashed, so its signature cannot hold: ${(e as Error).message.split(' (')[0]}.`, where);
  }
  const who = recoverSigner(digest, x.signature);
  const reviewer = String(x.payload.message.reviewer ?? '');
  if (!who || !sameAddress(who, reviewer) || !sameAddress(reviewer, x.reviewer))
    return problem('bad_signature', `Review ${x.id} of task ${x.taskId} is not signed by its reviewer ${x.reviewer}.`, where);
  return null;
}
