// Annotation objects → matchable items: one overlap measure per kind (box/polygon IoU, 1-D IoU for segments and
// spans, identity for document labels). Spans are trimmed of whitespace at their edges first, so " Paris" and
// "Paris" agree; segments carry their tier in the label key, so the same words on another speaker's lane differ.
import type { ObjectKind } from '../domain.ts';
import { type Bounds, isBox, boxBounds, type Box } from '../geometry/box.ts';
import { isPolygon, multiPolygonBounds } from '../geometry/polygon.ts';
import { boxIoU, intervalIoU, multiPolygonIoU, polygonIoU } from './overlap.ts';
import type { MatchItem } from './match.ts';

/** The fields of an annotation object that agreement reads. */
export interface ObjectLike { id: string; kind: ObjectKind; label: string; geometry: unknown }

export type Shape =
  | { type: 'box'; box: Box }
  | { type: 'polygon'; points: number[]; /** further outlines of the same object (a multi-part COCO instance) */ rings?: number[][] }
  | { type: 'interval'; start: number; end: number }
  | { type: 'doc' };

export interface Matchable extends MatchItem { id: string; kind: ObjectKind; shape: Shape }

export type SpanMode = 'exact' | 'overlap';
export interface ToMatchableOptions { text?: string }

const WS = /\s/u;
/** The span without whitespace at its edges (an all-blank span keeps its start as an empty range). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, start), e = Math.min(text.length, end);
  while (s < e && WS.test(text[s])) s++;
  while (e > s && WS.test(text[e - 1])) e--;
  return { start: s, end: e };
}

function interval(start: number, end: number): Bounds { return { minX: start, minY: 0, maxX: end, maxY: 0 }; }

/** Null for kinds agreement does not compare (relations) or malformed geometry. */
export function toMatchable(o: ObjectLike, opts: ToMatchableOptions = {}): Matchable | null {
  const g = o.geometry as Record<string, unknown> | null;
  const base = { id: o.id, kind: o.kind, label: o.label };
  switch (o.kind) {
    case 'box':
      return isBox(g) ? { ...base, bounds: boxBounds(g), shape: { type: 'box', box: g } } : null;
    case 'polygon':
      // Every outline counts: bounds and overlap are those of the union of the object's rings.
      return isPolygon(g) ? { ...base, bounds: multiPolygonBounds(g), shape: { type: 'polygon', points: g.points, ...(g.rings?.length ? { rings: g.rings } : {}) } } : null;
    case 'segment': {
      if (!g || typeof g.start !== 'number' || typeof g.end !== 'number') return null;
      const label = typeof g.tier === 'string' && g.tier ? `${g.tier}:${o.label}` : o.label;
      return { ...base, label, bounds: interval(g.start, g.end), shape: { type: 'interval', start: g.start, end: g.end } };
    }
    case 'span': {
      if (!g || typeof g.start !== 'number' || typeof g.end !== 'number') return null;
      const t = opts.text === undefined ? { start: g.start, end: g.end } : trimSpan(opts.text, g.start, g.end);
      return { ...base, bounds: interval(t.start, t.end), shape: { type: 'interval', start: t.start, end: t.end } };
    }
    case 'doclabel':
      return { ...base, bounds: interval(0, 0), shape: { type: 'doc' } };
    default:
      return null;
  }
}

/** The outlines of a shape: a polygon's rings (the first is its points), a box as one. */
function asRings(s: Shape): number[][] | null {
  if (s.type === 'polygon') return s.rings?.length ? [s.points, ...s.rings] : [s.points];
  if (s.type === 'box') { const { x, y, w, h } = s.box; return [[x, y, x + w, y, x + w, y + h, x, y + h]]; }
  return null;
}

/** Overlap in [0, 1] between two matchables; kinds that cannot be compared give 0. */
export function overlapOf(x: Matchable, y: Matchable, spanMode: SpanMode = 'overlap'): number {
  const a = x.shape, b = y.shape;
  if (a.type === 'box' && b.type === 'box') return boxIoU(a.box, b.box);
  if (a.type === 'doc' || b.type === 'doc') return a.type === b.type ? 1 : 0;
  if (a.type === 'interval' || b.type === 'interval') {
    if (a.type !== 'interval' || b.type !== 'interval' || x.kind !== y.kind) return 0;
    if (x.kind === 'span' && spanMode === 'exact') return a.start === b.start && a.end === b.end ? 1 : 0;
    return intervalIoU(a.start, a.end, b.start, b.end);
  }
  const ra = asRings(a), rb = asRings(b);
  if (!ra || !rb) return 0;
  return ra.length === 1 && rb.length === 1 ? polygonIoU(ra[0], rb[0]) : multiPolygonIoU(ra, rb);
}
