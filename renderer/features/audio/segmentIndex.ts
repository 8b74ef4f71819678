// Sorted index of segments per tier, so a frame looks up only the segments it can see: a binary search over
// starts plus a running maximum of ends finds the first segment that can reach into the view, and the walk
// stops at the first start past the view. Rebuilt only when the document changes, never per frame.
import type { Segment } from './segmentModel.ts';
import { readSegment } from '../../../shared/geometry/segment.ts';

export interface TierIndex {
  segments: Segment[];
  starts: Float64Array;
  /** prefixMaxEnd[i] = max(end of segments[0..i]); non-decreasing, so it can be binary searched. */
  prefixMaxEnd: Float64Array;
}

export interface SegmentIndex {
  byTier: Map<string, TierIndex>;
  /** Every segment sorted by start (then tier), for the list and for next/previous. */
  all: Segment[];
  byId: Map<string, Segment>;
}

const byStart = (a: Segment, b: Segment) => a.start - b.start || a.end - b.end || (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : a.id < b.id ? -1 : 1);

export function buildIndex(segments: Iterable<Segment>): SegmentIndex {
  return indexSorted([...segments].sort(byStart));
}

/** The fields of a stored object that segments are read from (an AnnotationObject has them). */
type SegmentSource = Parameters<typeof readSegment>[0];
/** Each object version's segment, read once: an edit changes a few objects, and the rest keep their identity. */
const readOnce = new WeakMap<SegmentSource, Segment | null>();
function segmentOf(o: SegmentSource): Segment | null {
  let s = readOnce.get(o);
  if (s === undefined) readOnce.set(o, (s = readSegment(o)));
  return s;
}

/**
 * The index after a document change, reusing the previous index: segments are re-read only for objects that
 * changed, and they are sorted starting from the previous order, which TimSort (Array.prototype.sort) finishes in
 * about one pass when an edit touched a few. With 50,000 segments this is what keeps an edit under a frame.
 */
export function reindex(prev: SegmentIndex | null, objects: { get(id: string): SegmentSource | undefined; values(): Iterable<SegmentSource> }): SegmentIndex {
  if (!prev) {
    const segs: Segment[] = [];
    for (const o of objects.values()) {
      const s = segmentOf(o);
      if (s) segs.push(s);
    }
    return buildIndex(segs);
  }
  const list: Segment[] = [];
  for (const old of prev.all) {
    const o = objects.get(old.id);
    const s = o && segmentOf(o);
    if (s) list.push(s);
  }
  // Objects new since the previous index (or that became segments) go at the end; the sort moves them into place.
  for (const o of objects.values()) {
    if (prev.byId.has((o as { id: string }).id)) continue;
    const s = segmentOf(o);
    if (s) list.push(s);
  }
  return indexSorted(list.sort(byStart));
}

function indexSorted(all: Segment[]): SegmentIndex {
  const groups = new Map<string, Segment[]>();
  const byId = new Map<string, Segment>();
  for (const s of all) {
    byId.set(s.id, s);
    let g = groups.get(s.tier);
    if (!g) groups.set(s.tier, (g = []));
    g.push(s);
  }
  const byTier = new Map<string, TierIndex>();
  for (const [tier, list] of groups) {
    const starts = new Float64Array(list.length);
    const prefixMaxEnd = new Float64Array(list.length);
    let maxEnd = -Infinity;
    list.forEach((s, i) => {
      starts[i] = s.start;
      maxEnd = Math.max(maxEnd, s.end);
      prefixMaxEnd[i] = maxEnd;
    });
    byTier.set(tier, { segments: list, starts, prefixMaxEnd });
  }
  return { byTier, all, byId };
}

/** First i with arr[i] > x (arr non-decreasing). */
function upperBound(arr: Float64Array, x: number): number {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** First i with arr[i] >= x. */
export function lowerBound(arr: Float64Array, x: number): number {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Calls fn for each segment of the tier that overlaps [t0, t1], in start order. Cost: log n + visible. */
export function forEachVisible(index: SegmentIndex, tier: string, t0: number, t1: number, fn: (s: Segment) => void): void {
  const ti = index.byTier.get(tier);
  if (!ti) return;
  // Every segment before `first` ends before t0 (the running maximum of their ends is below t0).
  const first = upperBound(ti.prefixMaxEnd, t0 - 1e-9);
  const n = ti.segments.length;
  for (let i = first; i < n; i++) {
    const s = ti.segments[i];
    if (s.start > t1) break;
    if (s.end >= t0) fn(s);
  }
}

/** The topmost segment of the tier under time t (the latest-starting one), or null. */
export function segmentAt(index: SegmentIndex, tier: string, t: number): Segment | null {
  let hit: Segment | null = null;
  forEachVisible(index, tier, t, t, (s) => { hit = s; });
  return hit;
}

/** Position of a segment in index.all (binary search by start, then scan for the id). */
export function positionOf(index: SegmentIndex, id: string): number {
  const s = index.byId.get(id);
  if (!s) return -1;
  let lo = 0, hi = index.all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byStart(index.all[mid], s) < 0) lo = mid + 1; else hi = mid;
  }
  for (let i = lo; i < index.all.length; i++) if (index.all[i].id === id) return i;
  return index.all.indexOf(s);
}
