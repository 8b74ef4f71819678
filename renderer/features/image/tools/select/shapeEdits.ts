// Geometry edits the select tool makes: moving shapes (kept inside the image), handle hits on the selected shape.
import type { AnnotationObject, ObjectInput } from '../../../../../shared/domain.ts';
import { isBox, hitBoxHandle, clampTranslation, type BoxHandle, type Size, type Bounds } from '../../../../../shared/geometry/box.ts';
import { isPolygon, hitVertex, polygonRings, translatePoints } from '../../../../../shared/geometry/polygon.ts';
import { shapeBounds, unionBounds } from '../../../../../shared/geometry/bounds.ts';

export type HandleHit =
  | { kind: 'box'; handle: BoxHandle }
  | { kind: 'vertex'; ring: number; index: number }
  | { kind: 'midpoint'; ring: number; edge: number };

export const HANDLE_PX = 7;

export function hitHandle(o: AnnotationObject, x: number, y: number, tol: number): HandleHit | null {
  if (o.kind === 'box' && isBox(o.geometry)) {
    const handle = hitBoxHandle(o.geometry, x, y, tol);
    return handle ? { kind: 'box', handle } : null;
  }
  if (o.kind === 'polygon' && isPolygon(o.geometry)) {
    // Every ring of a multi-part object has its handles; vertices first, in ring order.
    const rings = polygonRings(o.geometry);
    for (let ring = 0; ring < rings.length; ring++) {
      const v = hitVertex(rings[ring], x, y, tol);
      if (v >= 0) return { kind: 'vertex', ring, index: v };
    }
    for (let ring = 0; ring < rings.length; ring++) {
      const m = hitVertex(midpoints(rings[ring]), x, y, tol);
      if (m >= 0) return { kind: 'midpoint', ring, edge: m };
    }
  }
  return null;
}

/** Midpoints of each edge of a closed polygon (where "insert vertex" handles sit). */
export function midpoints(pts: readonly number[]): number[] {
  const n = pts.length / 2;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    out.push((pts[2 * i] + pts[2 * j]) / 2, (pts[2 * i + 1] + pts[2 * j + 1]) / 2);
  }
  return out;
}

export function translateGeometry(o: ObjectInput, dx: number, dy: number): ObjectInput['geometry'] {
  if (o.kind === 'box' && isBox(o.geometry)) return { ...o.geometry, x: o.geometry.x + dx, y: o.geometry.y + dy };
  if (o.kind === 'polygon' && isPolygon(o.geometry)) {
    const { points, rings } = o.geometry;
    // A multi-part object moves as one: every ring by the same offset.
    return rings?.length ? { points: translatePoints(points, dx, dy), rings: rings.map((r) => translatePoints(r, dx, dy)) } : { points: translatePoints(points, dx, dy) };
  }
  return o.geometry;
}

/** The move (dx, dy) limited so that every one of the shapes stays inside the image. */
export function clampedMove(objs: AnnotationObject[], dx: number, dy: number, img: Size): { dx: number; dy: number } {
  const u = unionBounds(objs.map((o) => shapeBounds(o.kind, o.geometry)).filter((b): b is Bounds => !!b));
  return u ? clampTranslation(u, dx, dy, img) : { dx, dy };
}
