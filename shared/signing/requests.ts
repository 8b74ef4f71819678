// Digests of the signed requests that spend or assign something on a node: a requester's project manifest and an
// annotator's lease request. Workstation, CLI and node build them here, so all agree on what was signed.
import { TypedDataEncoder } from 'ethers';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson.ts';
import { LEASE_TYPES, PROJECT_TYPES, type LeaseMessage, type ProjectMessage, type TaggerDomain } from './typedData.ts';

/** One asset of a manifest: its bytes are named by hash and size, so the node accepts exactly these uploads. */
export interface ManifestAsset { sha256: string; size: number; kind: string; mime: string; name: string; difficulty: number }

/** What a project asks of its annotators besides reputation (all declared in the signed lease request). */
export interface ProjectRequirements { skills?: string[] }

export interface ProjectDetails { schema: unknown; instructions: string; requirements: ProjectRequirements }

const hashJson = (v: unknown) => `0x${bytesToHex(keccak_256(utf8ToBytes(canonicalJson(v))))}`;

export const projectDetailsHash = (d: ProjectDetails): string => hashJson({ schema: d.schema, instructions: d.instructions, requirements: d.requirements });
export const projectAssetsHash = (assets: readonly ManifestAsset[]): string =>
  hashJson(assets.map((a) => ({ sha256: a.sha256, size: a.size, kind: a.kind, mime: a.mime, name: a.name, difficulty: a.difficulty })));

/** The least budget that pays every slot: redundancy × Σ(baseReward × difficulty). */
export function requiredBudget(redundancy: number, baseReward: number, assets: readonly { difficulty: number }[]): number {
  let sum = 0;
  for (const a of assets) sum += baseReward * a.difficulty;
  return redundancy * sum;
}

export const projectDigest = (domain: TaggerDomain, m: ProjectMessage): string => TypedDataEncoder.hash(domain, { Project: [...PROJECT_TYPES.Project] }, m);
export const leaseDigest = (domain: TaggerDomain, m: LeaseMessage): string => TypedDataEncoder.hash(domain, { LeaseRequest: [...LEASE_TYPES.LeaseRequest] }, m);

/** A random uint256 nonce as a decimal string (replays are refused by (signer, nonce)). */
export function randomNonce(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return BigInt(`0x${bytesToHex(b)}`).toString();
}
