import { describe, expect, it } from 'vitest';
import { simplifyPoints, simplifyRing } from './simplify.ts';
import { polygonArea } from './polygon.ts';

describe('simplification', () => {
  it('drops points closer than the tolerance to the line and keeps corners', () => {
    expect(simplifyPoints([0, 0, 5, 0.1, 10, 0, 10, 10], 0.5)).toEqual([0, 0, 10, 0, 10, 10]);
    expect(simplifyPoints([0, 0, 5, 3, 10, 0], 0.5)).toEqual([0, 0, 5, 3, 10, 0]);
  });
  it('simplifies a finely sampled circle to a few vertices with nearly the same area', () => {
    const ring: number[] = [];
    for (let i = 0; i < 360; i++) ring.push(100 + 50 * Math.cos((i * Math.PI) / 180), 100 + 50 * Math.sin((i * Math.PI) / 180));
    const s = simplifyRing(ring, 1);
    expect(s.length / 2).toBeLessThan(40);
    expect(s.length / 2).toBeGreaterThanOrEqual(3);
    expect(Math.abs(polygonArea(s) - polygonArea(ring)) / polygonArea(ring)).toBeLessThan(0.03);
  });
  it('never returns fewer than three vertices', () => {
    expect(simplifyRing([0, 0, 1, 0, 2, 0, 3, 0, 1, 0.01], 100).length).toBeGreaterThanOrEqual(6);
  });
});
