// Merkle trees in the exact layout of @openzeppelin/merkle-tree's StandardMerkleTree ("standard-v1": leaf =
// keccak256(keccak256(abi.encode(values))), leaves sorted, pairs hashed sorted), which the contracts check with
// OpenZeppelin's MerkleProof. Written here with an injectable keccak because the library builds 100,000 leaves in
// about a minute and hands out proofs even slower; merkle.test.ts proves roots and proofs equal the library's.
// All our leaf fields are 32-byte words, so abi.encode is their concatenation.
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Keccak256 } from '../signing/structHash.ts';
import { HEX_DIGIT, toHex } from '../hex.ts';

/** Reward leaves: (wallet, project key, cumulative reward in base units) = ["address", "bytes32", "uint256"]. */
export type RewardLeaf = [account: string, projectKey: string, cumulative: bigint];
/** Anchor leaves: (submission or review id, signer, reward in base units) = ["bytes32", "address", "uint256"]. */
export type AnchorLeaf = [id: string, signer: string, reward: bigint];

export interface MerkleTree {
  root: string;
  size: number;
  /** Proof of the leaf given at `valueIndex` to the builder. */
  proof(valueIndex: number): string[];
}


function hexInto(out: Uint8Array, at: number, hex: string, what: string): void {
  const start = hex.length > 1 && hex[0] === '0' && (hex[1] === 'x' || hex[1] === 'X') ? 2 : 0;
  const digits = hex.length - start;
  if (digits < 1 || digits > 64) throw new Error(`${what} is not a 32-byte hex value: ${hex}`);
  out.fill(0, at, at + 32);
  // right-aligned, as a left-padded 64-digit number
  for (let k = 0; k < digits; k++) {
    const c = hex.charCodeAt(hex.length - 1 - k);
    const v = c < 128 ? HEX_DIGIT[c] : -1;
    if (v < 0) throw new Error(`${what} is not a 32-byte hex value: ${hex}`);
    const byte = at + 31 - (k >> 1);
    out[byte] |= k & 1 ? v << 4 : v;
  }
}


function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export interface MerkleKit {
  rewardLeafHash(leaf: RewardLeaf): Uint8Array;
  anchorLeafHash(leaf: AnchorLeaf): Uint8Array;
  /** The tree over leaf hashes, in StandardMerkleTree's layout (sorted leaves). At least one leaf. */
  build(leafHashes: Uint8Array[]): MerkleTree;
  /** Whether `proof` leads from the leaf hash to `root` (OpenZeppelin MerkleProof.verify). */
  verify(root: string, leafHash: Uint8Array, proof: string[]): boolean;
}

export function createMerkleKit(keccak: Keccak256 = keccak_256): MerkleKit {
  const buf96 = new Uint8Array(96);
  const pair = new Uint8Array(64);
  const word = new Uint8Array(32);
  const leafOf = (a: string, b: string, c: bigint, names: [string, string]) => {
    if (c < 0n || c >= 1n << 256n) throw new Error(`${c} does not fit a uint256`);
    hexInto(buf96, 0, a, names[0]);
    hexInto(buf96, 32, b, names[1]);
    hexInto(buf96, 64, c.toString(16), 'amount');
    return keccak(keccak(buf96));
  };
  const hashPair = (a: Uint8Array, b: Uint8Array) => {
    const first = compare(a, b) <= 0;
    pair.set(first ? a : b, 0);
    pair.set(first ? b : a, 32);
    return keccak(pair);
  };
  return {
    rewardLeafHash: ([account, project, units]) => leafOf(account, project, units, ['account', 'project key']),
    anchorLeafHash: ([id, signer, reward]) => leafOf(id, signer, reward, ['id', 'signer']),
    build(leafHashes) {
      const n = leafHashes.length;
      if (n === 0) throw new Error('a Merkle tree needs at least one leaf');
      const order = leafHashes.map((_, i) => i).sort((i, j) => compare(leafHashes[i], leafHashes[j]));
      const tree: Uint8Array[] = new Array(2 * n - 1);
      const position = new Int32Array(n);
      order.forEach((valueIndex, k) => {
        tree[tree.length - 1 - k] = leafHashes[valueIndex];
        position[valueIndex] = tree.length - 1 - k;
      });
      for (let i = tree.length - 1 - n; i >= 0; i--) tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
      return {
        root: toHex(tree[0]),
        size: n,
        proof(valueIndex) {
          if (!(valueIndex >= 0 && valueIndex < n)) throw new Error(`no leaf ${valueIndex} in a tree of ${n}`);
          const out: string[] = [];
          for (let j = position[valueIndex]; j > 0; j = (j - 1) >> 1) out.push(toHex(tree[j % 2 === 1 ? j + 1 : j - 1]));
          return out;
        },
      };
    },
    verify(root, leafHash, proof) {
      let h = leafHash;
      for (const p of proof) {
        hexInto(word, 0, p, 'proof element');
        h = hashPair(h, word);
      }
      return toHex(h) === root.toLowerCase();
    },
  };
}
