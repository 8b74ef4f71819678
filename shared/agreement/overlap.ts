// Overlap measures the matchers maximise: box IoU, exact polygon IoU (polygon-clipping), 1-D interval IoU.
import * as clipping from 'polygon-clipping';
import type { Box } from '../geometry/box.ts';
import { polygonArea } from '../geometry/polygon.ts';

// The package's CommonJS build exposes its functions on `default` under Node, its ESM build on the namespace.
const pc = ((clipping as unknown as { default?: typeof clipping }).default ?? clipping) as typeof clipping;

export function boxIoU(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

function ring(pts: readonly number[]): clipping.Ring {
  const r: clipping.Ring = [];
  for (let i = 0; i + 1 < pts.length; i += 2) r.push([pts[i], pts[i + 1]]);
  return r;
}

function multiArea(mp: clipping.MultiPolygon): number {
  let area = 0;
  for (const poly of mp) {
    poly.forEach((r, k) => {
      const a = polygonArea(r.flat());
      area += k === 0 ? a : -a; // outer ring, then holes
    });
  }
  return area;
}

/** Exact IoU of two simple polygons given as flat [x0, y0, x1, y1, …] lists. Self-intersecting input is resolved by
 *  the clipping library's even-odd rule rather than rejected, so a sloppy polygon still gets a fair score. */
export function polygonIoU(a: readonly number[], b: readonly number[]): number {
  if (a.length < 6 || b.length < 6) return 0;
  const ra = ring(a);
  const rb = ring(b);
  const areaA = multiArea(pc.union([ra]));
  const areaB = multiArea(pc.union([rb]));
  if (areaA <= 0 || areaB <= 0) return 0;
  const inter = multiArea(pc.intersection([ra], [rb]));
  if (inter <= 0) return 0;
  return inter / (areaA + areaB - inter);
}

export function intervalIoU(a0: number, a1: number, b0: number, b1: number): number {
  const inter = Math.min(a1, b1) - Math.max(a0, b0);
  if (inter <= 0) return 0;
  const union = Math.max(a1, b1) - Math.min(a0, b0);
  return union > 0 ? inter / union : 0;
}
