// The epoch builder's thread: plans an epoch (rewards, both Merkle trees of up to 200,000 leaves), stores it in
// chain.sqlite through its own connection, and serves proofs from the stored trees, so none of this CPU work runs
// on the node's request thread.
import { parentPort } from 'node:worker_threads';
import { ChainState } from './chainState.ts';
import { loadAnchorTree, loadRewardTree, planEpoch } from './epochs.ts';
import type { EpochJob, EpochReply } from './epochBuilder.ts';

let state: ChainState | null = null;
const anchorTrees = new Map<number, ReturnType<typeof loadAnchorTree>>();
let rewards: { epoch: number; t: ReturnType<typeof loadRewardTree>; byAccount: Map<string, number[]> } | null = null;

function anchorTree(epoch: number) {
  let t = anchorTrees.get(epoch);
  if (!t) {
    const row = state!.epoch(epoch);
    if (!row) throw new Error(`no epoch ${epoch}`);
    t = loadAnchorTree(row.anchorTree);
    if (anchorTrees.size >= 4) anchorTrees.delete(anchorTrees.keys().next().value!);
    anchorTrees.set(epoch, t);
  }
  return t;
}

function rewardTree(epoch: number) {
  if (!rewards || rewards.epoch !== epoch) {
    const row = state!.epoch(epoch);
    if (!row) throw new Error(`no epoch ${epoch}`);
    const t = loadRewardTree(row.rewardTree);
    const byAccount = new Map<string, number[]>();
    t.leaves.forEach(([a], i) => {
      const list = byAccount.get(a);
      if (list) list.push(i);
      else byAccount.set(a, [i]);
    });
    rewards = { epoch, t, byAccount };
  }
  return rewards;
}

function handle(job: EpochJob): Extract<EpochReply, { result: unknown }>['result'] {
  state ??= ChainState.open(job.dataDir);
  if (job.kind === 'build') {
    const plan = planEpoch({ ...job.input, cumulative: state.cumulative() });
    if (!plan.epoch) {
      state.saveScan(job.input.scan, plan.deferred);
      return { kind: 'build', epoch: null, waiting: plan.waiting };
    }
    state.saveEpoch(plan.epoch);
    const r = plan.epoch.row;
    return { kind: 'build', epoch: { epoch: r.epoch, anchorCount: r.anchorCount, anchorRoot: r.anchorRoot, rewardRoot: r.rewardRoot }, waiting: plan.waiting };
  }
  if (job.kind === 'anchorProofs') {
    const t = anchorTree(job.epoch);
    return { kind: 'anchorProofs', proofs: job.leafIndexes.map((i) => ({ leaf: [t.leaves[i][0], t.leaves[i][1], t.leaves[i][2].toString()] as [string, string, string], proof: t.tree.proof(i) })) };
  }
  const r = rewardTree(job.epoch);
  const claims = (r.byAccount.get(job.account) ?? []).map((i) => {
    const [, key, units] = r.t.leaves[i];
    return { projectKey: key, cumulative: units.toString(), proof: r.t.tree.proof(i) };
  });
  return { kind: 'claims', claims };
}

parentPort!.on('message', (m: { id: number; job: EpochJob }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: handle(m.job) } satisfies EpochReply);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message } satisfies EpochReply);
  }
});
parentPort!.postMessage({ ready: true });
