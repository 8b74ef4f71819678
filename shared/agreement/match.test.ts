import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from './assignment.ts';
import { boxIoU, intervalIoU, polygonIoU } from './overlap.ts';
import * as clipping from 'polygon-clipping';

const pc = ((clipping as unknown as { default?: typeof clipping }).default ?? clipping) as typeof clipping;
import { matchItems, summarize } from './match.ts';
import { matchablesOf, compareVersions } from './compare.ts';
import { trimSpan, overlapOf, type ObjectLike } from './objects.ts';


const box = (id: string, label: string, x: number, y: number, w: number, h: number): ObjectLike => ({ id, kind: 'box', label, geometry: { x, y, w, h } });
const poly = (id: string, label: string, points: number[]): ObjectLike => ({ id, kind: 'polygon', label, geometry: { points } });
const span = (id: string, label: string, start: number, end: number): ObjectLike => ({ id, kind: 'span', label, geometry: { start, end } });

describe('assignment', () => {
  it('maximises the total, not the greedy first pick', () => {
    // Greedy would take (0,0)=0.9 and then (1,1)=0.1 → 1.0; optimal is (0,1)+(1,0) = 0.8+0.8.
    expect(maxWeightAssignment([[0.9, 0.8], [0.8, 0.1]])).toEqual([[0, 1], [1, 0]]);
  });
  it('never forces a forbidden pair and handles rectangles', () => {
    expect(maxWeightAssignment([[0, 0.5, 0]])).toEqual([[0, 1]]);
    expect(maxWeightAssignment([[0.7], [0], [0.9]])).toEqual([[2, 0]]);
    expect(maxWeightAssignment([[0, 0], [0, 0]])).toEqual([]);
  });
  it('agrees with brute force on random 5×5 matrices', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)])));
    for (let t = 0; t < 30; t++) {
      const w = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => (rnd() < 0.4 ? 0 : rnd())));
      const best = Math.max(...perms(5).map((p) => p.reduce((s, c, r) => s + w[r][c], 0)));
      const got = maxWeightAssignment(w).reduce((s, [r, c]) => s + w[r][c], 0);
      expect(got).toBeCloseTo(best, 10);
    }
  });
});

describe('overlap', () => {
  it('box IoU by hand', () => {
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(50 / 150, 12);
    expect(boxIoU({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(0);
  });
  it('polygon IoU is exact, including concave shapes', () => {
    const sq = [0, 0, 10, 0, 10, 10, 0, 10];
    expect(polygonIoU(sq, [5, 0, 15, 0, 15, 10, 5, 10])).toBeCloseTo(1 / 3, 12);
    // An L-shape (area 75) against the square: intersection 75 → IoU 0.75.
    const L = [0, 0, 10, 0, 10, 5, 5, 5, 5, 10, 0, 10];
    expect(polygonIoU(sq, L)).toBeCloseTo(0.75, 12);
    // Triangle half of the square
    expect(polygonIoU(sq, [0, 0, 10, 0, 0, 10])).toBeCloseTo(0.5, 12);
  });
  it('polygon IoU: the convex fast path agrees with the clipping library on random shapes', () => {
    let seed = 5;
    const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const star = (cx: number, cy: number, convex: boolean) => Array.from({ length: 9 }, (_, k) => {
      const a = (k / 9) * Math.PI * 2, rad = convex ? 10 : k % 2 ? 4 + r() * 3 : 10;
      return [cx + rad * Math.cos(a), cy + rad * Math.sin(a)];
    }).flat();
    for (let i = 0; i < 200; i++) {
      const convex = i % 2 === 0;
      const a = star(r() * 6, r() * 6, convex), b = star(r() * 6, r() * 6, convex);
      const ra = [] as [number, number][], rb = [] as [number, number][];
      for (let k = 0; k < a.length; k += 2) { ra.push([a[k], a[k + 1]]); rb.push([b[k], b[k + 1]]); }
      const area = (mp: [number, number][][][]) => mp.reduce((s, p) => s + p.reduce((t, ring, j) => t + (j ? -1 : 1) * Math.abs(ring.reduce((u, [x, y], q) => { const [x2, y2] = ring[(q + 1) % ring.length]; return u + x * y2 - x2 * y; }, 0)) / 2, 0), 0);
      const inter = area(pc.intersection([ra], [rb]) as never), ua = area(pc.union([ra]) as never), ub = area(pc.union([rb]) as never);
      expect(polygonIoU(a.slice(), b.slice())).toBeCloseTo(inter / (ua + ub - inter), 9);
    }
  });
  it('interval IoU', () => {
    expect(intervalIoU(0, 4, 2, 6)).toBeCloseTo(2 / 6, 12);
    expect(intervalIoU(0, 1, 1, 2)).toBe(0);
  });
});

describe('matching', () => {
  it('same-label pairs first: a wrong-label overlap cannot outbid a correct one', () => {
    const a = matchablesOf([box('a1', 'car', 0, 0, 10, 10)]);
    const b = matchablesOf([box('b1', 'bus', 0, 0, 10, 10), box('b2', 'car', 1, 1, 10, 10)]);
    const r = compareVersions(a, b);
    expect(r.pairs).toEqual([{ a: 0, b: 1, overlap: expect.closeTo(81 / 119, 9), status: 'agreed' }]);
    expect(r.unmatchedB).toEqual([0]);
  });
  it('classifies label differs, low overlap, missing and extra', () => {
    const a = matchablesOf([box('1', 'car', 0, 0, 10, 10), box('2', 'car', 100, 100, 10, 10), box('3', 'dog', 200, 0, 10, 10), box('4', 'cat', 500, 500, 5, 5)]);
    const b = matchablesOf([box('1', 'bus', 0, 0, 10, 10), box('2', 'car', 106, 100, 10, 10), box('3', 'dog', 200, 0, 10, 10), box('5', 'cat', 900, 900, 5, 5)]);
    const s = summarize(compareVersions(a, b));
    expect(s).toMatchObject({ matched: 1, labelMismatch: 1, lowOverlap: 1, missing: 1, extra: 1 });
    expect(s.meanIoU).toBeCloseTo((1 + 1 + 40 / 160) / 3, 9);
  });
  it('matches a polygon with a box by exact IoU', () => {
    const r = compareVersions(matchablesOf([poly('p', 'car', [0, 0, 10, 0, 10, 10, 0, 10])]), matchablesOf([box('b', 'car', 0, 0, 10, 10)]));
    expect(r.pairs[0]).toMatchObject({ status: 'agreed', overlap: 1 });
  });
  it('compares a multi-part object by the union of its rings: a second ring over the other annotator\'s box is matched', () => {
    // One COCO instance in two pieces (a car behind a pole); the other annotator boxed only the right-hand piece.
    const twoPieces: ObjectLike = { id: 'm', kind: 'polygon', label: 'car', geometry: { points: [0, 0, 10, 0, 10, 10, 0, 10], rings: [[100, 100, 110, 100, 110, 110, 100, 110]] } };
    const r = compareVersions(matchablesOf([twoPieces]), matchablesOf([box('b', 'car', 100, 100, 10, 10)]));
    expect(r.pairs).toEqual([{ a: 0, b: 0, overlap: expect.closeTo(100 / 200, 9), status: 'agreed' }]);
    // The same two pieces drawn again agree fully; the first piece alone covers half of the object.
    const same = compareVersions(matchablesOf([twoPieces]), matchablesOf([{ ...twoPieces, id: 'n' }]));
    expect(same.pairs[0].overlap).toBeCloseTo(1, 9);
    expect(compareVersions(matchablesOf([twoPieces]), matchablesOf([poly('q', 'car', [0, 0, 10, 0, 10, 10, 0, 10])])).pairs[0].overlap).toBeCloseTo(0.5, 9);
  });
  it('uses per-project thresholds', () => {
    const a = matchablesOf([box('1', 'car', 0, 0, 10, 10)]);
    const b = matchablesOf([box('1', 'car', 2, 0, 10, 10)]); // IoU 80/120
    expect(compareVersions(a, b, { iou: 0.7, minOverlap: 0.1, spanMode: 'overlap', boundaryTolerance: 0 }).pairs[0].status).toBe('lowOverlap');
    expect(compareVersions(a, b, { iou: 0.6, minOverlap: 0.1, spanMode: 'overlap', boundaryTolerance: 0 }).pairs[0].status).toBe('agreed');
  });
  it('finds the optimal assignment inside a crowded component', () => {
    const a = matchablesOf([box('a', 'p', 0, 0, 10, 10), box('b', 'p', 4, 0, 10, 10)]);
    const b = matchablesOf([box('x', 'p', 2, 0, 10, 10), box('y', 'p', 6, 0, 10, 10)]);
    const r = matchItems(a, b, (x, y) => overlapOf(x, y));
    expect(r.pairs.map((p) => [p.a, p.b])).toEqual([[0, 0], [1, 1]]);
  });
});

describe('text spans', () => {
  const text = 'The  New York Times said';
  it('ignores whitespace at span edges', () => {
    expect(trimSpan(text, 3, 13)).toEqual({ start: 5, end: 13 });
    const r = compareVersions(matchablesOf([span('a', 'ORG', 3, 19)], text), matchablesOf([span('b', 'ORG', 5, 20)], text), { iou: 0.5, minOverlap: 0.1, spanMode: 'exact', boundaryTolerance: 0 });
    expect(r.pairs[0].status).toBe('agreed');
  });
  it('matches nested spans right, whatever the storage order', () => {
    const outer = (id: string) => span(id, 'ORG', 5, 19), inner = (id: string) => span(id, 'LOC', 9, 13);
    for (const [a, b] of [[[outer('a1'), inner('a2')], [inner('b2'), outer('b1')]], [[inner('a2'), outer('a1')], [outer('b1'), inner('b2')]]] as ObjectLike[][][]) {
      for (const spanMode of ['exact', 'overlap'] as const) {
        const ma = matchablesOf(a, text), mb = matchablesOf(b, text);
        const r = compareVersions(ma, mb, { iou: 0.5, minOverlap: 0.1, spanMode, boundaryTolerance: 0 });
        expect(r.pairs.map((p) => [ma[p.a].id.slice(1), mb[p.b].id.slice(1), p.status])).toEqual(
          expect.arrayContaining([['1', '1', 'agreed'], ['2', '2', 'agreed']]));
        expect(r.pairs).toHaveLength(2);
      }
    }
  });
  it('exact mode refuses off-by-one spans that overlap mode accepts', () => {
    const a = matchablesOf([span('a', 'ORG', 5, 19)], text), b = matchablesOf([span('b', 'ORG', 5, 18)], text);
    expect(summarize(compareVersions(a, b, { iou: 0.5, minOverlap: 0.1, spanMode: 'exact', boundaryTolerance: 0 }))).toMatchObject({ matched: 0, missing: 1, extra: 1 });
    expect(summarize(compareVersions(a, b, { iou: 0.5, minOverlap: 0.1, spanMode: 'overlap', boundaryTolerance: 0 }))).toMatchObject({ matched: 1 });
  });
});
