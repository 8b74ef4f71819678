// Merkle trees in the exact encoding of @openzeppelin/merkle-tree's StandardMerkleTree (leaf = keccak256(keccak256(
// abi.encode(values))), pairs hashed sorted), which the contracts check with OpenZeppelin's MerkleProof. Building
// uses the library; checking a proof is done here with an injectable keccak, because `tagger verify` checks
// thousands of proofs and the native keccak is ~10x faster than the library's pure one.
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Keccak256 } from '../signing/submissionDigest.ts';

/** Reward leaves: (wallet, project key, cumulative reward in base units). */
export const REWARD_LEAF = ['address', 'bytes32', 'uint256'] as const;
/** Anchor leaves: (submission or review id, signer, reward in base units). */
export const ANCHOR_LEAF = ['bytes32', 'address', 'uint256'] as const;

export type RewardLeaf = [account: string, projectKey: string, cumulative: bigint];
export type AnchorLeaf = [id: string, signer: string, reward: bigint];

export function rewardTree(leaves: RewardLeaf[]): StandardMerkleTree<RewardLeaf> {
  return StandardMerkleTree.of(leaves, [...REWARD_LEAF], { sortLeaves: true });
}

export function anchorTree(leaves: AnchorLeaf[]): StandardMerkleTree<AnchorLeaf> {
  return StandardMerkleTree.of(leaves, [...ANCHOR_LEAF], { sortLeaves: true });
}

/** The root of an empty epoch (no tree can be built over nothing): posted so epochs stay consecutive. */
export const EMPTY_ROOT = `0x${'0'.repeat(63)}1`;

function word(hex: string, what: string): Uint8Array {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{1,64}$/.test(h)) throw new Error(`${what} is not a 32-byte hex value: ${hex}`);
  return hexBytes(h.padStart(64, '0'));
}

function hexBytes(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

const toHex = (b: Uint8Array) => `0x${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;

export interface MerkleChecker {
  /** StandardMerkleTree leaf hash of an anchor leaf. */
  anchorLeafHash(leaf: AnchorLeaf): Uint8Array;
  /** Whether `proof` leads from the leaf hash to `root` (sorted-pair hashing, as OpenZeppelin's MerkleProof). */
  verify(root: string, leafHash: Uint8Array, proof: string[]): boolean;
}

export function createMerkleChecker(keccak: Keccak256 = keccak_256): MerkleChecker {
  const buf96 = new Uint8Array(96);
  const pair = new Uint8Array(64);
  return {
    anchorLeafHash([id, signer, reward]) {
      buf96.set(word(id, 'id'), 0);
      buf96.set(word(signer, 'signer'), 32);
      buf96.set(word(reward.toString(16), 'reward'), 64);
      return keccak(keccak(buf96));
    },
    verify(root, leafHash, proof) {
      let h = leafHash;
      for (const p of proof) {
        const s = word(p, 'proof element');
        const first = compare(h, s) <= 0;
        pair.set(first ? h : s, 0);
        pair.set(first ? s : h, 32);
        h = keccak(pair);
      }
      return toHex(h) === root.toLowerCase();
    },
  };
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
