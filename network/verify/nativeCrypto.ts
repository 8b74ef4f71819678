// Native keccak-256 and secp256k1 recovery. Loaded from the packages' native bindings directly, so a missing
// prebuild fails loudly here instead of silently falling back to their ~20x slower pure-JS code.
import { createRequire } from 'node:module';
import path from 'node:path';
import type Secp256k1 from 'secp256k1';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import { toHex } from '../../shared/hex.ts';

const require = createRequire(import.meta.url);
const secp = require('secp256k1/bindings') as typeof Secp256k1;

// The keccak package wraps its native state in a stream Transform per hash, which costs more than hashing 200
// bytes; we drive the native state (the same one the package uses) directly and reuse it.
interface KeccakState { initialize(rate: number, capacity: number): void; absorb(data: Buffer): void; squeeze(bytes: number): Buffer }
const keccakDir = path.dirname(require.resolve('keccak/package.json'));
const KeccakStateCtor = createRequire(path.join(keccakDir, 'index.js'))('node-gyp-build')(keccakDir) as new () => KeccakState;
const state = new KeccakStateCtor();

export function keccak256Native(data: Uint8Array): Uint8Array {
  state.initialize(1088, 512);
  state.absorb(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return state.squeeze(32);
}

const utf8 = new TextEncoder();

/** document.ts's contentHash (keccak256 of the canonical JSON, 0x-hex) with the native keccak: ~20x faster on big documents. */
export function nativeContentHash(document: unknown): string {
  return toHex(keccak256Native(utf8.encode(canonicalJson(document))));
}

// secp256k1 group order / 2: signatures with a higher s are the malleated twin of a valid one; ethers never makes
// them, and refusing them keeps "one signature per message" true.
const HALF_N = BigInt('0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0');

// Public keys of addresses already seen, so a known annotator costs one ecdsaVerify (~1.5x faster than a
// recovery plus an address hash). A key enters the cache only through a successful recovery, so it is right.
const knownKeys = new Map<string, Uint8Array>();
const MAX_KNOWN_KEYS = 100_000;

type Parsed = { sig: Buffer; recid: number } | { error: string };

function parseSignature(signature: string): Parsed {
  if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(signature)) return { error: 'bad signature: expected 0x followed by 130 hex digits (65 bytes r, s, v)' };
  const bytes = Buffer.from(signature.slice(2), 'hex');
  const v = bytes[64];
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) return { error: `bad signature: v must be 27 or 28 (or 0/1), not ${v}` };
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  if (s === 0n || s > HALF_N) return { error: 'bad signature: s is zero or not in the lower half of the curve order' };
  return { sig: bytes.subarray(0, 64), recid };
}

function recoverParsed(digest: Uint8Array, p: { sig: Buffer; recid: number }): { address: string; pub: Uint8Array } | { error: string } {
  let pub: Uint8Array;
  try {
    pub = secp.ecdsaRecover(p.sig, p.recid, digest, false);
  } catch {
    return { error: 'bad signature: no public key recovers from it' };
  }
  const hash = keccak256Native(pub.subarray(1));
  return { address: `0x${Buffer.from(hash.buffer, hash.byteOffset + 12, 20).toString('hex')}`, pub };
}

/** Address (lowercase 0x-hex) whose key signed `digest`, or a reason why the signature is unusable. */
export function recoverAddress(digest: Uint8Array, signature: string): { address: string } | { error: string } {
  const p = parseSignature(signature);
  if ('error' in p) return p;
  const r = recoverParsed(digest, p);
  return 'error' in r ? r : { address: r.address };
}

/** Whether `expected` (lowercase address) signed `digest`; otherwise who did, or why the signature is unusable. */
export function checkSignedBy(digest: Uint8Array, signature: string, expected: string): { ok: true } | { ok: false; address?: string; error?: string } {
  const p = parseSignature(signature);
  if ('error' in p) return { ok: false, error: p.error };
  const key = knownKeys.get(expected);
  if (key) {
    try {
      if (secp.ecdsaVerify(p.sig, digest, key)) return { ok: true };
    } catch { /* fall through to recovery, which names the real signer */ }
  }
  const r = recoverParsed(digest, p);
  if ('error' in r) return { ok: false, error: r.error };
  if (r.address !== expected) return { ok: false, address: r.address };
  if (knownKeys.size >= MAX_KNOWN_KEYS) knownKeys.clear();
  knownKeys.set(expected, r.pub);
  return { ok: true };
}
