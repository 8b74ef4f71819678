import { describe, expect, it } from 'vitest';
import { buildIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import { edgeWithin, gapAround, overlapRefusal, overlappedOn, shiftedWithin } from './tierLimits.ts';

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
    expect(overlappedOn(index, 'a', 2, 3)).toBeNull(); // between p and me, touching both
    expect(overlappedOn(index, 'a', 2.5, 3.5)?.id).toBe('me');
    expect(overlappedOn(index, 'a', 3.2, 3.4, seg('me', 3, 4))).toBeNull(); // itself does not count
    expect(overlappedOn(index, 'b', 3, 4.6)?.id).toBe('other tier');
  });

  it('refuses a placement on an exclusive tier naming the times, but not for an overlap the segment has already', () => {
    const tiers = [{ id: 'a', name: 'Speaker A', exclusive: true }, { id: 'b', name: 'Speaker B' }];
    expect(overlapRefusal(index, tiers, 'a', 2.5, 3.5)).toBe('Segments on Speaker A may not overlap: 0:02.500–0:03.500 would overlap 0:03.000–0:04.000.');
    expect(overlapRefusal(index, tiers, 'b', 4, 4.8)).toBeNull();
    // 'long' overlapped 'me' before the tier was marked: its end may still move, but not onto a new neighbour.
    const messy = buildIndex([seg('long', 0, 3.5), seg('me', 3, 4), seg('n', 6, 7)]);
    expect(overlapRefusal(messy, tiers, 'a', 0, 3.8, seg('long', 0, 3.5))).toBeNull();
    expect(overlapRefusal(messy, tiers, 'a', 0, 6.5, seg('long', 0, 3.5))).toMatch(/would overlap 0:06\.000–0:07\.000/);
    // ...and onto another tier every overlap there is new.
    expect(overlapRefusal(messy, tiers, 'a', 3, 4, seg('me', 3, 4, 'b'))).toMatch(/would overlap 0:00\.000–0:03\.500/);
  });
});
