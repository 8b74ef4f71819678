// The published reward rules of an epoch: anyone holding the rules and a label's inputs recomputes its reward,
// and the rules' hash is anchored on chain with the epoch. Rewards move in base units (18 decimals); each
// label's reward is a whole micro-TAG, so cumulative totals are exact sums of anchored rewards. Version 2 (what
// nodes anchor now) is exactly the node's ledger (shared/microTag.ts): integers, difficulty and quality to six
// decimals, rounded down. Version 1 multiplied floats and rounded to nearest; it stays readable for old epochs.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '../signing/canonicalJson.ts';
import { microToChainUnits, rewardMicro, tagToMicro } from '../microTag.ts';

export type RewardRules = RewardRulesV1 | RewardRulesV2;

export interface RewardRulesV1 {
  version: 1;
  formula: 'baseReward * difficulty * quality';
  /** Each reward is rounded to this many decimals of a TAG before it is converted to 18-decimal base units. */
  roundingDecimals: 6;
  tokenDecimals: 18;
  /** A submission's quality before any review; review sets it (1 = accepted as is). */
  defaultQuality: 1;
}

export interface RewardRulesV2 {
  version: 2;
  formula: 'baseReward * difficulty * quality';
  /** Amounts are whole micro-TAG; the product is computed in integers and rounded down, never up. */
  unit: 'micro-TAG';
  rounding: 'down';
  /** Difficulty and quality are taken to this many decimals. */
  factorDecimals: 6;
  tokenDecimals: 18;
  defaultQuality: 1;
}

export const REWARD_RULES_V2: RewardRulesV2 = { version: 2, formula: 'baseReward * difficulty * quality', unit: 'micro-TAG', rounding: 'down', factorDecimals: 6, tokenDecimals: 18, defaultQuality: 1 };
/** The rules a node anchors its epochs with. */
export const CURRENT_REWARD_RULES: RewardRules = REWARD_RULES_V2;

export const REWARD_RULES_V1: RewardRulesV1 = { version: 1, formula: 'baseReward * difficulty * quality', roundingDecimals: 6, tokenDecimals: 18, defaultQuality: 1 };

export function rulesHash(rules: RewardRules): string {
  return `0x${bytesToHex(keccak_256(new TextEncoder().encode(canonicalJson(rules))))}`;
}

export interface RewardInputs { baseReward: number; difficulty: number; quality: number }

/** TAG (a float, as the node's ledger keeps it) to base units, rounded to a millionth of a TAG. */
export function tagToUnits(amount: number): bigint {
  if (!Number.isFinite(amount) || amount < 0) throw new Error(`a reward must be a non-negative number, not ${amount}`);
  return BigInt(Math.round(amount * 1e6)) * 10n ** 12n;
}

export function unitsToTag(units: bigint): string {
  const whole = units / 10n ** 18n;
  const frac = (units % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** The reward of one label under the rules, in base units; inputs as the API states them (baseReward in TAG). */
export function rewardUnits(rules: RewardRules, i: RewardInputs): bigint {
  if (rules.version === 2) return microToChainUnits(rewardMicro(tagToMicro(i.baseReward), i.difficulty, i.quality));
  if (rules.version === 1) return tagToUnits(i.baseReward * i.difficulty * i.quality);
  throw new Error(`unknown reward rules version ${(rules as { version: unknown }).version}; update Tagger`);
}

/** The on-chain key of a project: keccak256 of its id. */
export function projectKey(projectId: string): string {
  return `0x${bytesToHex(keccak_256(new TextEncoder().encode(projectId)))}`;
}
