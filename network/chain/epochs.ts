// Closing an epoch, without I/O: from the work not yet anchored and the escrow backing of its projects, decide
// what the epoch anchors and credits, the new cumulative totals, and both Merkle trees. Work of a project whose
// escrow does not cover it waits (deferred) for a later epoch; it is never dropped.
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import { createMerkleKit, type AnchorLeaf, type RewardLeaf } from '../../shared/chain/merkle.ts';
import { projectKey, rewardUnits, rulesHash, type RewardRules } from '../../shared/chain/rules.ts';
import type { AcceptedWork } from '../store/NodeStore.ts';
import { keccak256Native } from '../verify/nativeCrypto.ts';
import type { NewEpoch } from './chainState.ts';

export const kit = createMerkleKit(keccak256Native);

/** What the project's escrow holds (read from chain when the epoch closes). */
export interface Backing { deposited: bigint; refunded: boolean }

export interface EpochInput {
  epoch: number;
  now: number;
  rules: RewardRules;
  /** Deferred work first, then new ledger rows; all not anchored yet. */
  candidates: AcceptedWork[];
  /** Every wallet's credited cumulative per project so far. */
  cumulative: { account: string; projectId: string; units: bigint }[];
  backing: Map<string, Backing>;
  scanSeq: number;
}

export interface EpochPlan {
  epoch: NewEpoch | null;
  deferred: AcceptedWork[];
  /** Why projects waited, for the operator's log. */
  waiting: { projectId: string; needed: bigint; deposited: bigint }[];
}

const cumKey = (account: string, projectId: string) => `${account}\u0000${projectId}`;

export function planEpoch(inp: EpochInput): EpochPlan {
  const units = new Map<string, bigint>();
  const byProject = new Map<string, AcceptedWork[]>();
  for (const w of inp.candidates) {
    units.set(w.id, rewardUnits(inp.rules, w));
    let list = byProject.get(w.projectId);
    if (!list) byProject.set(w.projectId, (list = []));
    list.push(w);
  }
  const cumulative = new Map<string, { account: string; projectId: string; units: bigint }>();
  const projectTotal = new Map<string, bigint>();
  for (const c of inp.cumulative) {
    cumulative.set(cumKey(c.account, c.projectId), { ...c });
    projectTotal.set(c.projectId, (projectTotal.get(c.projectId) ?? 0n) + c.units);
  }
  const included: AcceptedWork[] = [];
  const deferred: AcceptedWork[] = [];
  const waiting: EpochPlan['waiting'] = [];
  for (const [projectId, work] of byProject) {
    const needed = (projectTotal.get(projectId) ?? 0n) + work.reduce((s, w) => s + units.get(w.id)!, 0n);
    const b = inp.backing.get(projectId);
    if (!b || b.refunded || needed > b.deposited) {
      deferred.push(...work);
      waiting.push({ projectId, needed, deposited: b?.deposited ?? 0n });
      continue;
    }
    included.push(...work);
    projectTotal.set(projectId, needed);
  }
  deferred.sort((a, b) => a.seq - b.seq);
  if (!included.length) return { epoch: null, deferred, waiting };

  const anchorLeaves: AnchorLeaf[] = included.map((w) => [w.id, w.annotator, units.get(w.id)!]);
  const anchorTree = kit.build(anchorLeaves.map((l) => kit.anchorLeafHash(l)));
  const touched = new Map<string, { account: string; projectId: string; units: bigint }>();
  for (const w of included) {
    const k = cumKey(w.annotator, w.projectId);
    const c = cumulative.get(k) ?? { account: w.annotator, projectId: w.projectId, units: 0n };
    c.units += units.get(w.id)!;
    cumulative.set(k, c);
    touched.set(k, c);
  }
  const rewardLeaves: RewardLeaf[] = [...cumulative.values()].filter((c) => c.units > 0n).map((c) => [c.account, projectKey(c.projectId), c.units]);
  const rewardTree = kit.build(rewardLeaves.map((l) => kit.rewardLeafHash(l)));
  const projectTotals: Record<string, string> = {};
  for (const w of included) projectTotals[w.projectId] = projectTotal.get(w.projectId)!.toString();
  return {
    deferred,
    waiting,
    epoch: {
      row: {
        epoch: inp.epoch,
        closedAt: inp.now,
        rules: canonicalJson(inp.rules),
        rulesHash: rulesHash(inp.rules),
        anchorRoot: anchorTree.root,
        anchorCount: anchorLeaves.length,
        rewardRoot: rewardTree.root,
        projectTotals,
        anchorTree: JSON.stringify(anchorLeaves, bigintText),
        rewardTree: JSON.stringify(rewardLeaves, bigintText),
      },
      anchored: included.map((w, leafIndex) => ({ id: w.id, leafIndex })),
      cumulative: [...touched.values()],
      scanSeq: inp.scanSeq,
      deferred,
    },
  };
}

export const bigintText = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** A stored tree (its leaves) rebuilt for proofs; leaf order is the stored order, so leaf indexes hold. */
export function loadAnchorTree(text: string) {
  const leaves = (JSON.parse(text) as [string, string, string][]).map(([a, b, c]): AnchorLeaf => [a, b, BigInt(c)]);
  return { leaves, tree: kit.build(leaves.map((l) => kit.anchorLeafHash(l))) };
}

export function loadRewardTree(text: string) {
  const leaves = (JSON.parse(text) as [string, string, string][]).map(([a, b, c]): RewardLeaf => [a, b, BigInt(c)]);
  return { leaves, tree: kit.build(leaves.map((l) => kit.rewardLeafHash(l))) };
}
