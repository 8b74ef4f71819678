// Sorted index of segments per tier, so a frame looks up only the segments it can see: a binary search over
// starts plus a running maximum of ends finds the first segment that can reach into the view, and the walk
// stops at the first start past the view. Patched when the document changes (by the objects that changed), never
// rebuilt per frame.
import type { Segment } from './segmentModel.ts';
import { readSegment } from '../../../shared/geometry/segment.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import { partitionPoint } from '../../../shared/collections/partitionPoint.ts';
import { lowerBound as sortedPosition, patchSorted } from '../../../shared/collections/sortedPatch.ts';

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
  byId: { get(id: string): Segment | undefined; has(id: string): boolean };
  /** The document version this index shows, when it is the store's persistent map (the next edit diffs it). */
  source?: PersistentMap<SegmentSource>;
}

const byStart = (a: Segment, b: Segment) => a.start - b.start || a.end - b.end || (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : a.id < b.id ? -1 : 1);
const precedes = (a: Segment, b: Segment) => byStart(a, b) < 0;

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

/** Segments by id, read through the document itself (nothing to build or copy per edit). */
function lookupIn(objects: PersistentMap<SegmentSource>): SegmentIndex['byId'] {
  const get = (id: string) => {
    const o = objects.get(id);
    return (o && segmentOf(o)) || undefined;
  };
  return { get, has: (id) => !!get(id) };
}

/** Past this many changed objects (an import, undoing a model run) one sort of everything is as cheap. */
const PATCH_LIMIT = 512;

/**
 * The index after a document change. With the store's persistent map, only the objects that changed since the
 * previous index are visited (changedKeys): each is taken out of and put into the sorted lists by binary search,
 * and only the tiers they touch are re-summed, so an edit costs O(changes × log n) plus a copy of the touched
 * lists — under a millisecond at 50,000 segments, where walking and re-sorting everything took 0.1–0.4 s. Any
 * other map (tests) is walked, reusing the previous order.
 */
export function reindex(prev: SegmentIndex | null, objects: { get(id: string): SegmentSource | undefined; values(): Iterable<SegmentSource> }): SegmentIndex {
  if (objects instanceof PersistentMap) {
    if (prev?.source === objects) return prev;
    if (prev?.source) {
      const keys = objects.changedKeys(prev.source);
      if (keys.length <= PATCH_LIMIT) return patch(prev, prev.source, objects, keys);
    }
  }
  const list: Segment[] = [];
  if (prev) {
    for (const old of prev.all) {
      const o = objects.get(old.id);
      const s = o && segmentOf(o);
      if (s) list.push(s);
    }
  }
  // Objects new since the previous index (or that became segments) go at the end; the sort moves them into place.
  for (const o of objects.values()) {
    if (prev?.byId.has((o as { id: string }).id)) continue;
    const s = segmentOf(o);
    if (s) list.push(s);
  }
  // With the store's map, segments are looked up through it: no id map is built only to be replaced.
  if (objects instanceof PersistentMap) return { ...indexSorted(list.sort(byStart), lookupIn(objects)), source: objects };
  return indexSorted(list.sort(byStart));
}

function patch(prev: SegmentIndex, before: PersistentMap<SegmentSource>, objects: PersistentMap<SegmentSource>, keys: readonly string[]): SegmentIndex {
  const out: Segment[] = [];
  const into: Segment[] = [];
  for (const id of keys) {
    const a = before.get(id), b = objects.get(id);
    const sa = a && segmentOf(a), sb = b && segmentOf(b);
    if (sa === sb) continue;
    if (sa) out.push(sa);
    if (sb) into.push(sb);
  }
  const all = patchSorted(prev.all, out, into, precedes);
  const byTier = new Map(prev.byTier);
  for (const tier of new Set([...out, ...into].map((s) => s.tier))) {
    const list = patchSorted(prev.byTier.get(tier)?.segments ?? [], out.filter((s) => s.tier === tier), into.filter((s) => s.tier === tier), precedes);
    if (list.length) byTier.set(tier, tierIndex(list));
    else byTier.delete(tier);
  }
  return { byTier, all, byId: lookupIn(objects), source: objects };
}

function tierIndex(list: Segment[]): TierIndex {
  const starts = new Float64Array(list.length);
  const prefixMaxEnd = new Float64Array(list.length);
  let maxEnd = -Infinity;
  list.forEach((s, i) => {
    starts[i] = s.start;
    maxEnd = Math.max(maxEnd, s.end);
    prefixMaxEnd[i] = maxEnd;
  });
  return { segments: list, starts, prefixMaxEnd };
}

/** The index of segments sorted by start; `byId` when the caller has a lookup already (else a map is built). */
function indexSorted(all: Segment[], byId?: SegmentIndex['byId']): SegmentIndex {
  const groups = new Map<string, Segment[]>();
  const ids = byId ? null : new Map<string, Segment>();
  for (const s of all) {
    ids?.set(s.id, s);
    let g = groups.get(s.tier);
    if (!g) groups.set(s.tier, (g = []));
    g.push(s);
  }
  const byTier = new Map<string, TierIndex>();
  for (const [tier, list] of groups) byTier.set(tier, tierIndex(list));
  return { byTier, all, byId: byId ?? ids! };
}

/** First i with arr[i] > x (arr non-decreasing). */
function upperBound(arr: Float64Array, x: number): number {
  return partitionPoint(arr.length, (i) => arr[i] <= x);
}

/** First i with arr[i] >= x. */
export function lowerBound(arr: Float64Array, x: number): number {
  return partitionPoint(arr.length, (i) => arr[i] < x);
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
  for (let i = sortedPosition(index.all, s, precedes); i < index.all.length; i++) if (index.all[i].id === id) return i;
  return index.all.indexOf(s);
}
