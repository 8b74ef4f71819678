import { describe, expect, it } from 'vitest';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { createMerkleKit, type AnchorLeaf, type RewardLeaf } from './merkle.ts';
import { projectKey, rewardUnits, REWARD_RULES_V1, rulesHash, tagToUnits, unitsToTag } from './rules.ts';

const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const signer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const kit = createMerkleKit();

describe('Merkle trees in the StandardMerkleTree layout', () => {
  for (const n of [1, 2, 3, 37]) {
    it(`matches the library's root and every proof (${n} leaves)`, () => {
      const leaves: AnchorLeaf[] = Array.from({ length: n }, (_, i) => [id((i * 7919) % 1000 + 1), signer, tagToUnits(i * 0.5)]);
      const lib = StandardMerkleTree.of(leaves, ['bytes32', 'address', 'uint256']);
      const ours = kit.build(leaves.map((l) => kit.anchorLeafHash(l)));
      expect(ours.root).toBe(lib.root);
      for (let i = 0; i < n; i++) {
        expect(ours.proof(i)).toEqual(lib.getProof(i));
        expect(kit.verify(ours.root, kit.anchorLeafHash(leaves[i]), ours.proof(i))).toBe(true);
      }
    });
  }

  it('encodes reward leaves as the library does', () => {
    const leaves: RewardLeaf[] = [[signer, projectKey('p-1'), 5n], ['0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', projectKey('p-2'), 10n ** 20n]];
    const lib = StandardMerkleTree.of(leaves, ['address', 'bytes32', 'uint256']);
    expect(kit.build(leaves.map((l) => kit.rewardLeafHash(l))).root).toBe(lib.root);
  });

  it('refuses a changed reward, signer or id', () => {
    const leaves: AnchorLeaf[] = Array.from({ length: 9 }, (_, i) => [id(i + 1), signer, BigInt(i)]);
    const t = kit.build(leaves.map((l) => kit.anchorLeafHash(l)));
    const [lid, who, reward] = leaves[5];
    const proof = t.proof(5);
    expect(kit.verify(t.root, kit.anchorLeafHash([lid, who, reward + 1n]), proof)).toBe(false);
    expect(kit.verify(t.root, kit.anchorLeafHash([lid, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', reward]), proof)).toBe(false);
    expect(kit.verify(t.root, kit.anchorLeafHash([id(999), who, reward]), proof)).toBe(false);
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
    expect(rulesHash({ ...REWARD_RULES_V1 })).toBe(rulesHash(REWARD_RULES_V1));
    expect(projectKey('p-1')).not.toBe(projectKey('p-2'));
  });
});
