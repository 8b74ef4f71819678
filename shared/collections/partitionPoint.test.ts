import { describe, expect, it } from 'vitest';
import { partitionPoint } from './partitionPoint.ts';

describe('partitionPoint', () => {
  it('finds where a sorted list stops being before x, for every x, with duplicates and at both ends', () => {
    const list = [1, 2, 2, 2, 5, 8, 8, 13];
    for (let x = 0; x <= 14; x++) {
      expect(partitionPoint(list.length, (i) => list[i] < x)).toBe(list.findIndex((v) => v >= x) === -1 ? list.length : list.findIndex((v) => v >= x));
      expect(partitionPoint(list.length, (i) => list[i] <= x)).toBe(list.findIndex((v) => v > x) === -1 ? list.length : list.findIndex((v) => v > x));
    }
    expect(partitionPoint(0, () => true)).toBe(0);
  });

  it('asks at most ⌈log₂(n+1)⌉ times', () => {
    let calls = 0;
    partitionPoint(100_000, (i) => (calls++, i < 77_777));
    expect(calls).toBeLessThanOrEqual(17);
  });
});
