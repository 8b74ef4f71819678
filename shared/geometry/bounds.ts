// Bounding boxes of any image shape (box or polygon), for the spatial index and culling.
import { isBox, boxBounds, type Bounds } from './box.ts';
import { validPolygonBounds } from './polygon.ts';

export type { Bounds };

/** Bounds of a box or polygon geometry, or null when the geometry is not one. */
export function shapeBounds(kind: string, geometry: unknown): Bounds | null {
  if (kind === 'box' && isBox(geometry)) return boxBounds(geometry);
  // Every ring of a multi-part polygon, so culling, hit search and moves see the whole object.
  if (kind === 'polygon') return validPolygonBounds(geometry);
  return null;
}

export function boundsIntersect(a: Bounds, b: Bounds): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

export function unionBounds(list: Bounds[]): Bounds | null {
  if (!list.length) return null;
  const u = { ...list[0] };
  for (const b of list) {
    if (b.minX < u.minX) u.minX = b.minX;
    if (b.minY < u.minY) u.minY = b.minY;
    if (b.maxX > u.maxX) u.maxX = b.maxX;
    if (b.maxY > u.maxY) u.maxY = b.maxY;
  }
  return u;
}
