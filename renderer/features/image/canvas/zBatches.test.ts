import { describe, expect, it } from 'vitest';
import { zBatches, type ZItem } from './zBatches.ts';

interface It extends ZItem { id: string; style: number }
const box = (id: string, style: number, x: number, y: number, s = 10): It => ({ id, style, minX: x, minY: y, maxX: x + s, maxY: y + s });
const area = { minX: 0, minY: 0, maxX: 1000, maxY: 1000 };
const run = (items: It[]) => zBatches(items, (it) => it.style, area, 4, 1);
/** Paint order of the ids, as the bitmap would draw them. */
const order = (items: It[]) => run(items).flatMap((b) => b.list.map((it) => it.id));

describe('zBatches', () => {
  it('paints an overlapping shape of another style above the lower one, whatever the style numbers', () => {
    // Style 1 is below style 0 here: a batch-by-style order (0 then 1) would paint them the wrong way round.
    expect(order([box('low', 1, 100, 100), box('high', 0, 105, 105)])).toEqual(['low', 'high']);
    expect(order([box('low', 0, 100, 100), box('high', 1, 105, 105)])).toEqual(['low', 'high']);
  });

  it('keeps a chain of alternating styles in z order', () => {
    const items = [box('a', 0, 100, 100), box('b', 1, 104, 100), box('c', 0, 108, 100), box('d', 1, 112, 100)];
    expect(order(items)).toEqual(['a', 'b', 'c', 'd']);
    expect(run(items)).toHaveLength(4);
  });

  it('puts scattered shapes of one style into one batch, so thousands of them cost a few fills', () => {
    const items: It[] = [];
    for (let i = 0; i < 2000; i++) items.push(box(`s${i}`, i % 6, (i % 45) * 22, Math.floor(i / 45) * 22));
    const batches = run(items);
    expect(batches).toHaveLength(6);
    expect(batches.reduce((n, b) => n + b.list.length, 0)).toBe(2000);
  });

  it('lets a same-style shape join the lower batch when nothing of another style lies between', () => {
    // x (style 0) overlaps y (style 1); z (style 0) is far away and joins x's batch; w (style 0) is above y.
    const batches = run([box('x', 0, 100, 100), box('y', 1, 105, 100), box('z', 0, 600, 600), box('w', 0, 108, 100)]);
    expect(batches.map((b) => b.list.map((it) => it.id))).toEqual([['x', 'z'], ['y'], ['w']]);
  });

  it('counts shapes outside the area on its edge cells, so nothing is lost or reordered there', () => {
    const items = [box('out1', 0, -500, -500, 520), box('out2', 1, -400, -400, 410)];
    expect(order(items)).toEqual(['out1', 'out2']);
  });
});
