// Exclusive tiers: on a tier marked `exclusive` (one speaker's turns, a phone tier) segments may not overlap, so a
// segment being moved, nudged or resized stops at its neighbours instead of sliding over them. The limits are the
// free gap around the segment where it is now: the latest end at or before its start and the earliest start at or
// after its end, among the tier's other segments (segments that already overlap it, from an import, are ignored).
import type { TierDef } from '../../../shared/domain.ts';
import { forEachVisible, lowerBound, type SegmentIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';

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

/** Whether [start, end] overlaps (more than touches) a segment of the tier other than `exceptId`. */
export function overlapsOn(index: SegmentIndex, tier: string, start: number, end: number, exceptId: string): boolean {
  let hit = false;
  forEachVisible(index, tier, start, end, (s) => { if (s.id !== exceptId && s.end > start + 1e-9 && s.start < end - 1e-9) hit = true; });
  return hit;
}

/** Why [start, end] may not go onto `tier` (an exclusive tier where it would overlap another segment), or null. The
 *  one check for every new placement: a segment made with [ and ], drawn in a lane, or moved to another tier. */
export function overlapRefusal(index: SegmentIndex, tiers: readonly TierDef[], tier: string, start: number, end: number, exceptId = ''): string | null {
  if (!isExclusive(tiers, tier) || !overlapsOn(index, tier, start, end, exceptId)) return null;
  return `Segments on ${tiers.find((t) => t.id === tier)?.name ?? tier} may not overlap, and this one would overlap another there.`;
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
