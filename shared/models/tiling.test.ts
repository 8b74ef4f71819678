import { describe, it, expect } from 'vitest';
import { mergeAcrossTiles, placeWindowDetections, planTiles } from './tiling.ts';

describe('planTiles', () => {
  it('leaves pictures up to twice the input to the whole-picture pass', () => {
    expect(planTiles({ width: 1024, height: 700 }, 512)).toBeNull();
    expect(planTiles({ width: 5000, height: 5000 }, 512, 1)).toBeNull();
  });

  it('covers the picture with overlapping windows at the finest level the budget allows', () => {
    const p = planTiles({ width: 2048, height: 1500 }, 512, 64)!;
    expect(p.level).toBe(0);
    const xs = [...new Set(p.windows.map((w) => w.x))];
    const ys = [...new Set(p.windows.map((w) => w.y))];
    expect(xs[0]).toBe(0);
    expect(xs.at(-1)).toBe(2048 - 512); // flush with the far edge
    expect(ys.at(-1)).toBe(1500 - 512);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeLessThanOrEqual(384); // a quarter overlaps
    expect(p.windows).toHaveLength(xs.length * ys.length);
    const coarse = planTiles({ width: 2048, height: 2048 }, 512, 9)!;
    expect(coarse).toMatchObject({ level: 1, levelSize: { width: 1024, height: 1024 } });
    expect(coarse.windows).toHaveLength(9);
  });

  it('keeps a 40000 × 40000 slide within the budget (a pyramid level, not the whole picture)', () => {
    const p = planTiles({ width: 40000, height: 40000 }, 512, 64)!;
    expect(p.windows.length).toBeLessThanOrEqual(64);
    expect(p.level).toBe(4);
    expect(p.levelSize).toEqual({ width: 2500, height: 2500 });
  });
});

describe('placing and merging', () => {
  const plan = planTiles({ width: 2048, height: 2048 }, 512, 9)!; // level 1, windows at 0, 256, 512
  it('maps window boxes to image pixels and marks those cut by an inner window edge', () => {
    const [inner, edge] = placeWindowDetections([
      { x: 100, y: 100, w: 50, h: 40, score: 0.5, cls: 17 },
      { x: 480, y: 100, w: 32, h: 40, score: 0.5, cls: 17 },
    ], { x: 256, y: 0 }, plan, { width: 2048, height: 2048 });
    expect(inner).toMatchObject({ x: 712, y: 200, w: 100, h: 80, cut: false });
    expect(edge.cut).toBe(true);
    // the last window's far edge is the picture's edge: nothing continues there
    const [far] = placeWindowDetections([{ x: 480, y: 480, w: 32, h: 32, score: 0.5, cls: 1 }], { x: 512, y: 512 }, plan, { width: 2048, height: 2048 });
    expect(far.cut).toBe(false);
  });

  it('keeps one box per object across seams: whole beats cut, pieces of one object join', () => {
    const whole = { x: 100, y: 100, w: 100, h: 100, score: 0.4, cls: 17, cut: false };
    const piece = { x: 150, y: 100, w: 50, h: 100, score: 0.7, cls: 17, cut: true };
    expect(mergeAcrossTiles([piece, whole])).toEqual([whole]);
    const left = { x: 0, y: 0, w: 300, h: 100, score: 0.5, cls: 2, cut: true };
    const right = { x: 250, y: 0, w: 300, h: 100, score: 0.6, cls: 2, cut: true };
    const merged = mergeAcrossTiles([left, right]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ x: 0, w: 550, score: 0.6 });
    // different objects side by side stay apart
    const other = { x: 400, y: 300, w: 50, h: 50, score: 0.3, cls: 17, cut: false };
    expect(mergeAcrossTiles([whole, other])).toHaveLength(2);
  });
});
