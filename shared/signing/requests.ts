// Digests of the signed requests that spend or assign something on a node: a requester's project manifest and an
// annotator's lease request. Workstation, CLI and node build them here, so all agree on what was signed.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { createSubmissionHasher, DigestInputError, type Keccak256 } from './submissionDigest.ts';
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

type Field = { readonly name: string; readonly type: string };

/**
 * EIP-712 digests of flat structs (string, address, bytes32 and uint fields), built by hand like the submission
 * digest: ethers' generic encoder costs milliseconds per request, and a node checks every lease request. The
 * keccak is injectable so the node uses its native one; requests.test.ts checks the result against ethers.
 */
export function createRequestHashers(keccak: Keccak256) {
  const domainSeparator = createSubmissionHasher(keccak).domainSeparator;
  const structHasher = (primary: string, fields: readonly Field[]) => {
    const typeHash = keccak(utf8ToBytes(`${primary}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`));
    return (domain: TaggerDomain, m: Record<string, unknown>): string => {
      const struct = new Uint8Array(32 * (fields.length + 1));
      struct.set(typeHash, 0);
      fields.forEach((f, i) => struct.set(encodeField(keccak, f, m[f.name]), 32 * (i + 1)));
      const final = new Uint8Array(66);
      final[0] = 0x19;
      final[1] = 0x01;
      final.set(domainSeparator(domain), 2);
      final.set(keccak(struct), 34);
      return `0x${bytesToHex(keccak(final))}`;
    };
  };
  const project = structHasher('Project', PROJECT_TYPES.Project);
  const lease = structHasher('LeaseRequest', LEASE_TYPES.LeaseRequest);
  const reviewQueue = structHasher('ReviewQueueRequest', REVIEW_QUEUE_TYPES.ReviewQueueRequest);
  return {
    reviewQueueDigest: (domain: TaggerDomain, m: ReviewQueueMessage) => reviewQueue(domain, m as unknown as Record<string, unknown>),
    projectDigest: (domain: TaggerDomain, m: ProjectMessage) => project(domain, m as unknown as Record<string, unknown>),
    leaseDigest: (domain: TaggerDomain, m: LeaseMessage) => lease(domain, m as unknown as Record<string, unknown>),
  };
}

function encodeField(keccak: Keccak256, f: Field, v: unknown): Uint8Array {
  const word = new Uint8Array(32);
  if (f.type === 'string') {
    if (typeof v !== 'string') throw new DigestInputError(`${f.name} must be a string`);
    return keccak(utf8ToBytes(v));
  }
  if (f.type === 'address' || f.type === 'bytes32') {
    const bytes = f.type === 'address' ? 20 : 32;
    if (typeof v !== 'string' || !new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`).test(v)) throw new DigestInputError(`${f.name} must be 0x followed by ${bytes * 2} hex digits`);
    word.set(hexToBytes(v.slice(2)), 32 - bytes); // an address is left-padded to a word
    return word;
  }
  const bits = Number(f.type.slice(4));
  const n = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : typeof v === 'string' && /^[0-9]{1,78}$/.test(v) ? BigInt(v) : null;
  if (n === null || n >= 1n << BigInt(bits)) throw new DigestInputError(`${f.name} must be a whole number that fits ${f.type}`);
  let x = n;
  for (let i = 31; i >= 0 && x > 0n; i--) {
    word[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return word;
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
