// Detection over images larger than the model's input: instead of squeezing the whole picture to 512 × 512 (where
// a 100-pixel object of a 4000-pixel photo shrinks to 13 pixels and vanishes), the model also looks at overlapping
// 512 × 512 windows of the picture at a power-of-two scale (a pyramid level), chosen as fine as a tile budget
// allows. Boxes from windows are mapped back to image pixels and merged with the whole-picture pass across seams.
import type { Box, Size } from '../geometry/box.ts';
import { boxIoU, intervalIoU } from '../agreement/overlap.ts';
import { clampBoxToImage } from '../geometry/box.ts';
import type { Detection } from './detections.ts';

/** Default most windows a run looks at (about 0.3 s each on one core): ~20 s for a large photo or a slide. */
export const DEFAULT_MAX_TILES = 64;
/** Windows overlap by a quarter, so an object up to a quarter window wide is whole in at least one of them. */
const OVERLAP = 0.25;

export interface TilePlan {
  /** Pyramid level the windows are cut from: the image downscaled by 2^level. */
  level: number;
  /** That level's size (ceil(width / 2^level) × ceil(height / 2^level)). */
  levelSize: Size;
  /** Window side in level pixels (the model's input side). */
  side: number;
  /** Top-left corners of the windows in level pixels, row by row. */
  windows: { x: number; y: number }[];
}

function starts(length: number, side: number): number[] {
  if (length <= side) return [0];
  const n = Math.ceil((length - side) / (side * (1 - OVERLAP))) + 1;
  // spread evenly, the last flush with the far edge
  return Array.from({ length: n }, (_, i) => Math.round((i * (length - side)) / (n - 1)));
}

/**
 * Windows for a picture of `size`, or null when the whole-picture pass already sees it at (nearly) full detail
 * (its longer side at most twice the input). The level is the finest whose windows fit in `maxTiles`; a level
 * that would be seen whole by one window adds nothing to the whole-picture pass, so that also gives null.
 */
export function planTiles(size: Size, side: number, maxTiles = DEFAULT_MAX_TILES): TilePlan | null {
  if (Math.max(size.width, size.height) <= 2 * side || maxTiles < 2) return null;
  for (let level = 0; ; level++) {
    const f = 2 ** level;
    const levelSize = { width: Math.ceil(size.width / f), height: Math.ceil(size.height / f) };
    if (levelSize.width <= side && levelSize.height <= side) return null;
    const xs = starts(levelSize.width, side);
    const ys = starts(levelSize.height, side);
    if (xs.length * ys.length > maxTiles) continue;
    if (Math.max(levelSize.width, levelSize.height) <= side * 1.25) return null; // barely larger than the whole pass
    return { level, levelSize, side, windows: ys.flatMap((y) => xs.map((x) => ({ x, y }))) };
  }
}

/** A detection from one window, in image pixels; `cut` when it touches a window edge inside the picture (the
 *  object may go on in the next window, which may see it whole). */
export interface PlacedDetection extends Detection { cut: boolean }

/** Maps the detections of the window at `at` (window pixels, decoded at the model's input size) to image pixels. */
export function placeWindowDetections(dets: readonly Detection[], at: { x: number; y: number }, plan: TilePlan, image: Size): PlacedDetection[] {
  const f = 2 ** plan.level;
  const edge = 2; // window pixels
  const out: PlacedDetection[] = [];
  for (const d of dets) {
    const cut = (d.x <= edge && at.x > 0) || (d.y <= edge && at.y > 0)
      || (d.x + d.w >= plan.side - edge && at.x + plan.side < plan.levelSize.width)
      || (d.y + d.h >= plan.side - edge && at.y + plan.side < plan.levelSize.height);
    const b = clampBoxToImage({ x: (at.x + d.x) * f, y: (at.y + d.y) * f, w: d.w * f, h: d.h * f }, image);
    if (b.w >= 1 && b.h >= 1) out.push({ ...d, ...b, cut });
  }
  return out;
}

function intersectionOverSmaller(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  return (iw * ih) / Math.min(a.w * a.h, b.w * b.h);
}

/** Two pieces of one object split by a seam: both cut, same class, overlapping, and lined up along the seam. */
function samePiece(a: Detection & { cut?: boolean }, b: Detection & { cut?: boolean }): boolean {
  if (!a.cut || !b.cut || a.cls !== b.cls) return false;
  const x = intervalIoU(a.x, a.x + a.w, b.x, b.x + b.w);
  const y = intervalIoU(a.y, a.y + a.h, b.y, b.y + b.h);
  return x > 0 && y > 0 && Math.max(x, y) > 0.7;
}

/**
 * Non-maximum suppression across the whole-picture pass and all windows. Whole boxes go before boxes cut by a
 * window edge, then by score. A box is dropped when it overlaps a kept one by IoU > iouThreshold (any class, as in
 * nonMaxSuppression), or when it is mostly inside a kept box of the same class (a piece of an object seen whole
 * elsewhere). Two cut pieces of one class lined up across a seam become one box around both (an object larger
 * than the windows' overlap).
 */
export function mergeAcrossTiles<T extends Detection & { cut?: boolean }>(dets: readonly T[], iouThreshold = 0.5): T[] {
  const sorted = [...dets].sort((a, b) => Number(!!a.cut) - Number(!!b.cut) || b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) {
    let absorbed = false;
    for (let i = 0; i < kept.length && !absorbed; i++) {
      const k = kept[i];
      if (samePiece(k, d)) {
        const x = Math.min(k.x, d.x), y = Math.min(k.y, d.y);
        kept[i] = { ...k, x, y, w: Math.max(k.x + k.w, d.x + d.w) - x, h: Math.max(k.y + k.h, d.y + d.h) - y };
        absorbed = true;
      } else if (boxIoU(k, d) > iouThreshold || (k.cls === d.cls && intersectionOverSmaller(k, d) > 0.6)) {
        absorbed = true;
      }
    }
    if (!absorbed) kept.push(d);
  }
  return kept;
}
