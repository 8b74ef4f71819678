import { describe, expect, it } from 'vitest';
import { NEW_REPUTATION, applyGold, applyVerdict, consensusWeight, qualityReward, reputationScore, slash, submissionQuality, validatorReward } from './reputation.ts';

describe('reputation', () => {
  it('starts at 0.5 and follows the beta expectation with forgetting', () => {
    expect(reputationScore(NEW_REPUTATION).score).toBe(0.5);
    let s = applyVerdict(NEW_REPUTATION, 1); // r = 1
    expect(reputationScore(s).score).toBeCloseTo(2 / 3, 12);
    s = applyVerdict(s, 0); // r = 0.9, s = 1
    expect(s).toMatchObject({ accepted: 0.9, rejected: 1 });
    expect(reputationScore(s).score).toBeCloseTo(1.9 / 3.9, 12);
  });
  it('forgets: old rejections matter less than recent acceptances', () => {
    let a = NEW_REPUTATION, b = NEW_REPUTATION;
    for (let i = 0; i < 5; i++) { a = applyVerdict(a, 0); b = applyVerdict(b, 1); }
    for (let i = 0; i < 5; i++) { a = applyVerdict(a, 1); b = applyVerdict(b, 0); }
    expect(reputationScore(a).score).toBeGreaterThan(reputationScore(b).score);
  });
  it('blends gold accuracy by n / (n + 5)', () => {
    let s = NEW_REPUTATION;
    for (let i = 0; i < 5; i++) s = applyGold(s, i < 4);
    const r = reputationScore(s);
    expect(r).toMatchObject({ beta: 0.5, gold: 0.8, goldWeight: 0.5 });
    expect(r.score).toBeCloseTo(0.65, 12);
  });
  it('weights consensus by reputation and stake, capped at double', () => {
    expect(consensusWeight(0.8, 0)).toBe(0.8);
    expect(consensusWeight(0.8, 500)).toBeCloseTo(1.2, 12);
    expect(consensusWeight(0.8, 10_000)).toBeCloseTo(1.6, 12);
  });
});

describe('rewards (the README worked example)', () => {
  it('pays base × difficulty × quality and the validator share', () => {
    // base 2 TAG, difficulty 1.5, consensus of 4 objects
    // base 2 TAG = 2,000,000 micro-TAG; amounts are whole micro-TAG, rounded down
    expect(qualityReward(2_000_000, 1.5, submissionQuality(4, 4, 4)).amount).toBe(3_000_000);
    expect(qualityReward(2_000_000, 1.5, submissionQuality(4, 5, 4))).toEqual({ base: 2_000_000, difficulty: 1.5, quality: 0.888889, amount: 2_666_667 });
    expect(qualityReward(2_000_000, 1.5, submissionQuality(2, 3, 4))).toEqual({ base: 2_000_000, difficulty: 1.5, quality: 0.571429, amount: 1_714_287 });
    // 1.5 TAG × 0.333333 = 0.4999995 TAG: rounded down, never up
    expect(qualityReward(1_500_000, 1, 1 / 3).amount).toBe(499_999);
    expect(validatorReward(2_000_000, 1.5)).toBe(300_000);
    expect(submissionQuality(0, 0, 0)).toBe(1);
  });
  it('slashes a published fraction', () => {
    expect(slash(200_000_000, 0.05)).toEqual({ stake: 190_000_000, slashed: 10_000_000 });
    expect(slash(7, 0.05)).toEqual({ stake: 7, slashed: 0 });
  });
});
