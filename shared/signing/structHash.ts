// EIP-712 digests of Tagger's typed structs built by hand, from the same field lists ethers signs with
// (typedData.ts): one encoder for submissions, reviews and the signed requests. ethers' generic TypedDataEncoder
// costs ~10x more, and a node or a bundle import checks thousands. The keccak is injectable so Node code can use
// the native binding; the tests check every struct against ethers, an independent implementation.
import type { TaggerDomain } from './typedData.ts';
import { HEX_DIGIT } from '../hex.ts';

export type Keccak256 = (data: Uint8Array) => Uint8Array;

/** A malformed message or domain; the message names the field. */
export class DigestInputError extends Error {}

/** One field of an EIP-712 struct, as in typedData.ts. */
export interface TypedField {
  readonly name: string;
  readonly type: string;
}


const encoder = new TextEncoder();
const DECIMAL_RE = /^[0-9]{1,78}$/;

/** `Name(type name,...)`: what ethers' encodeType gives for a struct without nested structs. */
export function encodeType(primary: string, fields: readonly TypedField[]): string {
  return `${primary}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`;
}


/** `bytes` bytes of 0x-hex into buf at offset; refuses anything but exactly 2 * bytes hex digits. */
function writeHex(buf: Uint8Array, offset: number, hex: unknown, bytes: number, field: string): void {
  const bad = () => new DigestInputError(`${field} must be 0x followed by ${bytes * 2} hex digits`);
  if (typeof hex !== 'string' || hex.length !== 2 + bytes * 2 || hex.charCodeAt(0) !== 48 || (hex.charCodeAt(1) | 32) !== 120) throw bad();
  for (let i = 0; i < bytes; i++) {
    const c1 = hex.charCodeAt(2 + 2 * i), c2 = hex.charCodeAt(3 + 2 * i);
    const hi = c1 < 128 ? HEX_DIGIT[c1] : -1, lo = c2 < 128 ? HEX_DIGIT[c2] : -1;
    if (hi < 0 || lo < 0) throw bad();
    buf[offset + i] = (hi << 4) | lo;
  }
}

/** A uintN from a decimal string or a safe non-negative integer, big-endian into the word at offset. */
function writeUint(buf: Uint8Array, offset: number, value: unknown, bits: number, field: string): void {
  let n: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) n = BigInt(value);
  else if (typeof value === 'string' && DECIMAL_RE.test(value)) n = BigInt(value);
  else throw new DigestInputError(`${field} must be a whole number that fits uint${bits} (a decimal string of digits)`);
  if (n >> BigInt(bits) !== 0n) throw new DigestInputError(`${field} must be a whole number that fits uint${bits} (it is out of range)`);
  for (let i = offset + 31; i >= offset && n > 0n; i--) {
    buf[i] = Number(n & 0xffn);
    n >>= 8n;
  }
}

type FieldWriter = (struct: Uint8Array, offset: number, value: unknown) => void;

function fieldWriter(keccak: Keccak256, f: TypedField, where = f.name): FieldWriter {
  if (f.type === 'string') {
    return (buf, off, v) => {
      if (typeof v !== 'string') throw new DigestInputError(`${where} must be a string`);
      buf.set(keccak(encoder.encode(v)), off);
    };
  }
  if (f.type === 'address') return (buf, off, v) => writeHex(buf, off + 12, v, 20, where); // left-padded to a word
  if (f.type === 'bytes32') return (buf, off, v) => writeHex(buf, off, v, 32, where);
  if (f.type === 'bytes32[]') {
    return (buf, off, v) => {
      if (!Array.isArray(v)) throw new DigestInputError(`${where} must be a list`);
      const words = new Uint8Array(32 * v.length);
      for (let i = 0; i < v.length; i++) writeHex(words, 32 * i, v[i], 32, `${where}[${i}]`);
      buf.set(keccak(words), off);
    };
  }
  const uint = /^uint([0-9]{1,3})$/.exec(f.type);
  const bits = uint ? Number(uint[1]) : 0;
  if (!uint || bits < 8 || bits > 256 || bits % 8) throw new Error(`EIP-712 type ${f.type} of ${f.name} is not supported by structHash`);
  return (buf, off, v) => writeUint(buf, off, v, bits, where);
}

const DOMAIN_FIELDS: readonly TypedField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** Hashes a struct's fields (encodeData) for one type: keccak(typeHash ‖ one word per field). */
function createStructHash(keccak: Keccak256, primary: string, fields: readonly TypedField[], prefix = ''): (m: Record<string, unknown>) => Uint8Array {
  const typeHash = keccak(encoder.encode(encodeType(primary, fields)));
  const writers = fields.map((f) => fieldWriter(keccak, f, `${prefix}${f.name}`));
  return (m) => {
    if (!m || typeof m !== 'object') throw new DigestInputError(`${prefix || 'the message'} must be an object`);
    const struct = new Uint8Array(32 * (fields.length + 1));
    struct.set(typeHash, 0);
    for (let i = 0; i < fields.length; i++) writers[i](struct, 32 * (i + 1), m[fields[i].name]);
    return keccak(struct);
  };
}

export interface TypedHasher {
  /** keccak of the domain's struct (cached per domain). */
  domainSeparator(domain: TaggerDomain): Uint8Array;
  /** The digest a wallet signs for one primary type: keccak(0x1901 ‖ domainSeparator ‖ structHash). */
  struct<M extends object>(primary: string, fields: readonly TypedField[]): (domain: TaggerDomain, message: M) => Uint8Array;
}

export function createTypedHasher(keccak: Keccak256): TypedHasher {
  const domainStruct = createStructHash(keccak, 'EIP712Domain', DOMAIN_FIELDS, 'domain.');
  const separators = new Map<string, Uint8Array>();

  function domainSeparator(domain: TaggerDomain): Uint8Array {
    if (!domain || typeof domain !== 'object') throw new DigestInputError('domain must be an object');
    const key = `${domain.name}\u0000${domain.version}\u0000${domain.chainId}\u0000${String(domain.verifyingContract).toLowerCase()}`;
    let sep = separators.get(key);
    if (!sep) {
      if (!Number.isSafeInteger(domain.chainId) || domain.chainId < 0) throw new DigestInputError('domain.chainId must be a non-negative integer');
      sep = domainStruct(domain as unknown as Record<string, unknown>);
      if (separators.size > 64) separators.clear(); // a node serves one domain; this only bounds odd callers
      separators.set(key, sep);
    }
    return sep;
  }

  function struct<M extends object>(primary: string, fields: readonly TypedField[]) {
    const hashStruct = createStructHash(keccak, primary, fields);
    return (domain: TaggerDomain, message: M): Uint8Array => {
      const final = new Uint8Array(66);
      final[0] = 0x19;
      final[1] = 0x01;
      final.set(domainSeparator(domain), 2);
      final.set(hashStruct(message as unknown as Record<string, unknown>), 34);
      return keccak(final);
    };
  }

  return { domainSeparator, struct };
}


