// The EIP-712 digest of a Submission, built by hand: ethers' generic TypedDataEncoder is ~10x slower than
// concatenating the fixed-layout words ourselves, and the node verifies thousands per second. The keccak is
// injectable so the node can use the native binding; the default is @noble/hashes (pure, runs anywhere).
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { SubmissionMessage, TaggerDomain } from './typedData.ts';

export type Keccak256 = (data: Uint8Array) => Uint8Array;

export const EIP712_DOMAIN_TYPE = 'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)';
/** Must match SUBMISSION_TYPES field for field (a test checks it against ethers' encodeType). */
export const SUBMISSION_TYPE = 'Submission(string taskId,string projectId,bytes32 contentHash,address annotator,uint256 nonce,uint64 createdAt)';

export const UINT256_MAX = (1n << 256n) - 1n;
export const UINT64_MAX = (1n << 64n) - 1n;
const HEX_RE = /^0x[0-9a-fA-F]*$/;
const DECIMAL_RE = /^[0-9]{1,78}$/;
const encoder = new TextEncoder();

export class DigestInputError extends Error {}

export interface SubmissionHasher {
  domainSeparator(domain: TaggerDomain): Uint8Array;
  /** 32-byte digest that the annotator's key signs; throws DigestInputError naming the bad field. */
  digest(domain: TaggerDomain, message: SubmissionMessage): Uint8Array;
}

export function createSubmissionHasher(keccak: Keccak256): SubmissionHasher {
  const domainTypeHash = keccak(encoder.encode(EIP712_DOMAIN_TYPE));
  const submissionTypeHash = keccak(encoder.encode(SUBMISSION_TYPE));
  const separators = new Map<string, Uint8Array>();

  function domainSeparator(domain: TaggerDomain): Uint8Array {
    const key = `${domain.name}\u0000${domain.version}\u0000${domain.chainId}\u0000${domain.verifyingContract.toLowerCase()}`;
    let sep = separators.get(key);
    if (!sep) {
      const buf = new Uint8Array(160);
      buf.set(domainTypeHash, 0);
      buf.set(keccak(encoder.encode(domain.name)), 32);
      buf.set(keccak(encoder.encode(domain.version)), 64);
      if (!Number.isSafeInteger(domain.chainId) || domain.chainId < 0) throw new DigestInputError('domain.chainId must be a non-negative integer');
      writeUint(buf, 96, BigInt(domain.chainId));
      writeHex(buf, 140, domain.verifyingContract, 20, 'domain.verifyingContract');
      sep = keccak(buf);
      if (separators.size > 64) separators.clear(); // a node serves one domain; this only bounds odd callers
      separators.set(key, sep);
    }
    return sep;
  }

  function digest(domain: TaggerDomain, m: SubmissionMessage): Uint8Array {
    if (typeof m.taskId !== 'string') throw new DigestInputError('taskId must be a string');
    if (typeof m.projectId !== 'string') throw new DigestInputError('projectId must be a string');
    const struct = new Uint8Array(224);
    struct.set(submissionTypeHash, 0);
    struct.set(keccak(encoder.encode(m.taskId)), 32);
    struct.set(keccak(encoder.encode(m.projectId)), 64);
    writeHex(struct, 96, m.contentHash, 32, 'contentHash');
    writeHex(struct, 140, m.annotator, 20, 'annotator');
    writeUint(struct, 160, parseUint(m.nonce, UINT256_MAX, 'nonce'));
    writeUint(struct, 192, parseUint(m.createdAt, UINT64_MAX, 'createdAt'));
    const final = new Uint8Array(66);
    final[0] = 0x19;
    final[1] = 0x01;
    final.set(domainSeparator(domain), 2);
    final.set(keccak(struct), 34);
    return keccak(final);
  }

  return { domainSeparator, digest };
}

export function parseUint(value: unknown, max: bigint, field: string): bigint {
  if (typeof value !== 'string' || !DECIMAL_RE.test(value)) throw new DigestInputError(`${field} must be a decimal string of digits`);
  const n = BigInt(value);
  if (n > max) throw new DigestInputError(`${field} is out of range`);
  return n;
}

/** Big-endian into the 32-byte word at `offset`. */
export function writeUint(buf: Uint8Array, offset: number, n: bigint): void {
  for (let i = offset + 31; i >= offset && n > 0n; i--) {
    buf[i] = Number(n & 0xffn);
    n >>= 8n;
  }
}

export function writeHex(buf: Uint8Array, offset: number, hex: unknown, bytes: number, field: string): void {
  if (typeof hex !== 'string' || hex.length !== 2 + bytes * 2 || !HEX_RE.test(hex)) {
    throw new DigestInputError(`${field} must be 0x followed by ${bytes * 2} hex digits`);
  }
  for (let i = 0; i < bytes; i++) buf[offset + i] = parseInt(hex.substr(2 + i * 2, 2), 16);
}

const nobleHasher = createSubmissionHasher(keccak_256);

/** EIP-712 digest (0x-hex) of a Submission under `domain`; equals ethers' TypedDataEncoder.hash. Also the submission id. */
export function submissionDigest(domain: TaggerDomain, message: SubmissionMessage): string {
  return `0x${bytesToHex(nobleHasher.digest(domain, message))}`;
}

export function domainSeparatorHex(domain: TaggerDomain): string {
  return `0x${bytesToHex(nobleHasher.domainSeparator(domain))}`;
}
