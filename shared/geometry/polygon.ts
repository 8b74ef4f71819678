// Polygons as flat point lists [x0, y0, x1, y1, ...] in image pixels: containment, edge distance, validity
// (no self-intersection), area, clamping and vertex edits.
import type { Bounds, Size } from './box.ts';

/** `points` is the outline; `rings` are further outlines of the SAME object (a COCO instance whose segmentation
 *  lists several polygons: a car seen in two pieces behind a pole). Drawn, selected and moved as one object. */
export interface Polygon { points: number[]; rings?: number[][] }

/** Every outline of a polygon object: its points, then its further rings. */
export function polygonRings(p: Polygon): number[][] {
  return p.rings?.length ? [p.points, ...p.rings] : [p.points];
}

/** The polygon with a new outline (edited vertices), keeping its further rings. */
export function withOutline(g: unknown, points: number[]): Polygon {
  const rings = isPolygon(g) ? g.rings : undefined;
  return rings?.length ? { points, rings } : { points };
}

/** The polygon with ring `ring` (0 = its points, k = rings[k-1]) replaced by `points`, the others kept. */
export function withRing(g: Polygon, ring: number, points: number[]): Polygon {
  if (ring === 0) return withOutline(g, points);
  const rings = (g.rings ?? []).map((r, k) => (k === ring - 1 ? points : r));
  return { points: g.points, rings };
}

/** Vertices of a multi-part polygon are numbered across its rings (ring 0's first): which ring, which vertex. */
export function locateVertex(p: Polygon, vertex: number): { ring: number; index: number } | null {
  let base = 0;
  const rings = polygonRings(p);
  for (let ring = 0; ring < rings.length; ring++) {
    const n = rings[ring].length / 2;
    if (vertex >= base && vertex < base + n) return { ring, index: vertex - base };
    base += n;
  }
  return null;
}

/** The number across all rings of vertex `index` of ring `ring` (see locateVertex). */
export function vertexNumber(p: Polygon, ring: number, index: number): number {
  return polygonRings(p).slice(0, ring).reduce((n, r) => n + r.length / 2, 0) + index;
}

/** Bounds of every ring of a polygon object. */
export function multiPolygonBounds(p: Polygon): Bounds {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  growBounds(b, p.points);
  for (const r of p.rings ?? []) growBounds(b, r);
  return b;
}

/** Bounds of a polygon object when its outline is pairs of finite numbers (at least one), else null: the check
 *  and the bounds in one pass over the points (the spatial index runs this for every object a task opens with). */
export function validPolygonBounds(g: unknown): Bounds | null {
  const p = g as Polygon;
  if (!p || typeof p !== 'object' || !Array.isArray(p.points)) return null;
  const pts = p.points;
  if (pts.length < 2 || pts.length % 2) return null;
  for (let i = 0; i < pts.length; i++) {
    const v = pts[i];
    if (!Number.isFinite(v)) return null; // false for anything but a finite number
  }
  return multiPolygonBounds(p);
}

function growBounds(b: Bounds, pts: readonly number[]): void {
  for (let i = 0; i < pts.length; i += 2) {
    const x = pts[i], y = pts[i + 1];
    if (x < b.minX) b.minX = x;
    if (x > b.maxX) b.maxX = x;
    if (y < b.minY) b.minY = y;
    if (y > b.maxY) b.maxY = y;
  }
}

export function isPolygon(g: unknown): g is Polygon {
  const p = g as Polygon;
  return !!p && typeof p === 'object' && Array.isArray(p.points) && p.points.length % 2 === 0 && p.points.every((v) => typeof v === 'number' && Number.isFinite(v));
}

export function polygonBounds(pts: readonly number[]): Bounds {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < pts.length; i += 2) {
    const x = pts[i], y = pts[i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Even-odd ray casting. Points exactly on an edge may go either way; use edge distance for tolerance. */
export function pointInPolygon(pts: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = pts[2 * i], yi = pts[2 * i + 1], xj = pts[2 * j], yj = pts[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by), and where along it (0..1) the nearest point is. */
export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): { d: number; t: number } {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2));
  const qx = ax + t * dx, qy = ay + t * dy;
  return { d: Math.hypot(px - qx, py - qy), t };
}

/** The closed polygon's edge nearest to (x, y): index i means the edge from vertex i to vertex i+1 (wrapping). */
export function nearestEdge(pts: readonly number[], x: number, y: number): { edge: number; d: number; t: number } | null {
  const n = pts.length / 2;
  if (n < 2) return null;
  let best: { edge: number; d: number; t: number } | null = null;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const r = segmentDistance(x, y, pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1]);
    if (!best || r.d < best.d) best = { edge: i, d: r.d, t: r.t };
  }
  return best;
}

/** Index of the vertex within `tolerance` of (x, y), nearest first, or -1. */
export function hitVertex(pts: readonly number[], x: number, y: number, tolerance: number): number {
  let best = -1;
  let bestD = tolerance;
  for (let i = 0; i < pts.length; i += 2) {
    const d = Math.hypot(pts[i] - x, pts[i + 1] - y);
    if (d <= bestD) { bestD = d; best = i / 2; }
  }
  return best;
}

/** True when (x, y) is inside the polygon or within `tolerance` of its outline. */
export function hitPolygon(pts: readonly number[], x: number, y: number, tolerance: number): boolean {
  if (pts.length >= 6 && pointInPolygon(pts, x, y)) return true;
  const e = nearestEdge(pts, x, y);
  return !!e && e.d <= tolerance;
}

export function polygonArea(pts: readonly number[]): number {
  let a = 0;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) a += pts[2 * j] * pts[2 * i + 1] - pts[2 * i] * pts[2 * j + 1];
  return Math.abs(a) / 2;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 1e-12 ? 1 : v < -1e-12 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** Whether segments p1-p2 and p3-p4 touch or cross. */
export function segmentsIntersect(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, x4: number, y4: number): boolean {
  const d1 = orient(x3, y3, x4, y4, x1, y1), d2 = orient(x3, y3, x4, y4, x2, y2);
  const d3 = orient(x1, y1, x2, y2, x3, y3), d4 = orient(x1, y1, x2, y2, x4, y4);
  if (d1 !== d2 && d3 !== d4) return true;
  if (d1 === 0 && onSegment(x3, y3, x4, y4, x1, y1)) return true;
  if (d2 === 0 && onSegment(x3, y3, x4, y4, x2, y2)) return true;
  if (d3 === 0 && onSegment(x1, y1, x2, y2, x3, y3)) return true;
  if (d4 === 0 && onSegment(x1, y1, x2, y2, x4, y4)) return true;
  return false;
}

export type PolygonProblem = 'too-few-points' | 'zero-area' | 'self-intersecting' | 'not-finite';

/** Why a closed polygon is unusable, or null when it is a simple polygon with area. O(n²), fine for edited shapes. */
export function polygonProblem(pts: readonly number[]): PolygonProblem | null {
  if (pts.length % 2 !== 0 || pts.some((v) => !Number.isFinite(v))) return 'not-finite';
  const n = pts.length / 2;
  if (n < 3) return 'too-few-points';
  for (let i = 0; i < n; i++) {
    const i2 = (i + 1) % n;
    for (let j = i + 1; j < n; j++) {
      const j2 = (j + 1) % n;
      // Adjacent edges share a vertex; that touch is allowed.
      if (j === i2 || i === j2) continue;
      if (segmentsIntersect(pts[2 * i], pts[2 * i + 1], pts[2 * i2], pts[2 * i2 + 1], pts[2 * j], pts[2 * j + 1], pts[2 * j2], pts[2 * j2 + 1])) return 'self-intersecting';
    }
  }
  // After the crossing check: a bow-tie has zero signed area but is better described as crossing itself.
  if (polygonArea(pts) < 1e-9) return 'zero-area';
  return null;
}

export function clampPoint(x: number, y: number, img: Size): [number, number] {
  return [Math.min(Math.max(x, 0), img.width), Math.min(Math.max(y, 0), img.height)];
}

/** Every vertex moved inside the image. */
export function clampPolygonToImage(pts: readonly number[], img: Size): number[] {
  const out = new Array<number>(pts.length);
  for (let i = 0; i < pts.length; i += 2) [out[i], out[i + 1]] = clampPoint(pts[i], pts[i + 1], img);
  return out;
}

export function translatePoints(pts: readonly number[], dx: number, dy: number): number[] {
  const out = new Array<number>(pts.length);
  for (let i = 0; i < pts.length; i += 2) { out[i] = pts[i] + dx; out[i + 1] = pts[i + 1] + dy; }
  return out;
}

export function moveVertex(pts: readonly number[], index: number, x: number, y: number): number[] {
  const out = pts.slice();
  out[2 * index] = x;
  out[2 * index + 1] = y;
  return out;
}

/** Inserts a vertex after vertex `edge` (on the edge edge → edge+1). */
export function insertVertex(pts: readonly number[], edge: number, x: number, y: number): number[] {
  const out = pts.slice();
  out.splice(2 * (edge + 1), 0, x, y);
  return out;
}

/** Removes a vertex unless that would leave fewer than 3; returns null then. */
export function deleteVertex(pts: readonly number[], index: number): number[] | null {
  if (pts.length / 2 <= 3) return null;
  const out = pts.slice();
  out.splice(2 * index, 2);
  return out;
}
