// Overlap measures the matchers maximise: box IoU, exact polygon IoU (polygon-clipping), 1-D interval IoU.
import * as clipping from 'polygon-clipping';
import type { Box } from '../geometry/box.ts';
import { polygonArea, polygonProblem } from '../geometry/polygon.ts';

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

/** Signed-area orientation and convexity of a ring (flat list), computed once per points array. */
interface RingInfo { area: number; convex: boolean; ccw: boolean }
const ringInfo = new WeakMap<readonly number[], RingInfo>();

function infoOf(pts: readonly number[]): RingInfo {
  let info = ringInfo.get(pts);
  if (info) return info;
  // A simple ring's area is the shoelace area; only a self-intersecting one needs the library's even-odd union.
  const simple = polygonProblem(pts) === null;
  const area = simple ? polygonArea(pts) : multiArea(pc.union([ring(pts)]));
  let sign = 0, convex = simple;
  const n = pts.length / 2;
  for (let i = 0; convex && i < n; i++) {
    const j = (i + 1) % n, k = (i + 2) % n;
    const cross = (pts[2 * j] - pts[2 * i]) * (pts[2 * k + 1] - pts[2 * j + 1]) - (pts[2 * j + 1] - pts[2 * i + 1]) * (pts[2 * k] - pts[2 * j]);
    if (Math.abs(cross) < 1e-12) continue;
    if (!sign) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) convex = false;
  }
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) twice += pts[2 * j] * pts[2 * i + 1] - pts[2 * i] * pts[2 * j + 1];
  info = { area, convex, ccw: twice > 0 };
  ringInfo.set(pts, info);
  return info;
}

/** Intersection area of two convex rings (Sutherland–Hodgman clipping of `subject` by `clip`; exact for convex clips). */
function convexIntersectionArea(subject: readonly number[], clip: readonly number[], clipCcw: boolean): number {
  let out: number[] = subject.slice();
  const n = clip.length / 2;
  for (let e = 0; e < n && out.length >= 6; e++) {
    const ax = clip[2 * e], ay = clip[2 * e + 1], bx = clip[2 * ((e + 1) % n)], by = clip[2 * ((e + 1) % n) + 1];
    const side = (x: number, y: number) => ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) * (clipCcw ? 1 : -1);
    const input = out;
    out = [];
    const m = input.length / 2;
    for (let i = 0; i < m; i++) {
      const px = input[2 * i], py = input[2 * i + 1];
      const qx = input[2 * ((i + 1) % m)], qy = input[2 * ((i + 1) % m) + 1];
      const sp = side(px, py), sq = side(qx, qy);
      if (sp >= 0) out.push(px, py);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push(px + t * (qx - px), py + t * (qy - py));
      }
    }
  }
  return out.length >= 6 ? polygonArea(out) : 0;
}

/** Exact IoU of two polygons given as flat [x0, y0, x1, y1, …] lists. Self-intersecting input is resolved by the
 *  clipping library's even-odd rule rather than rejected, so a sloppy polygon still gets a fair score. Convex pairs
 *  (most annotation shapes) are clipped directly and areas are cached per points array: the library costs about a
 *  millisecond a call, which a 3 × 3,000-polygon review item cannot afford. */
export function polygonIoU(a: readonly number[], b: readonly number[]): number {
  if (a.length < 6 || b.length < 6) return 0;
  const ia = infoOf(a), ib = infoOf(b);
  if (ia.area <= 0 || ib.area <= 0) return 0;
  const inter = ia.convex && ib.convex ? convexIntersectionArea(a, b, ib.ccw) : multiArea(pc.intersection([ring(a)], [ring(b)]));
  if (inter <= 0) return 0;
  return Math.min(1, inter / (ia.area + ib.area - inter));
}

/** Exact IoU of two multi-part objects, each the union of its outlines (flat lists; each ring even-odd as above):
 *  a second ring that overlaps the other shape counts as much as the first. */
export function multiPolygonIoU(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  const geoms = (rs: readonly (readonly number[])[]) => rs.filter((r) => r.length >= 6).map((r): clipping.Polygon => [ring(r)]);
  const ga = geoms(a), gb = geoms(b);
  if (!ga.length || !gb.length) return 0;
  const ua = pc.union(ga[0], ...ga.slice(1)), ub = pc.union(gb[0], ...gb.slice(1));
  const areaA = multiArea(ua), areaB = multiArea(ub);
  if (areaA <= 0 || areaB <= 0) return 0;
  const inter = multiArea(pc.intersection(ua, ub));
  if (inter <= 0) return 0;
  return Math.min(1, inter / (areaA + areaB - inter));
}

export function intervalIoU(a0: number, a1: number, b0: number, b1: number): number {
  const inter = Math.min(a1, b1) - Math.max(a0, b0);
  if (inter <= 0) return 0;
  const union = Math.max(a1, b1) - Math.min(a0, b0);
  return union > 0 ? inter / union : 0;
}
