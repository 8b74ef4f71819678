// Digests of the signed requests that spend or assign something on a node: a requester's project manifest and an
// annotator's lease request. Workstation, CLI and node build them here, so all agree on what was signed.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createTypedHasher, type Keccak256 } from './structHash.ts';
import { toHex } from '../hex.ts';
import { canonicalJson } from './canonicalJson.ts';
import { LEASE_TYPES, PROJECT_TYPES, REVIEW_QUEUE_TYPES, type LeaseMessage, type ProjectMessage, type ReviewQueueMessage, type TaggerDomain } from './typedData.ts';

/** One asset of a manifest: its bytes are named by hash and size, so the node accepts exactly these uploads. */
export interface ManifestAsset { sha256: string; size: number; kind: string; mime: string; name: string; difficulty: number }

/** What a project asks of its annotators besides reputation (all declared in the signed lease request). */
export interface ProjectRequirements {
  skills?: string[];
  /** Stake (decimal TAG) an annotator must have locked on the node to lease the project's tasks. */
  minStake?: string;
}

export interface ProjectDetails { schema: unknown; instructions: string; requirements: ProjectRequirements }

const hashJson = (v: unknown) => `0x${bytesToHex(keccak_256(utf8ToBytes(canonicalJson(v))))}`;

export const projectDetailsHash = (d: ProjectDetails): string => hashJson({ schema: d.schema, instructions: d.instructions, requirements: d.requirements });
export const projectAssetsHash = (assets: readonly ManifestAsset[]): string =>
  hashJson(assets.map((a) => ({ sha256: a.sha256, size: a.size, kind: a.kind, mime: a.mime, name: a.name, difficulty: a.difficulty })));

/**
 * EIP-712 digests of the signed requests, built by hand through structHash.ts like the submission digest: ethers'
 * generic encoder costs milliseconds per request, and a node checks every lease request. The keccak is injectable
 * so the node uses its native one; requests.test.ts checks the result against ethers.
 */
export function createRequestHashers(keccak: Keccak256) {
  const typed = createTypedHasher(keccak);
  const hex = <M extends object>(digest: (d: TaggerDomain, m: M) => Uint8Array) => (d: TaggerDomain, m: M) => toHex(digest(d, m));
  return {
    reviewQueueDigest: hex(typed.struct<ReviewQueueMessage>('ReviewQueueRequest', REVIEW_QUEUE_TYPES.ReviewQueueRequest)),
    projectDigest: hex(typed.struct<ProjectMessage>('Project', PROJECT_TYPES.Project)),
    leaseDigest: hex(typed.struct<LeaseMessage>('LeaseRequest', LEASE_TYPES.LeaseRequest)),
  };
}

const nobleHashers = createRequestHashers(keccak_256);
export const projectDigest = nobleHashers.projectDigest;
export const leaseDigest = nobleHashers.leaseDigest;
export const reviewQueueDigest = nobleHashers.reviewQueueDigest;

/** A random uint256 nonce as a decimal string (replays are refused by (signer, nonce)). */
export function randomNonce(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return BigInt(`0x${bytesToHex(b)}`).toString();
}
