// Detector output → box proposals in image pixels: decoding CenterNet's rows, non-maximum suppression, and
// skipping what a person already drew.
import { clampBoxToImage, type Box, type Size } from '../geometry/box.ts';
import { boxIoU } from '../agreement/overlap.ts';

export interface Detection extends Box {
  score: number;
  /** The detector's class number (an index into its class list). */
  cls: number;
}

/** CenterNet's `tower_0/detections` [1, N, 6]: x1, y1, x2, y2 in input pixels, score, class. The input was the
 *  whole image stretched to inputSize × inputSize, so x scales by width / inputSize and y by height / inputSize. */
export function decodeCenterNet(rows: ArrayLike<number>, inputSize: number, img: Size, minScore: number): Detection[] {
  const sx = img.width / inputSize;
  const sy = img.height / inputSize;
  const out: Detection[] = [];
  for (let i = 0; i + 6 <= rows.length; i += 6) {
    const score = rows[i + 4];
    const cls = rows[i + 5];
    if (!(score >= minScore) || !Number.isInteger(cls) || cls < 0) continue;
    const b = clampBoxToImage({ x: rows[i] * sx, y: rows[i + 1] * sy, w: (rows[i + 2] - rows[i]) * sx, h: (rows[i + 3] - rows[i + 1]) * sy }, img);
    if (b.w < 1 || b.h < 1) continue;
    out.push({ ...b, score, cls });
  }
  return out;
}

/** Greedy non-maximum suppression across classes: the best-scoring box wins and any box overlapping it by more
 *  than iouThreshold is dropped (a car also seen as a truck is one proposal, the likelier one). */
export function nonMaxSuppression<T extends Detection>(dets: readonly T[], iouThreshold = 0.5): T[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) if (!kept.some((k) => boxIoU(k, d) > iouThreshold)) kept.push(d);
  return kept;
}

/** Proposals a person's boxes do not already cover (IoU above threshold with a box of the same label). */
export function notCoveredBy<T extends Box & { label: string }>(proposals: readonly T[], drawn: readonly (Box & { label: string })[], iouThreshold = 0.5): T[] {
  return proposals.filter((p) => !drawn.some((d) => d.label === p.label && boxIoU(d, p) > iouThreshold));
}
