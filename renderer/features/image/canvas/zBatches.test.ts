import { describe, expect, it } from 'vitest';
import { zBatches, zBatchSteps, type ZItem } from './zBatches.ts';

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

describe('zBatches at scale', () => {
  /** Paint order respects every overlap between shapes of different styles (the property the bitmap needs). */
  function respectsOverlaps(items: It[], batches: { style: number; list: It[] }[]) {
    const pos = new Map<It, number>();
    batches.forEach((b, k) => b.list.forEach((it) => pos.set(it, k)));
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        const overlap = !(a.maxX + 1 < b.minX - 1 || b.maxX + 1 < a.minX - 1 || a.maxY + 1 < b.minY - 1 || b.maxY + 1 < a.minY - 1);
        if (overlap && a.style !== b.style && pos.get(a)! >= pos.get(b)!) return `${a.id} (z ${i}) is painted with or after ${b.id} (z ${j})`;
      }
    return '';
  }

  it('keeps z order wherever shapes of different styles overlap, in crowded and sparse areas alike', () => {
    let seed = 5;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const items: It[] = [];
    // A crowded corner (cells overflow their lists) and a sparse rest.
    for (let i = 0; i < 2000; i++) {
      const crowded = i % 3 !== 0;
      items.push(box(`s${i}`, Math.floor(rand() * 3), crowded ? rand() * 40 : rand() * 990, crowded ? rand() * 40 : rand() * 990, crowded ? 1 + rand() * 3 : 3 + rand() * 12));
    }
    const batches = run(items);
    expect(batches.reduce((n, b) => n + b.list.length, 0)).toBe(items.length);
    expect(respectsOverlaps(items, batches)).toBe('');
  });

  it('gives sparse shapes that share grid cells without touching one batch per style', () => {
    // 4-unit cells; shapes 1 unit wide, 3 units apart: many share a cell, none overlap.
    const items: It[] = [];
    for (let i = 0; i < 3000; i++) items.push(box(`t${i}`, i % 6, (i % 300) * 3.3, Math.floor(i / 300) * 3.3, 0.3));
    const batches = zBatches(items, (it) => it.style, area, 4, 0.1);
    expect(batches).toHaveLength(6);
  });

  it('groups in steps that pause every few thousand shapes (a redraw of 100,000 never blocks input) and gives the same batches', () => {
    const items: It[] = [];
    for (let i = 0; i < 10_000; i++) items.push(box(`u${i}`, i % 5, (i * 37) % 990, (i * 53) % 990, 4));
    const steps = zBatchSteps(items, (it) => it.style, area, 4, 1);
    let pauses = 0;
    let r = steps.next();
    while (!r.done) { pauses++; r = steps.next(); }
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(r.value).toEqual(run(items));
  });
});
