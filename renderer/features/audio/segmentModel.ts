// Audio segments as the workspace edits them: moving an object's times, checking times a user typed, and showing
// times. Reading and building segment objects lives in shared/geometry/segment.ts.
import type { AnnotationObject } from '../../../shared/domain.ts';
import { segmentGeometry, type SegmentView } from '../../../shared/geometry/segment.ts';
import { withGeometry } from '../../../shared/objects.ts';

/** A segment as the waveform and the list draw it (read with readSegment from shared/geometry/segment.ts). */
export type Segment = SegmentView;

/** The object with new times (and/or tier). Any edit by a person makes a machine proposal theirs. */
export function withTimes(o: AnnotationObject, start: number, end: number, tier?: string): AnnotationObject {
  const g = o.geometry as { tier?: string; point?: true };
  return withGeometry({ ...o, origin: 'human' }, segmentGeometry(start, end, tier ?? g.tier ?? '', g.point));
}

/** Checks numeric start/end typed by a user; returns an error message or null. */
export function validateTimes(start: number, end: number, duration: number): string | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'Start and end must be numbers of seconds.';
  if (start < 0) return 'Start must be 0 s or later.';
  if (end > duration + 1e-6) return `End must be at most the duration (${duration.toFixed(3)} s).`;
  if (!(start < end)) return 'Start must be before end.';
  return null;
}

/** "1:02:03.456" or "2:03.456": always millisecond precision, which is what segment edges are edited at. */
export function formatTime(t: number): string {
  const s = Math.max(0, t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = (s % 60).toFixed(3).padStart(6, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
