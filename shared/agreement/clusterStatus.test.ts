import { describe, expect, it } from 'vitest';
import { clusterStatuses } from './clusterStatus.ts';

const who = ['amara', 'bruno', 'chen'];
const pairs = [
  { a: 'amara', b: 'bruno', matches: [{ a: 'car', b: 'car', status: 'agreed' as const }, { a: 'bld', b: 'bld', status: 'labelMismatch' as const }, { a: 'p', b: 'p', status: 'agreed' as const }] },
  { a: 'amara', b: 'chen', matches: [{ a: 'car', b: 'car', status: 'agreed' as const }, { a: 'p', b: 'p', status: 'lowOverlap' as const }] },
  { a: 'bruno', b: 'chen', matches: [{ a: 'car', b: 'car', status: 'agreed' as const }] },
];

describe('clusterStatuses', () => {
  it('names each cluster the way a validator reads it', () => {
    const clusters = [
      ['car', 'car', 'car'],
      ['bld', 'bld', null],
      ['p', 'p', 'p'],
      [null, 'sign', null],
      ['t', null, 't2'],
    ];
    expect(clusterStatuses(who, clusters, pairs)).toEqual(['agreed', 'labelMismatch', 'lowOverlap', 'extra', 'missing']);
  });
  it('reads pairs in either order', () => {
    expect(clusterStatuses(['chen', 'amara'], [['car', 'car']], pairs)).toEqual(['agreed']);
  });
});
