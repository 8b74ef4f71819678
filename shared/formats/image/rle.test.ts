import { describe, it, expect } from 'vitest';
import { decodeRleCounts, encodeRleCounts, rleAreaAndBox, rleMaskBits, rleProblem } from './rle.ts';

describe('COCO compressed RLE', () => {
  it('encodes and decodes as pycocotools does (delta against the count two back from the third on)', () => {
    expect(encodeRleCounts([3, 2, 5])).toBe('325');
    expect(encodeRleCounts([10, 3, 2, 5])).toBe(':322');
    expect(decodeRleCounts(':322')).toEqual([10, 3, 2, 5]);
    // A negative delta and multi-character counts
    const runs = [100000, 7, 31, 1, 64, 2000, 0, 3];
    expect(decodeRleCounts(encodeRleCounts(runs))).toEqual(runs);
    for (let k = 0; k < 50; k++) {
      const r = Array.from({ length: 1 + (k % 13) }, (_, i) => Math.floor(Math.abs(Math.sin(k * 31 + i * 7)) * 10 ** (1 + (i % 6))));
      expect(decodeRleCounts(encodeRleCounts(r))).toEqual(r);
    }
  });

  it('gives the mask area and bbox (column-major runs) and names a bad mask', () => {
    // 4×3 (h=4, w=3): column 1 rows 1..2 and column 2 rows 0..3 are set.
    const m = { size: [4, 3] as [number, number], counts: [5, 2, 1, 4] };
    expect(rleAreaAndBox(m)).toEqual({ area: 6, bbox: [1, 0, 2, 4] });
    expect(rleAreaAndBox({ ...m, counts: encodeRleCounts(m.counts) })).toEqual({ area: 6, bbox: [1, 0, 2, 4] });
    expect(rleProblem(m)).toBeNull();
    expect(rleProblem({ size: [4, 3], counts: [5, 2] })).toMatch(/cover 7 pixels, but size 4×3 has 12/);
    expect(rleProblem({ size: [4, 3], counts: '\u007f' })).toMatch(/outside its alphabet/);
    expect(rleProblem({ counts: [1] })).toMatch(/size/);
  });

  it('decodes a mask to a row-major bitmap of its bounding box, from runs or the compressed string', () => {
    // 4×3 (h=4, w=3): column 1 rows 1..2 and column 2 rows 0..3 are set; the box is columns 1..2, rows 0..3.
    const m = { size: [4, 3] as [number, number], counts: [5, 2, 1, 4] };
    const want = { x: 1, y: 0, width: 2, height: 4, bits: Uint8Array.from([0, 1, 1, 1, 1, 1, 0, 1]) };
    expect(rleMaskBits(m)).toEqual(want);
    expect(rleMaskBits({ ...m, counts: encodeRleCounts(m.counts) })).toEqual(want);
    expect(rleMaskBits({ size: [4, 3], counts: [12] })).toBeNull();
  });
});
