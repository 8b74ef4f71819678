import { describe, expect, it } from 'vitest';
import { Pinch } from './pinch.ts';

describe('pinch', () => {
  it('zooms about the fingers and keeps the image point under them', () => {
    const p = new Pinch();
    const v = { scale: 1, tx: 0, ty: 0 };
    expect(p.down(1, 100, 100, v)).toBe(false);
    expect(p.down(2, 200, 100, v)).toBe(true);
    const z = p.move(2, 300, 100)!;
    expect(z.scale).toBeCloseTo(2);
    // The start midpoint (150, 100) was image (150, 100); the new midpoint (200, 100) shows it.
    expect(150 * z.scale + z.tx).toBeCloseTo(200);
    expect(100 * z.scale + z.ty).toBeCloseTo(100);
    p.up(1);
    expect(p.active).toBe(false);
  });
});
