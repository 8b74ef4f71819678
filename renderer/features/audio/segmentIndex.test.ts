// The sorted index must find exactly the segments a view overlaps, as a brute-force scan would, including long
// segments that start far before the view.
import { describe, expect, it } from 'vitest';
import { buildIndex, forEachVisible, positionOf, segmentAt } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import { validateTimes, formatTime } from './segmentModel.ts';

function seg(id: string, start: number, end: number, tier = 'a'): Segment {
  return { id, start, end, tier, label: 'speech', origin: 'human', locked: false, hidden: false, transcript: '' };
}

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('segment index', () => {
  it('finds the same segments as a full scan, for random views over 10,000 segments', () => {
    const r = rng(7);
    const segs: Segment[] = [];
    for (let i = 0; i < 10_000; i++) {
      const start = r() * 3600;
      segs.push(seg(`s${i}`, start, start + (i % 500 === 0 ? 600 : r() * 5), r() < 0.5 ? 'a' : 'b'));
    }
    const index = buildIndex(segs);
    for (let k = 0; k < 200; k++) {
      const t0 = r() * 3600, t1 = t0 + r() * 30;
      for (const tier of ['a', 'b']) {
        const got: string[] = [];
        forEachVisible(index, tier, t0, t1, (s) => got.push(s.id));
        const want = segs.filter((s) => s.tier === tier && s.end >= t0 && s.start <= t1).sort((x, y) => x.start - y.start).map((s) => s.id);
        expect(got.sort()).toEqual(want.sort());
      }
    }
  });

  it('answers which segment is under a time, and where a segment sits in time order', () => {
    const index = buildIndex([seg('late', 5, 6), seg('early', 1, 2), seg('long', 0, 10), seg('other', 1, 2, 'b')]);
    expect(index.all.map((s) => s.id)).toEqual(['long', 'early', 'other', 'late']);
    expect(segmentAt(index, 'a', 1.5)?.id).toBe('early');
    expect(segmentAt(index, 'a', 3)?.id).toBe('long');
    expect(segmentAt(index, 'b', 3)).toBeNull();
    expect(segmentAt(index, 'c', 1)).toBeNull();
    expect(positionOf(index, 'late')).toBe(3);
    expect(positionOf(index, 'missing')).toBe(-1);
  });
});

describe('segment times typed by a user', () => {
  it('refuses start after end, negative start and an end past the file', () => {
    expect(validateTimes(1, 2, 10)).toBeNull();
    expect(validateTimes(2, 1, 10)).toMatch(/before end/);
    expect(validateTimes(2, 2, 10)).toMatch(/before end/);
    expect(validateTimes(-1, 2, 10)).toMatch(/0 s or later/);
    expect(validateTimes(1, 11, 10)).toMatch(/at most the duration/);
    expect(validateTimes(Number.NaN, 1, 10)).toMatch(/numbers/);
  });
  it('formats times with milliseconds', () => {
    expect(formatTime(3723.4567)).toBe('1:02:03.457');
    expect(formatTime(5.5)).toBe('0:05.500');
  });
});
