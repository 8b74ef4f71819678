// Signing and checking a bundle's manifest with ethers' EIP-712 encoder: once per bundle. The signed items inside
// (submissions, reviews) are checked by signedItems.ts.
import { TypedDataEncoder, recoverAddress, getAddress } from 'ethers';
import { toHex } from '../../shared/hex.ts';
import { keccak256Native } from '../../network/verify/nativeCrypto.ts';
import { BUNDLE_DOMAIN, BUNDLE_MANIFEST_TYPES, type BundleManifestMessage } from '../../shared/bundle/typedData.ts';
import type { BundleManifest } from '../../shared/bundle/manifest.ts';
import type { Signer } from '../wallet/walletService.ts';

const manifestTypes = { BundleManifest: [...BUNDLE_MANIFEST_TYPES.BundleManifest] };

export function manifestMessage(manifestBytes: Uint8Array, manifest: BundleManifest): BundleManifestMessage {
  return { manifestHash: toHex(keccak256Native(manifestBytes)), exporter: manifest.exporter, projectId: manifest.project.id, format: manifest.format, createdAt: String(manifest.createdAt) };
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
