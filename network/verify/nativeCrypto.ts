// Native keccak-256 and secp256k1 recovery. Loaded from the packages' native bindings directly, so a missing
// prebuild fails loudly here instead of silently falling back to their ~20x slower pure-JS code.
import { createRequire } from 'node:module';
import type KeccakFactory from 'keccak';
import type Secp256k1 from 'secp256k1';

const require = createRequire(import.meta.url);
const createKeccak = require('keccak/bindings') as typeof KeccakFactory;
const secp = require('secp256k1/bindings') as typeof Secp256k1;

export function keccak256Native(data: Uint8Array): Uint8Array {
  return createKeccak('keccak256').update(Buffer.from(data.buffer, data.byteOffset, data.byteLength)).digest();
}

// secp256k1 group order / 2: signatures with a higher s are the malleated twin of a valid one; ethers never makes
// them, and refusing them keeps "one signature per message" true.
const HALF_N = BigInt('0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0');

/** Address (lowercase 0x-hex) whose key signed `digest`, or a reason why the signature is unusable. */
export function recoverAddress(digest: Uint8Array, signature: string): { address: string } | { error: string } {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return { error: 'bad signature: expected 0x followed by 130 hex digits (65 bytes r, s, v)' };
  const bytes = Buffer.from(signature.slice(2), 'hex');
  const v = bytes[64];
  const recid = v >= 27 ? v - 27 : v;
  if (recid !== 0 && recid !== 1) return { error: `bad signature: v must be 27 or 28 (or 0/1), not ${v}` };
  const s = BigInt(`0x${signature.slice(66, 130)}`);
  if (s === 0n || s > HALF_N) return { error: 'bad signature: s is zero or not in the lower half of the curve order' };
  let pub: Uint8Array;
  try {
    pub = secp.ecdsaRecover(bytes.subarray(0, 64), recid, digest, false);
  } catch {
    return { error: 'bad signature: no public key recovers from it' };
  }
  const hash = keccak256Native(pub.subarray(1));
  return { address: `0x${Buffer.from(hash.buffer, hash.byteOffset + 12, 20).toString('hex')}` };
}
