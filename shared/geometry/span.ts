// Text spans: a range of UTF-16 code unit offsets [start, end) into the document text, stored as the geometry
// { start, end } of an object of kind 'span'. The one place that reads, builds and checks them.
import { show, type GeometryProblem } from './problem.ts';

export interface SpanGeometry { start: number; end: number }

/** Structurally a span: integer offsets with start ≤ end (read leniently; see spanProblem). */
export function isSpan(g: unknown): g is SpanGeometry {
  const o = g as SpanGeometry | null;
  return !!o && typeof o === 'object' && Number.isInteger(o.start) && Number.isInteger(o.end) && o.start <= o.end;
}

/** A span from two offsets in any order. */
export function spanGeometry(a: number, b: number): SpanGeometry {
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** The offsets of a span object, or null when it is not a well-formed span. */
export function readSpan(o: { kind: string; geometry: unknown }): SpanGeometry | null {
  return o.kind === 'span' && isSpan(o.geometry) ? o.geometry : null;
}

/** Why a span cannot be stored (naming the field), or null. With the text's length, the end must lie within it. */
export function spanProblem(g: unknown, textLength?: number | null): GeometryProblem | null {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return { field: 'geometry', message: 'a span needs a geometry { start, end } of text offsets' };
  const s = g as Record<string, unknown>;
  for (const f of ['start', 'end'] as const)
    if (!Number.isInteger(s[f])) return { field: `geometry.${f}`, message: `geometry.${f} must be a whole-number text offset (got ${show(s[f])})` };
  const start = s.start as number, end = s.end as number;
  if (start < 0) return { field: 'geometry.start', message: `geometry.start must be 0 or more (got ${start})` };
  if (!(start < end)) return { field: 'geometry.end', message: `geometry.end (${end}) must be after geometry.start (${start}); a span covers at least one character` };
  if (textLength != null && end > textLength) return { field: 'geometry.end', message: `geometry.end (${end}) is past the end of the text (${textLength} characters)` };
  return null;
}
