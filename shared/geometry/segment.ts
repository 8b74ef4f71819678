// Audio segments: a time range in seconds on one tier (a lane such as a speaker), stored as the geometry
// { start, end, tier } of an object of kind 'segment' with the words in attributes.transcript. The one place that
// reads, builds and checks them, for the waveform, the formats, speech detection and the write path.
import { show, type GeometryProblem } from './problem.ts';

/** A point event (a Praat point tier's point, an Audacity point label) is a segment with `point: true` and
 *  start === end; every other segment has start < end. */
export interface SegmentGeometry { start: number; end: number; tier: string; point?: true }

/** Label given to speech when the schema has no better idea (speech detection, transcript-only formats). */
export const DEFAULT_SEGMENT_LABEL = 'speech';

/** The schema's "speech" label if it has one, else its first label, else "speech". */
export function defaultSegmentLabel(labels: readonly { id: string }[] | undefined): string {
  return labels?.find((l) => l.id === DEFAULT_SEGMENT_LABEL)?.id ?? labels?.[0]?.id ?? DEFAULT_SEGMENT_LABEL;
}

/** Structurally a segment: finite times with start ≤ end and a tier id (read leniently; see segmentProblem). */
export function isSegment(g: unknown): g is SegmentGeometry {
  const s = g as SegmentGeometry | null;
  return !!s && typeof s === 'object' && Number.isFinite(s.start) && Number.isFinite(s.end) && s.start <= s.end && (s.tier === undefined || typeof s.tier === 'string');
}

/** Times are stored rounded to the microsecond so numbers in the file stay short and stable. */
export function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

/** A segment from two times in any order, rounded as stored; `point` keeps a point event one when both times
 *  are the same (a point stretched into a range becomes an ordinary segment). */
export function segmentGeometry(a: number, b: number, tier: string, point?: boolean): SegmentGeometry {
  const start = roundTime(Math.min(a, b)), end = roundTime(Math.max(a, b));
  return point && start === end ? { start, end, tier, point: true } : { start, end, tier };
}

/** The fields of an object the segment reader needs (an AnnotationObject or ObjectInput has them all). */
interface ObjectFields {
  id: string; kind: string; label: string; geometry: unknown; attributes: Record<string, unknown>;
  origin: 'human' | 'model'; locked: boolean; hidden: boolean;
}

/** A segment object in flat form, as the waveform, the segment list and the formats read it. */
export interface SegmentView {
  id: string; start: number; end: number; tier: string; label: string;
  origin: 'human' | 'model'; locked: boolean; hidden: boolean; transcript: string;
  /** A point event (start === end). */
  point?: boolean;
}

/** The segment view of an object, or null when it is not a well-formed segment (it is then left untouched). */
export function readSegment(o: ObjectFields): SegmentView | null {
  if (o.kind !== 'segment' || !isSegment(o.geometry)) return null;
  const g = o.geometry;
  const t = o.attributes?.transcript;
  return {
    id: o.id, start: g.start, end: g.end, tier: typeof g.tier === 'string' ? g.tier : '', label: o.label,
    origin: o.origin, locked: o.locked, hidden: o.hidden, transcript: typeof t === 'string' ? t : '',
    ...(g.point === true ? { point: true } : {}),
  };
}

export interface NewSegment {
  id: string; z: number; start: number; end: number; tier: string; label: string;
  origin?: 'human' | 'model'; transcript?: string; attributes?: Record<string, unknown>; point?: boolean;
}

/** A new segment object (times ordered and rounded); the caller picks the id and z order (see nextZ). */
export function segmentObject(s: NewSegment) {
  const attributes = s.transcript === undefined ? { ...s.attributes } : { ...s.attributes, transcript: s.transcript };
  return {
    id: s.id, kind: 'segment' as const, label: s.label, geometry: segmentGeometry(s.start, s.end, s.tier, s.point), attributes,
    origin: s.origin ?? 'human', z: s.z, hidden: false, locked: false,
  };
}

/** Why a segment cannot be stored (naming the field), or null. With a duration, the end must lie within it. */
export function segmentProblem(g: unknown, durationSeconds?: number | null): GeometryProblem | null {
  if (!g || typeof g !== 'object' || Array.isArray(g)) return { field: 'geometry', message: 'a segment needs a geometry { start, end, tier } in seconds' };
  const s = g as Record<string, unknown>;
  for (const f of ['start', 'end'] as const)
    if (typeof s[f] !== 'number' || !Number.isFinite(s[f])) return { field: `geometry.${f}`, message: `geometry.${f} must be a finite number of seconds (got ${show(s[f])})` };
  const start = s.start as number, end = s.end as number;
  if (start < 0) return { field: 'geometry.start', message: `geometry.start must be 0 s or later (got ${start})` };
  if (s.point !== undefined && s.point !== true) return { field: 'geometry.point', message: `geometry.point is true for a point event, or absent (got ${show(s.point)})` };
  if (s.point === true) {
    if (end !== start) return { field: 'geometry.end', message: `a point event has geometry.end equal to geometry.start (got ${start} and ${end})` };
  } else if (!(start < end)) return { field: 'geometry.end', message: `geometry.end (${end}) must be after geometry.start (${start})` };
  if (typeof s.tier !== 'string') return { field: 'geometry.tier', message: `geometry.tier must be a tier id (got ${show(s.tier)})` };
  if (durationSeconds != null && end > durationSeconds + 1e-6)
    return { field: 'geometry.end', message: `geometry.end (${end} s) is past the end of the recording (${durationSeconds} s)` };
  return null;
}
