// The published review economics, shared by the node (which pays) and the workstation (which shows the breakdown):
// beta reputation with forgetting plus gold accuracy, consensus weight from reputation and stake, submission
// quality from agreement with the accepted consensus, quality-adjusted rewards, the validator's share, slashing.
import { rewardMicro, shareMicro } from '../microTag.ts';

export const REVIEW_RULES = {
  /** Evidence decays by this factor at each new verdict on the wallet's work (Jøsang & Ismail's beta reputation). */
  forgetting: 0.9,
  /** Gold answers weigh n / (n + goldPrior) against review evidence. */
  goldPrior: 5,
  /** Stake in TAG that doubles a wallet's consensus weight (weight grows linearly up to 2×). */
  stakeForDoubleWeight: 1000,
  /** Share of a task's base × difficulty that the validator earns per review. */
  validatorShare: 0.1,
  /** Fraction of stake lost when work is rejected on review. */
  slashRejected: 0.05,
  /** Fraction of stake a validator loses when a later quorum overturns the verdict. */
  slashOverturned: 0.1,
  /** Stake in TAG a wallet must hold to be served review items and to have its reviews counted. */
  validatorMinStake: 100,
} as const;

export interface ReputationState {
  /** Decayed count of accepted work. */
  accepted: number;
  /** Decayed count of rejected work. */
  rejected: number;
  goldCorrect: number;
  goldTotal: number;
}
export const NEW_REPUTATION: ReputationState = { accepted: 0, rejected: 0, goldCorrect: 0, goldTotal: 0 };

/** Folds one verdict (quality in [0, 1]: 1 fully accepted, 0 rejected) into the state. */
export function applyVerdict(s: ReputationState, quality: number, rules = REVIEW_RULES): ReputationState {
  const q = Math.min(1, Math.max(0, quality));
  return { ...s, accepted: rules.forgetting * s.accepted + q, rejected: rules.forgetting * s.rejected + (1 - q) };
}

export function applyGold(s: ReputationState, correct: boolean): ReputationState {
  return { ...s, goldCorrect: s.goldCorrect + (correct ? 1 : 0), goldTotal: s.goldTotal + 1 };
}

/** E = (r + 1) / (r + s + 2), blended with gold accuracy by n / (n + goldPrior). A newcomer has 0.5. */
export function reputationScore(s: ReputationState, rules = REVIEW_RULES): { score: number; beta: number; gold: number | null; goldWeight: number } {
  const beta = (s.accepted + 1) / (s.accepted + s.rejected + 2);
  if (!s.goldTotal) return { score: beta, beta, gold: null, goldWeight: 0 };
  const gold = s.goldCorrect / s.goldTotal;
  const goldWeight = s.goldTotal / (s.goldTotal + rules.goldPrior);
  return { score: (1 - goldWeight) * beta + goldWeight * gold, beta, gold, goldWeight };
}

/** A wallet's weight in consensus: reputation × (1 + min(1, stake / stakeForDoubleWeight)). */
export function consensusWeight(reputation: number, stake: number, rules = REVIEW_RULES): number {
  return reputation * (1 + Math.min(1, Math.max(0, stake) / rules.stakeForDoubleWeight));
}

/** Quality of a submission against the accepted consensus: the F1 of its objects, 2·agreed / (|submission| + |consensus|);
 *  1 when both are empty. Label differences, low overlaps, missing and extra objects all count against it. */
export function submissionQuality(agreed: number, submissionObjects: number, consensusObjects: number): number {
  const total = submissionObjects + consensusObjects;
  return total ? (2 * agreed) / total : 1;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Amounts in micro-TAG (shared/microTag.ts); quality to six decimals. */
export interface RewardBreakdown { base: number; difficulty: number; quality: number; amount: number }

/** base × difficulty × quality in micro-TAG, rounded down to a whole micro-TAG (the ledger's unit). */
export function qualityReward(baseMicro: number, difficulty: number, quality: number): RewardBreakdown {
  const q = round6(quality);
  return { base: baseMicro, difficulty, quality: q, amount: rewardMicro(baseMicro, difficulty, q) };
}

/** What the validator earns for one review of a task (micro-TAG): its share of the task's reward, rounded down. */
export function validatorReward(baseMicro: number, difficulty: number, rules = REVIEW_RULES): number {
  return shareMicro(rewardMicro(baseMicro, difficulty), rules.validatorShare);
}

/** Stake left after a slash by `fraction` (micro-TAG; the slash is rounded down). */
export function slash(stakeMicro: number, fraction: number): { stake: number; slashed: number } {
  const slashed = shareMicro(Math.max(0, stakeMicro), fraction);
  return { stake: stakeMicro - slashed, slashed };
}
