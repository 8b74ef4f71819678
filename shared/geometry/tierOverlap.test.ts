import { describe, expect, it } from 'vitest';
import { exclusiveOverlap, freeParts, overlapText } from './tierOverlap.ts';

const tiers = [{ id: 'a', name: 'Speaker A', exclusive: true }, { id: 'b', name: 'Speaker B' }];
const s = (id: string, start: number, end: number, tier = 'a') => ({ id, start, end, tier });

describe('exclusiveOverlap', () => {
  it('finds two segments that overlap on an exclusive tier, not ones that touch or sit on a tier that allows overlap', () => {
    expect(exclusiveOverlap(tiers, [s('1', 0, 1), s('2', 1, 2), s('3', 0.5, 1.5, 'b'), s('4', 1.2, 1.8, 'b')])).toBeNull();
    const o = exclusiveOverlap(tiers, [s('1', 0, 1), s('2', 5, 6), s('3', 0.5, 1.5)]);
    expect(o && [o.tier.id, o.a.id, o.b.id]).toEqual(['a', '1', '3']);
    expect(overlapText(o!)).toBe('Segments on Speaker A may not overlap ("No overlap" is ticked for it in the project\'s labels and schema), but 0–1 s overlaps 0.5–1.5 s');
  });

  it('finds a short segment inside a long one that started much earlier (not only the neighbour before it)', () => {
    const o = exclusiveOverlap(tiers, [s('long', 0, 100), ...Array.from({ length: 50 }, (_, i) => s(`x${i}`, 200 + i, 200.5 + i)), s('inside', 50, 51)]);
    expect(o && [o.a.id, o.b.id]).toEqual(['long', 'inside']);
  });

  it('leaves overlaps between segments that were there already, and finds one a new segment makes with an old one either way round', () => {
    const old = [s('o1', 0, 10), s('o2', 5, 15), s('o3', 20, 30)];
    const isNew = (x: { id: string }) => x.id.startsWith('n');
    expect(exclusiveOverlap(tiers, [...old, s('n1', 15, 20), s('n2', 30, 31)], isNew)).toBeNull();
    expect(exclusiveOverlap(tiers, [...old, s('n1', 14, 16)], isNew)).toMatchObject({ a: { id: 'o2' }, b: { id: 'n1' } });
    expect(exclusiveOverlap(tiers, [...old, s('n0', 19, 21)], isNew)).toMatchObject({ a: { id: 'n0' }, b: { id: 'o3' } });
    expect(exclusiveOverlap(tiers, [s('n1', 40, 45), s('n2', 44, 46)], isNew)).toMatchObject({ a: { id: 'n1' }, b: { id: 'n2' } });
  });

  it('agrees with checking every pair, on random segments', () => {
    let seed = 11;
    const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let round = 0; round < 200; round++) {
      const segs = Array.from({ length: 12 }, (_, i) => { const a = Math.round(r() * 40); return { ...s(`${r() < 0.5 ? 'n' : 'o'}${i}`, a, a + 1 + Math.round(r() * 4)), tier: r() < 0.8 ? 'a' : 'b' }; });
      const isNew = (x: { id: string }) => x.id.startsWith('n');
      const pair = segs.some((x, i) => segs.some((y, j) => i < j && x.tier === 'a' && y.tier === 'a' && (isNew(x) || isNew(y)) && x.end > y.start && x.start < y.end));
      expect(exclusiveOverlap(tiers, segs, isNew) !== null).toBe(pair);
    }
  });
});

describe('freeParts', () => {
  it('cuts ranges around what is taken, dropping pieces shorter than the minimum', () => {
    const taken = [{ start: 2, end: 3 }, { start: 2.5, end: 4 }, { start: 10, end: 11 }, { start: 5, end: 5.1 }];
    expect(freeParts([{ start: 0, end: 1 }, { start: 1.5, end: 6 }, { start: 9, end: 12 }, { start: 10.2, end: 10.8 }], taken, 0.25)).toEqual([
      { start: 0, end: 1 }, { start: 1.5, end: 2 }, { start: 4, end: 5 }, { start: 5.1, end: 6 }, { start: 9, end: 10 }, { start: 11, end: 12 },
    ]);
    expect(freeParts([{ start: 1.9, end: 2.1 }], taken, 0.25)).toEqual([]); // 0.1 s before the taken range: too short
    expect(freeParts([{ start: 0, end: 3 }], [], 0.25)).toEqual([{ start: 0, end: 3 }]);
  });
});
