// Exclusive tiers: on a tier marked `exclusive` (one speaker's turns, a phone tier) segments may not overlap, so a
// segment being moved, nudged or resized stops at its neighbours instead of sliding over them. The limits are the
// free gap around the segment where it is now: the latest end at or before its start and the earliest start at or
// after its end, among the tier's other segments (segments that already overlap it, from an import, are ignored).
import type { TierDef } from '../../../shared/domain.ts';
import { overlapping } from '../../../shared/geometry/tierOverlap.ts';
import { forEachVisible, lowerBound, type SegmentIndex } from './segmentIndex.ts';
import { formatTime, type Segment } from './segmentModel.ts';

export interface Gap { lo: number; hi: number }

/** The free gap around `seg` on its tier: [0, duration] when the tier is not exclusive. */
export function gapAround(index: SegmentIndex, seg: Pick<Segment, 'id' | 'start' | 'end' | 'tier'>, duration: number, exclusive: boolean): Gap {
  const gap = { lo: 0, hi: duration };
  const ti = exclusive ? index.byTier.get(seg.tier) : undefined;
  if (!ti) return gap;
  const eps = 1e-9;
  // after: the first other segment starting at or after our end (sorted by start, so the earliest)
  for (let i = lowerBound(ti.starts, seg.end - eps); i < ti.segments.length; i++) {
    const s = ti.segments[i];
    if (s.id === seg.id) continue;
    gap.hi = Math.min(gap.hi, s.start);
    break;
  }
  // before: the latest end at or before our start; prefixMaxEnd ends the walk once everything left ends before it
  for (let i = lowerBound(ti.starts, seg.start + eps) - 1; i >= 0; i--) {
    if (ti.prefixMaxEnd[i] <= seg.start + eps) { gap.lo = Math.max(gap.lo, ti.prefixMaxEnd[i]); break; }
    const s = ti.segments[i];
    if (s.id !== seg.id && s.end <= seg.start + eps) gap.lo = Math.max(gap.lo, s.end);
  }
  return gap;
}

/** The first segment of the tier that [start, end] overlaps (more than touches), other than `except` and those
 *  `except` overlaps already where it is now; or null. */
export function overlappedOn(index: SegmentIndex, tier: string, start: number, end: number, except?: Pick<Segment, 'id' | 'start' | 'end' | 'tier'>): Segment | null {
  let hit: Segment | null = null;
  const range = { start, end };
  forEachVisible(index, tier, start, end, (s) => {
    if (hit || s.id === except?.id || !overlapping(s, range)) return;
    if (except && except.tier === tier && overlapping(s, except)) return;
    hit = s;
  });
  return hit;
}

/** Why [start, end] may not go onto `tier` (an exclusive tier where it would overlap another segment), or null.
 *  `moving`: the segment placed there, when it exists; an overlap it has already (from before the tier was marked,
 *  or an old import) does not count, so those can be undone a step at a time. The one check for every placement,
 *  made by segmentEdits' createSegment and setTimes. */
export function overlapRefusal(index: SegmentIndex, tiers: readonly TierDef[], tier: string, start: number, end: number, moving?: Pick<Segment, 'id' | 'start' | 'end' | 'tier'>): string | null {
  if (!isExclusive(tiers, tier)) return null;
  const hit = overlappedOn(index, tier, start, end, moving);
  if (!hit) return null;
  return `Segments on ${tiers.find((t) => t.id === tier)?.name ?? tier} may not overlap: ${formatTime(start)}–${formatTime(end)} would overlap ${formatTime(hit.start)}–${formatTime(hit.end)}.`;
}

/** Whether the tier with this id is exclusive. */
export function isExclusive(tiers: readonly TierDef[], tier: string): boolean {
  return tiers.some((t) => t.id === tier && t.exclusive === true);
}

/** The segment moved to start at `start`, keeping its length, inside the gap. */
export function shiftedWithin<T extends { start: number; end: number }>(seg: T, start: number, gap: Gap): T {
  const length = seg.end - seg.start;
  const s = Math.max(gap.lo, Math.min(Math.max(gap.lo, gap.hi - length), start));
  return { ...seg, start: s, end: s + length };
}

/** A time an edge is dragged to, kept inside the gap. */
export function edgeWithin(t: number, gap: Gap): number {
  return Math.max(gap.lo, Math.min(gap.hi, t));
}
