import { describe, expect, it } from 'vitest';
import { matchablesOf, itemAgreement, projectAgreement, DEFAULT_POLICY } from './compare.ts';
import { clusterVersions } from './clusters.ts';
import { buildConsensus } from './consensus.ts';
import type { ObjectLike } from './objects.ts';

const box = (id: string, label: string, x: number, y: number, w: number, h: number): ObjectLike => ({ id, kind: 'box', label, geometry: { x, y, w, h } });
const seg = (id: string, label: string, start: number, end: number): ObjectLike => ({ id, kind: 'segment', label, geometry: { start, end, tier: 't1' } });
const poly = (id: string, pts: number[]): ObjectLike => ({ id, kind: 'polygon', label: 'car', geometry: { points: pts } });

describe('clusters and consensus', () => {
  const versions = [
    matchablesOf([box('a1', 'car', 0, 0, 10, 10), box('a2', 'dog', 50, 50, 10, 10)]),
    matchablesOf([box('b1', 'car', 2, 0, 10, 10), box('b2', 'cat', 50, 50, 10, 10)]),
    matchablesOf([box('c1', 'car', 1, 0, 10, 10), box('c3', 'tree', 200, 200, 10, 10)]),
  ];
  const clusters = clusterVersions(versions, DEFAULT_POLICY);

  it('puts at most one object per annotator in each cluster', () => {
    expect(clusters.map((c) => c.members)).toEqual([[0, 0, 0], [1, 1, null], [null, null, 1]]);
  });

  it('takes a majority label and a weighted mean box, marked proposed; no quorum, no object', () => {
    const c = buildConsensus(versions, clusters);
    expect(c).toHaveLength(1); // dog/cat split 1:1 of 3, the tree 1 of 3
    expect(c[0]).toMatchObject({ label: 'car', proposed: true, sources: ['a1', 'b1', 'c1'], shape: { type: 'box', box: { x: 1, y: 0, w: 10, h: 10 } } });
    expect(c[0].support).toBe(1);
  });

  it('weights votes by reputation', () => {
    const c = buildConsensus(versions, clusters, { weights: [1, 3, 1] });
    expect(c.find((o) => o.cluster === 1)?.label).toBe('cat'); // 3 of 5 ≥ 0.5
    const car = c.find((o) => o.cluster === 0)!;
    expect((car.shape as { box: { x: number } }).box.x).toBeCloseTo((0 + 6 + 1) / 5, 12);
  });

  it('picks the medoid polygon and median segment edges', () => {
    const sq = (d: number) => [d, 0, 10 + d, 0, 10 + d, 10, d, 10];
    const pv = [matchablesOf([poly('p0', sq(0))]), matchablesOf([poly('p1', sq(1))]), matchablesOf([poly('p2', sq(4))])];
    const pc = buildConsensus(pv, clusterVersions(pv, DEFAULT_POLICY));
    expect(pc[0].sources).toEqual(['p0', 'p1', 'p2']);
    expect(pc[0].shape).toEqual({ type: 'polygon', points: sq(1) });
    const sv = [matchablesOf([seg('s0', 'speech', 1, 4)]), matchablesOf([seg('s1', 'speech', 1.2, 4.4)]), matchablesOf([seg('s2', 'speech', 0.9, 3.9)])];
    expect(buildConsensus(sv, clusterVersions(sv, DEFAULT_POLICY))[0].shape).toEqual({ type: 'interval', start: 1, end: 4 });
  });
});

describe('item and project agreement', () => {
  it('reports pairs with missing and extra from the first annotator’s side', () => {
    const r = itemAgreement({ versions: [
      { annotator: 'ann', objects: [box('a1', 'car', 0, 0, 10, 10), box('a2', 'car', 40, 40, 10, 10)] },
      { annotator: 'bob', objects: [box('b1', 'car', 0, 0, 10, 10)] },
    ] });
    expect(r.pairs[0]).toMatchObject({ a: 'ann', b: 'bob', matched: 1, missing: 1, extra: 0, meanIoU: 1 });
    expect(r.units).toEqual([['car', 'car'], ['car', '∅']]);
  });

  it('aggregates pairs by name across items regardless of version order, with alpha and a confusion matrix', () => {
    const p = projectAgreement([
      { versions: [{ annotator: 'bob', objects: [box('b', 'car', 0, 0, 10, 10)] }, { annotator: 'ann', objects: [] }] },
      { versions: [{ annotator: 'ann', objects: [box('a', 'car', 0, 0, 10, 10)] }, { annotator: 'bob', objects: [box('b', 'bus', 0, 0, 10, 10)] }] },
    ]);
    expect(p.pairs).toEqual([{ a: 'ann', b: 'bob', matched: 0, labelMismatch: 1, lowOverlap: 0, missing: 0, extra: 1, meanIoU: 1 }]);
    expect(p.confusion.labels).toEqual(['bus', 'car', '∅']);
    expect(p.alpha).toBeLessThan(0.5);
    expect(p.unitizedAlpha).toBeNaN();
  });
});
