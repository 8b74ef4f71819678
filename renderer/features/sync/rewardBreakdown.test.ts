import { describe, expect, it } from 'vitest';
import { rewardBreakdown } from './rewardBreakdown.ts';

describe('rewardBreakdown', () => {
  it('explains a reviewed reward, an unreviewed one and a validator share', () => {
    expect(rewardBreakdown({ kind: 'submission', state: 'accepted', breakdown: { base: 2, difficulty: 1, quality: 0.888889, status: 'reviewed', note: null } })).toBe('2 base × 1 difficulty × 0.888889 quality (reviewed)');
    expect(rewardBreakdown({ kind: 'submission', state: 'accepted', breakdown: { base: 3, difficulty: 1.5, quality: 1, status: 'pending', note: null } })).toBe('3 base × 1.5 difficulty × 1 (not reviewed yet) quality');
    expect(rewardBreakdown({ kind: 'submission', state: 'accepted', breakdown: { base: 2, difficulty: 1, quality: 0, status: 'rework', note: 'the sign is a bus stop' } })).toBe('2 base × 1 difficulty × 0 quality (sent back for rework: “the sign is a bus stop”)');
    expect(rewardBreakdown({ kind: 'review', state: 'accepted', breakdown: null })).toBe('validator share: 10% of base × difficulty');
    expect(rewardBreakdown({ kind: 'submission', state: 'queued', breakdown: null })).toBe('');
  });
});
