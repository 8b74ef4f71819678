// The contracts against a real EVM (anvil on loopback): escrow accounting, cumulative Merkle claims and what they
// refuse, anchors, and stake / unstake after a delay / slash on an anchored rejection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnits, type Wallet } from 'ethers';
import { startAnvil, type Anvil } from './anvil.ts';
import { connectContracts, deployTagger, revertOf, type TaggerContracts } from './artifacts.ts';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { projectKey } from '../shared/chain/rules.ts';

let chain: Anvil;
let deployer: Wallet, operator: Wallet, requester: Wallet, alice: Wallet, bob: Wallet;
let c: TaggerContracts;
const TAG = (n: number | string) => parseUnits(String(n), 18);
const P = projectKey('p-escrow-test');
const DAY = 24 * 3600;
// the library's trees, so the contracts are checked against the reference encoding (the node's own builder is
// checked against the same library in shared/chain/merkle.test.ts)
const rewardTree = (v: [string, string, bigint][]) => StandardMerkleTree.of(v, ['address', 'bytes32', 'uint256']);
const anchorTree = (v: [string, string, bigint][]) => StandardMerkleTree.of(v, ['bytes32', 'address', 'uint256']);

/** The custom error a call reverts with (ethers decodes it from the ABI), or 'no revert'. */
async function revertName(p: Promise<unknown>): Promise<string> {
  try {
    const tx = (await p) as { wait?: () => Promise<unknown> };
    if (tx && typeof tx.wait === 'function') await tx.wait();
    return 'no revert';
  } catch (e) {
    return revertOf(e)?.name ?? String(e);
  }
}
const send = async (p: Promise<any>) => (await p).wait();
const as = (w: Wallet) => connectContracts(addresses, w);
let addresses: Awaited<ReturnType<typeof deployTagger>>;

beforeAll(async () => {
  chain = await startAnvil();
  [deployer, operator, requester, alice, bob] = [0, 1, 2, 3, 4].map((i) => chain.account(i));
  addresses = await deployTagger(deployer, { operator: operator.address, closeDelaySeconds: DAY, unstakeDelaySeconds: 7 * DAY });
  c = as(deployer);
  await send(c.tag.mint(requester.address, TAG(1000)));
  await send(as(requester).tag.approve(addresses.escrow, TAG(1000)));
});
afterAll(async () => chain?.stop());

describe('TAG', () => {
  it('only the deployer mints', async () => {
    expect(await revertName(as(alice).tag.mint(alice.address, 1n))).toBe('OwnableUnauthorizedAccount');
  });
});

describe('escrow and cumulative claims', () => {
  let epoch1: ReturnType<typeof rewardTree>;
  const leaf = (t: ReturnType<typeof rewardTree>, who: string) => {
    for (const [i, v] of t.entries()) if (v[0] === who) return { value: v, proof: t.getProof(i) };
    throw new Error('no leaf');
  };

  it('commits only what a deposit backs', async () => {
    await send(as(requester).escrow.deposit(P, TAG(100)));
    expect((await c.escrow.projects(P)).deposited).toBe(TAG(100));
    expect(await c.tag.balanceOf(addresses.escrow)).toBe(TAG(100));
    const t = rewardTree([[alice.address, P, TAG(150)]]);
    expect(await revertName(as(operator).distributor.postEpoch(1, t.root, [P], [TAG(150)]))).toBe('CommitBeyondDeposit');
    expect(await revertName(as(alice).distributor.postEpoch(1, t.root, [P], [TAG(1)]))).toBe('NotOperator');
    expect(await revertName(as(bob).escrow.deposit(P, TAG(1)))).toBe('NotRequester');
  });

  it('pays the cumulative difference once, to the wallet in the leaf only', async () => {
    epoch1 = rewardTree([[alice.address, P, TAG(10)], [bob.address, P, TAG(5)]]);
    await send(as(operator).distributor.postEpoch(1, epoch1.root, [P], [TAG(15)]));
    const a = leaf(epoch1, alice.address);
    // bob presents alice's leaf and proof: the leaf is rebuilt with msg.sender, so it does not verify
    expect(await revertName(as(bob).distributor.claim(1, [P], [a.value[2]], [a.proof]))).toBe('InvalidProof');
    // a wrong proof (bob's) or an inflated amount with a right proof
    expect(await revertName(as(alice).distributor.claim(1, [P], [a.value[2]], [leaf(epoch1, bob.address).proof]))).toBe('InvalidProof');
    expect(await revertName(as(alice).distributor.claim(1, [P], [TAG(11)], [a.proof]))).toBe('InvalidProof');
    await send(as(alice).distributor.claim(1, [P], [a.value[2]], [a.proof]));
    expect(await c.tag.balanceOf(alice.address)).toBe(TAG(10));
    expect(await revertName(as(alice).distributor.claim(1, [P], [a.value[2]], [a.proof]))).toBe('NothingToClaim');
  });

  it('a later epoch pays only the growth; an old proof still works for what was not claimed', async () => {
    const epoch2 = rewardTree([[alice.address, P, TAG(25)], [bob.address, P, TAG(5)]]);
    await send(as(operator).distributor.postEpoch(2, epoch2.root, [P], [TAG(30)]));
    expect(await revertName(as(operator).distributor.postEpoch(2, epoch2.root, [], []))).toBe('WrongEpoch');
    const a = leaf(epoch2, alice.address);
    await send(as(alice).distributor.claim(2, [P], [a.value[2]], [a.proof]));
    expect(await c.tag.balanceOf(alice.address)).toBe(TAG(25));
    const b = leaf(epoch1, bob.address);
    await send(as(bob).distributor.claim(1, [P], [b.value[2]], [b.proof]));
    expect(await c.tag.balanceOf(bob.address)).toBe(TAG(5));
    expect((await c.escrow.projects(P)).paid).toBe(TAG(30));
  });

  it('refuses a claim beyond what the escrow committed, even with a valid proof', async () => {
    // an operator who posts a leaf larger than the project's committed total cannot drain other projects
    const t = rewardTree([[alice.address, P, TAG(90)], [bob.address, P, TAG(5)]]);
    await send(as(operator).distributor.postEpoch(3, t.root, [P], [TAG(40)]));
    const a = leaf(t, alice.address);
    expect(await revertName(as(alice).distributor.claim(3, [P], [a.value[2]], [a.proof]))).toBe('PayBeyondCommitted');
    expect(await c.tag.balanceOf(alice.address)).toBe(TAG(25));
  });

  it('returns the unused budget to the requester after close and the delay, and then commits nothing more', async () => {
    expect(await revertName(as(requester).escrow.refund(P))).toBe('NotClosed');
    await send(as(requester).escrow.close(P));
    expect(await revertName(as(requester).escrow.refund(P))).toBe('CloseDelayRunning');
    await chain.increaseTime(DAY + 1);
    expect(await revertName(as(alice).escrow.refund(P))).toBe('NotRequester');
    const before = await c.tag.balanceOf(requester.address);
    await send(as(requester).escrow.refund(P));
    expect((await c.tag.balanceOf(requester.address)) - before).toBe(TAG(60)); // 100 deposited − 40 committed
    expect(await revertName(as(requester).escrow.refund(P))).toBe('AlreadyRefunded');
    const t = rewardTree([[alice.address, P, TAG(50)]]);
    expect(await revertName(as(operator).distributor.postEpoch(4, t.root, [P], [TAG(50)]))).toBe('ProjectClosed');
    // committed but unclaimed rewards stay claimable after the refund
    const escrowLeft = await c.tag.balanceOf(addresses.escrow);
    expect(escrowLeft).toBe(TAG(10));
  });
});

describe('anchors and stake', () => {
  const reviewId = `0x${'ab'.repeat(32)}`;
  const subId = `0x${'cd'.repeat(32)}`;
  let tree: ReturnType<typeof anchorTree>;

  it('anchors an epoch root with its rules hash; only the operator, only the next epoch', async () => {
    tree = anchorTree([[subId, alice.address, TAG(1)], [reviewId, bob.address, 0n]]);
    const rules = `0x${'11'.repeat(32)}`;
    expect(await revertName(as(alice).anchors.anchor(1, tree.root, rules, 2))).toBe('NotOperator');
    expect(await revertName(as(operator).anchors.anchor(2, tree.root, rules, 2))).toBe('WrongEpoch');
    await send(as(operator).anchors.anchor(1, tree.root, rules, 2));
    const a = await c.anchors.anchors(1);
    expect([a.root, a.rulesHash, a.count]).toEqual([tree.root, rules, 2n]);
    expect(await c.anchors.isAnchored(1, subId, alice.address, TAG(1), tree.getProof(0))).toBe(true);
    expect(await c.anchors.isAnchored(1, subId, alice.address, TAG(2), tree.getProof(0))).toBe(false);
  });

  it('stakes, unstakes only after the delay, and slashes only on an anchored rejection (once)', async () => {
    await send(c.tag.mint(alice.address, TAG(100)));
    await send(as(alice).tag.approve(addresses.staking, TAG(100)));
    await send(as(alice).staking.stake(TAG(100)));
    expect(await c.staking.staked(alice.address)).toBe(TAG(100));
    await send(as(alice).staking.requestUnstake(TAG(40)));
    expect(await revertName(as(alice).staking.withdraw())).toBe('UnstakeDelayRunning');
    expect(await revertName(as(alice).staking.requestUnstake(TAG(61)))).toBe('InsufficientStake');

    const idx = [...tree.entries()].find(([, v]) => v[0] === reviewId)![0];
    const proof = tree.getProof(idx);
    const slash = (w: Wallet, id: string, amount: bigint) => as(w).staking.slash(alice.address, amount, 1, id, bob.address, 0n, proof);
    expect(await revertName(slash(alice, reviewId, TAG(70)))).toBe('NotOperator');
    expect(await revertName(slash(operator, `0x${'ee'.repeat(32)}`, TAG(70)))).toBe('RejectionNotAnchored');
    const supply = await c.tag.totalSupply();
    // 60 staked + 40 pending: a slash of 70 takes the 60 and 10 of the pending unstake, and burns them
    await send(slash(operator, reviewId, TAG(70)));
    expect(await c.staking.staked(alice.address)).toBe(0n);
    expect((await c.staking.pending(alice.address)).amount).toBe(TAG(30));
    expect(supply - (await c.tag.totalSupply())).toBe(TAG(70));
    expect(await revertName(slash(operator, reviewId, TAG(1)))).toBe('AlreadySlashed');

    await chain.increaseTime(7 * DAY + 1);
    const before = await c.tag.balanceOf(alice.address);
    await send(as(alice).staking.withdraw());
    expect((await c.tag.balanceOf(alice.address)) - before).toBe(TAG(30));
    expect(await revertName(as(alice).staking.withdraw())).toBe('NothingToWithdraw');
  });
});
