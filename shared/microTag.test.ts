import { describe, expect, it } from 'vitest';
import { formatTag, MAX_MICRO_TAG, microToChainUnits, microToTag, parseTag, requiredBudgetMicro, rewardMicro, shareMicro, tagToMicro } from './microTag.ts';

describe('micro-TAG amounts', () => {
  it('reads decimal TAG exactly and refuses what the ledger cannot keep', () => {
    expect(parseTag('2.5')).toBe(2_500_000);
    expect(parseTag('0.000001')).toBe(1);
    expect(parseTag('7.100000000')).toBe(7_100_000);
    expect(parseTag('1000000000')).toBe(MAX_MICRO_TAG);
    expect(() => parseTag('0.0000001')).toThrow(/more than 6 decimals.*micro-TAG/);
    expect(() => parseTag('1000000000.000001')).toThrow(/more than this node handles/);
    expect(() => parseTag('1e3')).toThrow(/not a TAG amount/);
    expect(() => parseTag('-1')).toThrow(/not a TAG amount/);
  });

  it('writes amounts back without floats: the JSON number is the decimal, and it converts back exactly', () => {
    expect(formatTag(1_777_778)).toBe('1.777778');
    expect(formatTag(3_000_000)).toBe('3');
    expect(formatTag(1)).toBe('0.000001');
    expect(microToTag(1_777_778)).toBe(1.777778);
    expect(JSON.stringify({ a: microToTag(100_000) })).toBe('{"a":0.1}');
    for (const m of [1, 7, 123_456_789, 999_999_999_999, MAX_MICRO_TAG - 1]) expect(tagToMicro(microToTag(m))).toBe(m);
    expect(microToChainUnits(1_500_000)).toBe(1_500_000_000_000_000_000n);
  });

  it('rounds every reward down to a whole micro-TAG, never above the reward at quality 1', () => {
    expect(rewardMicro(2_000_000, 1.5)).toBe(3_000_000);
    expect(rewardMicro(1_500_000, 1, 0.333333)).toBe(499_999); // 0.4999995 TAG
    expect(rewardMicro(1, 0.5)).toBe(0);
    // 0.1 × 3 is 0.30000000000000004 in floats; in integers it is exactly 300000
    expect(rewardMicro(100_000, 3)).toBe(300_000);
    expect(shareMicro(3_000_001, 0.1)).toBe(300_000);
    for (let q = 0; q <= 1; q += 0.01) expect(rewardMicro(2_345_678, 1.37, q)).toBeLessThanOrEqual(rewardMicro(2_345_678, 1.37));
  });

  it('prices a project as redundancy × Σ each task\'s rounded reward, and refuses one past the cap', () => {
    expect(requiredBudgetMicro(3, 2_500_000, [{ difficulty: 1 }, { difficulty: 2 }])).toBe(22_500_000);
    expect(requiredBudgetMicro(2, 1, [{ difficulty: 0.5 }, { difficulty: 0.5 }])).toBe(0);
    expect(() => requiredBudgetMicro(100, MAX_MICRO_TAG, [{ difficulty: 1 }])).toThrow(/more than this node handles/);
  });
});
