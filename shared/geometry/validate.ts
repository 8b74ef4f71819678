// One check for the geometry of every object kind, used by the contract, the store's write path and every import.
// Structure is always checked (finite numbers, ordered ranges, non-negative); the extent (image size, duration,
// text length) only when the caller knows it.
import type { ObjectKind } from '../domain.ts';
import { show, type GeometryProblem } from './problem.ts';
import { segmentProblem } from './segment.ts';
import { spanProblem } from './span.ts';

export type { GeometryProblem };

/** What the geometry must fit in; each part is optional and checked only for the kinds it applies to. */
export interface GeometryBounds {
  /** Image size in pixels (boxes, polygons). */
  width?: number | null;
  height?: number | null;
  /** Recording length in seconds (segments). */
  durationSeconds?: number | null;
  /** Text length in UTF-16 code units (spans). */
  textLength?: number | null;
}

/** Half a pixel of slack at the image's edge: editors clamp exactly, imports round. */
const EDGE = 0.5;

function numbers(g: Record<string, unknown>, fields: readonly string[], unit: string): GeometryProblem | null {
  for (const f of fields)
    if (typeof g[f] !== 'number' || !Number.isFinite(g[f])) return { field: `geometry.${f}`, message: `geometry.${f} must be a finite number of ${unit} (got ${show(g[f])})` };
  return null;
}

function boxProblem(g: Record<string, unknown>, b: GeometryBounds | undefined): GeometryProblem | null {
  const bad = numbers(g, ['x', 'y', 'w', 'h'], 'pixels');
  if (bad) return bad;
  const { x, y, w, h } = g as { x: number; y: number; w: number; h: number };
  if (w < 0) return { field: 'geometry.w', message: `geometry.w must be 0 or more (got ${w})` };
  if (h < 0) return { field: 'geometry.h', message: `geometry.h must be 0 or more (got ${h})` };
  return outside(x, y, x + w, y + h, b);
}

function polygonShapeProblem(g: Record<string, unknown>, b: GeometryBounds | undefined): GeometryProblem | null {
  const bad = ringProblem(g.points, 'geometry.points', b);
  if (bad || g.rings === undefined) return bad;
  if (!Array.isArray(g.rings)) return { field: 'geometry.rings', message: `geometry.rings must be a list of further rings [[x0, y0, ...], ...] (got ${show(g.rings)})` };
  for (let k = 0; k < g.rings.length; k++) {
    const r = ringProblem(g.rings[k], `geometry.rings[${k}]`, b);
    if (r) return r;
  }
  return null;
}

function ringProblem(pts: unknown, field: string, b: GeometryBounds | undefined): GeometryProblem | null {
  if (!Array.isArray(pts)) return { field, message: `${field} must be a list [x0, y0, x1, y1, ...] (got ${show(pts)})` };
  if (pts.length % 2) return { field, message: `${field} must hold x, y pairs (got ${pts.length} numbers)` };
  if (pts.length < 6) return { field, message: `a polygon needs at least 3 points (got ${pts.length / 2})` };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < pts.length; i++) {
    const v = pts[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return { field: `${field}[${i}]`, message: `${field}[${i}] must be a finite number of pixels (got ${show(v)})` };
    if (i % 2) { if (v < minY) minY = v; if (v > maxY) maxY = v; } else { if (v < minX) minX = v; if (v > maxX) maxX = v; }
  }
  return outside(minX, minY, maxX, maxY, b);
}

function outside(minX: number, minY: number, maxX: number, maxY: number, b: GeometryBounds | undefined): GeometryProblem | null {
  if (b?.width != null && (minX < -EDGE || maxX > b.width + EDGE))
    return { field: 'geometry', message: `the shape spans x ${minX}..${maxX}, outside the image (0..${b.width} pixels wide)` };
  if (b?.height != null && (minY < -EDGE || maxY > b.height + EDGE))
    return { field: 'geometry', message: `the shape spans y ${minY}..${maxY}, outside the image (0..${b.height} pixels high)` };
  return null;
}

function relationProblem(g: Record<string, unknown>): GeometryProblem | null {
  for (const f of ['from', 'to'] as const)
    if (typeof g[f] !== 'string' || !g[f]) return { field: `geometry.${f}`, message: `geometry.${f} must be the id of a span (got ${show(g[f])})` };
  return null;
}

/** Why `geometry` is not a valid geometry of `kind` (naming the field), or null when it is. */
export function validateGeometry(kind: ObjectKind, geometry: unknown, bounds?: GeometryBounds): GeometryProblem | null {
  if (kind === 'doclabel')
    return geometry == null ? null : { field: 'geometry', message: `a document label has no geometry (got ${show(geometry)}); send null` };
  if (kind === 'segment') return segmentProblem(geometry, bounds?.durationSeconds);
  if (kind === 'span') return spanProblem(geometry, bounds?.textLength);
  if (!geometry || typeof geometry !== 'object' || Array.isArray(geometry))
    return { field: 'geometry', message: `a ${kind} needs a geometry object (got ${show(geometry)})` };
  const g = geometry as Record<string, unknown>;
  if (kind === 'box') return boxProblem(g, bounds);
  if (kind === 'polygon') return polygonShapeProblem(g, bounds);
  if (kind === 'relation') return relationProblem(g);
  return { field: 'kind', message: `unknown object kind ${show(kind)}` };
}
