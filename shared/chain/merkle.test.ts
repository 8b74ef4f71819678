import { describe, expect, it } from 'vitest';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { anchorTree, createMerkleChecker, type AnchorLeaf } from './merkle.ts';
import { projectKey, rewardUnits, REWARD_RULES_V1, rulesHash, tagToUnits, unitsToTag } from './rules.ts';

const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const signer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

describe('anchor proofs', () => {
  const leaves: AnchorLeaf[] = Array.from({ length: 37 }, (_, i) => [id(i + 1), signer, tagToUnits(i * 0.5)]);
  const tree = anchorTree(leaves);
  const check = createMerkleChecker();

  it('checks every proof of the library tree, as the library does', () => {
    for (const [i, leaf] of tree.entries()) {
      const proof = tree.getProof(i);
      expect(StandardMerkleTree.verify(tree.root, ['bytes32', 'address', 'uint256'], leaf, proof)).toBe(true);
      expect(check.verify(tree.root, check.anchorLeafHash(leaf), proof)).toBe(true);
    }
  });

  it('refuses a changed reward, signer or id', () => {
    const [i, [lid, who, reward]] = [...tree.entries()][5];
    const proof = tree.getProof(i);
    expect(check.verify(tree.root, check.anchorLeafHash([lid, who, reward + 1n]), proof)).toBe(false);
    expect(check.verify(tree.root, check.anchorLeafHash([lid, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', reward]), proof)).toBe(false);
    expect(check.verify(tree.root, check.anchorLeafHash([id(999), who, reward]), proof)).toBe(false);
  });
});

describe('reward rules', () => {
  it('rounds each reward to a millionth of a TAG in 18-decimal units', () => {
    expect(tagToUnits(1.5)).toBe(1_500_000_000_000_000_000n);
    expect(rewardUnits(REWARD_RULES_V1, { baseReward: 0.1, difficulty: 3, quality: 1 })).toBe(300_000_000_000_000_000n);
    expect(unitsToTag(1_250_000_000_000_000_000n)).toBe('1.25');
    expect(() => tagToUnits(-1)).toThrow(/non-negative/);
  });
  it('hashes the rules and project ids stably', () => {
    expect(rulesHash(REWARD_RULES_V1)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(rulesHash({ ...REWARD_RULES_V1, roundingDecimals: 6 })).toBe(rulesHash(REWARD_RULES_V1));
    expect(projectKey('p-1')).not.toBe(projectKey('p-2'));
  });
});
