import { describe, expect, it } from 'vitest';
import { buildIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import { edgeWithin, gapAround, overlapsOn, shiftedWithin } from './tierLimits.ts';

const seg = (id: string, start: number, end: number, tier = 'a'): Segment => ({ id, start, end, tier, label: 'speech', origin: 'human', locked: false, hidden: false, transcript: '' });

describe('the free gap around a segment on an exclusive tier', () => {
  const index = buildIndex([seg('p', 1, 2), seg('me', 3, 4), seg('n', 6, 7), seg('other tier', 4.5, 5, 'b'), seg('far', 9, 10)]);
  it('runs from the previous end to the next start, and is the whole file on a tier that allows overlap', () => {
    expect(gapAround(index, seg('me', 3, 4), 12, true)).toEqual({ lo: 2, hi: 6 });
    expect(gapAround(index, seg('me', 3, 4), 12, false)).toEqual({ lo: 0, hi: 12 });
    expect(gapAround(index, seg('p', 1, 2), 12, true)).toEqual({ lo: 0, hi: 3 });
    expect(gapAround(index, seg('far', 9, 10), 12, true)).toEqual({ lo: 7, hi: 12 });
  });

  it('stops a moved segment and a dragged edge at the neighbours, keeping the length', () => {
    const gap = gapAround(index, seg('me', 3, 4), 12, true);
    expect(shiftedWithin(seg('me', 3, 4), 8, gap)).toMatchObject({ start: 5, end: 6 });
    expect(shiftedWithin(seg('me', 3, 4), -3, gap)).toMatchObject({ start: 2, end: 3 });
    expect(shiftedWithin(seg('me', 3, 4), 3.5, gap)).toMatchObject({ start: 3.5, end: 4.5 });
    expect(edgeWithin(9, gap)).toBe(6);
    expect(edgeWithin(0.5, gap)).toBe(2);
  });

  it('ignores segments that already overlap it (an import) and still finds the neighbours beyond them', () => {
    const messy = buildIndex([seg('long', 0, 20), seg('p', 1, 2), seg('me', 3, 4), seg('n', 6, 7)]);
    expect(gapAround(messy, seg('me', 3, 4), 30, true)).toEqual({ lo: 2, hi: 6 });
    expect(gapAround(buildIndex([seg('touching', 2, 3), seg('me', 3, 4)]), seg('me', 3, 4), 5, true)).toEqual({ lo: 3, hi: 5 });
  });

  it('tells whether times would overlap a segment of a tier (touching is not overlapping)', () => {
    expect(overlapsOn(index, 'a', 2, 3, 'x')).toBe(false); // between p and me, touching both
    expect(overlapsOn(index, 'a', 2.5, 3.5, 'x')).toBe(true);
    expect(overlapsOn(index, 'a', 3.2, 3.4, 'me')).toBe(false); // itself does not count
    expect(overlapsOn(index, 'b', 3, 4.6, 'x')).toBe(true);
  });
});
