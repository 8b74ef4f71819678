// Audio segments as the workspace sees them: the shared object convention (kind 'segment', geometry
// { start, end, tier } in seconds, transcript in attributes.transcript) read into a flat, validated form.
import type { AnnotationObject, ObjectInput } from '../../../shared/domain.ts';

export interface Segment {
  id: string;
  start: number;
  end: number;
  tier: string;
  label: string;
  origin: AnnotationObject['origin'];
  locked: boolean;
  hidden: boolean;
  transcript: string;
}

/** The segment view of an object, or null when it is not a well-formed segment (it is then left untouched). */
export function segmentOf(o: AnnotationObject): Segment | null {
  if (o.kind !== 'segment') return null;
  const g = o.geometry as { start?: unknown; end?: unknown; tier?: unknown } | null;
  if (!g || typeof g.start !== 'number' || typeof g.end !== 'number' || !(g.end >= g.start)) return null;
  const t = o.attributes?.transcript;
  return {
    id: o.id, start: g.start, end: g.end, tier: typeof g.tier === 'string' ? g.tier : '', label: o.label,
    origin: o.origin, locked: o.locked, hidden: o.hidden, transcript: typeof t === 'string' ? t : '',
  };
}

/** Times are stored rounded to the microsecond so numbers in the file stay short and stable. */
export function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

/** A new segment object; the caller picks the id and z order. */
export function newSegmentInput(id: string, z: number, start: number, end: number, tier: string, label: string): ObjectInput {
  return {
    id, kind: 'segment', label, geometry: { start: roundTime(start), end: roundTime(end), tier }, attributes: {},
    origin: 'human', z, hidden: false, locked: false,
  };
}

/** The object with new times (and/or tier). Any edit by a person makes a machine proposal theirs. */
export function withTimes(o: AnnotationObject, start: number, end: number, tier?: string): AnnotationObject {
  const g = o.geometry as { tier?: string };
  return { ...o, origin: 'human', geometry: { start: roundTime(start), end: roundTime(end), tier: tier ?? g.tier ?? '' } };
}

/** Checks numeric start/end typed by a user; returns an error message or null. */
export function validateTimes(start: number, end: number, duration: number): string | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'Start and end must be numbers of seconds.';
  if (start < 0) return 'Start must be 0 s or later.';
  if (end > duration + 1e-6) return `End must be at most the duration (${duration.toFixed(3)} s).`;
  if (!(start < end)) return 'Start must be before end.';
  return null;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** "1:02:03.456" or "2:03.456": always millisecond precision, which is what segment edges are edited at. */
export function formatTime(t: number): string {
  const s = Math.max(0, t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = (s % 60).toFixed(3).padStart(6, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
