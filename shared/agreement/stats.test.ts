import { describe, expect, it } from 'vitest';
import { cohenKappa, confusionMatrix, countTable, fleissKappa, krippendorffAlpha, pairMatrix } from './stats.ts';

describe('Krippendorff alpha (nominal)', () => {
  it("reproduces 'Computing Krippendorff's Alpha-Reliability': 4 observers, 12 units, missing values → 0.743", () => {
    const _ = null;
    const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _];
    const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'];
    const C = [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _];
    const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _];
    const units = A.map((_v, u) => [A[u], B[u], C[u], D[u]]);
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
  });

  it('is 1 for perfect agreement, NaN when nothing is pairable, and hand-computed for a small case', () => {
    expect(krippendorffAlpha([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(krippendorffAlpha([['a', null], [null, 'b']])).toBeNaN();
    // units (a,a) (a,b): n=4, o_ab=o_ba=1, n_a=3, n_b=1 → α = 1 − 3·2/(3·1+1·3) = 0
    expect(krippendorffAlpha([['a', 'a'], ['a', 'b']])).toBeCloseTo(0, 12);
  });

  it('weights units by length for unitized data (no n−1 correction)', () => {
    // One long agreed piece and one short disagreed piece: agreement high but below 1.
    const a = krippendorffAlpha([['x', 'x'], ['x', 'y'], ['y', 'y']], [10, 1, 10]);
    expect(a).toBeGreaterThan(0.85);
    expect(a).toBeLessThan(1);
  });
});

describe('Cohen kappa', () => {
  it('gives 0.4 on the standard 2×2 example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    const a: string[] = [], b: string[] = [];
    const add = (n: number, x: string, y: string) => { for (let i = 0; i < n; i++) { a.push(x); b.push(y); } };
    add(20, 'yes', 'yes'); add(5, 'yes', 'no'); add(10, 'no', 'yes'); add(15, 'no', 'no');
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 10);
  });
  it('skips items either rater left out', () => {
    expect(cohenKappa(['a', 'b', null], ['a', 'b', 'a'])).toBe(1);
  });
});

describe('Fleiss kappa', () => {
  it("reproduces Fleiss' 1971 example as commonly reproduced (10 subjects, 14 raters, 5 categories) → 0.210", () => {
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    expect(fleissKappa(table)).toBeCloseTo(0.21, 3);
  });
  it('builds its table from labels per unit', () => {
    const { categories, counts } = countTable([['a', 'a', 'b'], ['b', 'b', null]]);
    expect(categories).toEqual(['a', 'b']);
    expect(counts).toEqual([[2, 1], [0, 2]]);
    expect(fleissKappa([[3, 0], [0, 3]])).toBe(1);
  });
});

describe('matrices', () => {
  it('counts label pairs with ∅ for missing and extra, ∅ last', () => {
    const m = confusionMatrix([['car', 'car'], ['car', 'bus'], ['bus', null], [null, 'car']]);
    expect(m.labels).toEqual(['bus', 'car', '∅']);
    expect(m.counts).toEqual([[0, 0, 1], [1, 1, 0], [0, 1, 0]]);
  });
  it('fills an annotator matrix symmetrically', () => {
    expect(pairMatrix(['a', 'b', 'c'], (x, y) => (x === 'a' && y === 'b' ? 0.5 : 0))).toEqual([[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]);
  });
});
