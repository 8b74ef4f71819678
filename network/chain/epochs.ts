// Closing an epoch, without I/O: from the work and reviews not yet anchored and the escrow backing of their
// projects, decide what the epoch anchors and credits, the new cumulative totals, and both Merkle trees. Items of
// a project whose escrow does not cover them wait (deferred) for a later epoch; they are never dropped.
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import { createMerkleKit, type AnchorLeaf, type RewardLeaf } from '../../shared/chain/merkle.ts';
import { projectKey, rewardUnits, rulesHash, type RewardRules } from '../../shared/chain/rules.ts';
import { microToChainUnits, microToTag } from '../../shared/microTag.ts';
import type { AcceptedWork } from '../store/NodeStore.ts';
import type { AcceptedReview } from '../review/types.ts';
import { keccak256Native } from '../verify/nativeCrypto.ts';
import type { NewEpoch, SettleItem } from './chainState.ts';

export type { SettleItem } from './chainState.ts';

export const kit = createMerkleKit(keccak256Native);

/** What the project's escrow holds (read from chain when the epoch closes). */
export interface Backing { deposited: bigint; refunded: boolean }

export function submissionItem(rules: RewardRules, w: AcceptedWork): SettleItem {
  return { kind: 'submission', seq: w.seq, id: w.id, projectId: w.projectId, account: w.annotator.toLowerCase(), units: rewardUnits(rules, rewardInputs(w)) };
}

/** A ledger row's reward inputs as the rules (and exports) state them: the base reward in TAG. */
export function rewardInputs(w: Pick<AcceptedWork, 'baseReward' | 'difficulty' | 'quality'>): { baseReward: number; difficulty: number; quality: number } {
  return { baseReward: microToTag(w.baseReward), difficulty: w.difficulty, quality: w.quality };
}

export function reviewItem(r: AcceptedReview): SettleItem {
  const item: SettleItem = { kind: 'review', seq: r.seq, id: r.id, projectId: r.projectId, account: r.message.reviewer.toLowerCase(), units: microToChainUnits(r.validatorReward) };
  if (r.verdict === 'reject') item.rejects = [...new Set(r.qualities.map((q) => q.annotator.toLowerCase()))];
  return item;
}

export interface EpochInput {
  epoch: number;
  now: number;
  rules: RewardRules;
  /** Deferred items first, then new ones; none anchored yet. */
  candidates: SettleItem[];
  /** Every wallet's credited cumulative per project so far. */
  cumulative: { account: string; projectId: string; units: bigint }[];
  backing: Map<string, Backing>;
  /** Where the scans of the store stand after this epoch (the last submission and review seq read). */
  scan: { submissions: number; reviews: number };
}

export interface EpochPlan {
  epoch: NewEpoch | null;
  deferred: SettleItem[];
  /** Why projects waited, for the operator's log. */
  waiting: { projectId: string; needed: bigint; deposited: bigint }[];
}

const cumKey = (account: string, projectId: string) => `${account}\u0000${projectId}`;
const itemOrder = (a: SettleItem, b: SettleItem) => (a.kind === b.kind ? a.seq - b.seq : a.kind === 'submission' ? -1 : 1);

export function planEpoch(inp: EpochInput): EpochPlan {
  const byProject = new Map<string, SettleItem[]>();
  for (const w of inp.candidates) {
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
  const included: SettleItem[] = [];
  const deferred: SettleItem[] = [];
  const waiting: EpochPlan['waiting'] = [];
  for (const [projectId, items] of byProject) {
    const needed = (projectTotal.get(projectId) ?? 0n) + items.reduce((s, w) => s + w.units, 0n);
    const b = inp.backing.get(projectId);
    if (!b || b.refunded || needed > b.deposited) {
      deferred.push(...items);
      waiting.push({ projectId, needed, deposited: b?.deposited ?? 0n });
      continue;
    }
    included.push(...items);
    projectTotal.set(projectId, needed);
  }
  deferred.sort(itemOrder);
  if (!included.length) return { epoch: null, deferred, waiting };

  const anchorLeaves: AnchorLeaf[] = included.map((w) => [w.id, w.account, w.units]);
  const anchorTree = kit.build(anchorLeaves.map((l) => kit.anchorLeafHash(l)));
  const touched = new Map<string, { account: string; projectId: string; units: bigint }>();
  for (const w of included) {
    const k = cumKey(w.account, w.projectId);
    const c = cumulative.get(k) ?? { account: w.account, projectId: w.projectId, units: 0n };
    c.units += w.units;
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
      slashes: included.flatMap((w, leafIndex) => (w.rejects ?? []).map((account) => ({ reviewId: w.id, account, leafIndex }))),
      cumulative: [...touched.values()],
      scan: inp.scan,
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
