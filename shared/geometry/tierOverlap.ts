// Exclusive ("No overlap") tiers in the core's terms: which new segments would overlap another segment of a tier
// that forbids it. The core checks imports, bundles and model proposals with this (the workspace checks each
// placement against its index, renderer/features/audio/tierLimits.ts); the wording names the tier and both times.
import type { TierDef } from '../domain.ts';
import { partitionPoint } from '../collections/partitionPoint.ts';

export interface TimedSegment { id?: string; start: number; end: number; tier: string }

export interface TierOverlap<S extends TimedSegment = TimedSegment> { tier: TierDef; a: S; b: S }

const EPS = 1e-9;

/** Whether two time ranges overlap by more than touching (the workspace's rule). */
export function overlapping(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.end > b.start + EPS && a.start < b.end - EPS;
}

/** The first overlap on a tier marked exclusive between two of `segments` of which at least one `isNew` (an
 *  overlap between two segments that were already there is left alone: they are fixed by hand, not refused
 *  again on every import), or null. One sort per tier: O(n log n). */
export function exclusiveOverlap<S extends TimedSegment>(tiers: readonly TierDef[], segments: Iterable<S>, isNew: (s: S) => boolean = () => true): TierOverlap<S> | null {
  const exclusive = new Map(tiers.filter((t) => t.exclusive === true).map((t) => [t.id, t]));
  if (!exclusive.size) return null;
  const byTier = new Map<string, S[]>();
  for (const s of segments) {
    if (!exclusive.has(s.tier)) continue;
    let list = byTier.get(s.tier);
    if (!list) byTier.set(s.tier, (list = []));
    list.push(s);
  }
  for (const [tier, list] of byTier) {
    list.sort((x, y) => x.start - y.start || x.end - y.end);
    // Everything before s starts at or before it, so s overlaps one of them exactly when it overlaps the one that
    // ends last; the same among the new ones, for an old s.
    let last: S | null = null, lastNew: S | null = null;
    for (const s of list) {
      const fresh = isNew(s);
      const other = fresh ? last : lastNew;
      if (other && overlapping(other, s)) return { tier: exclusive.get(tier)!, a: other, b: s };
      if (!last || s.end > last.end) last = s;
      if (fresh && (!lastNew || s.end > lastNew.end)) lastNew = s;
    }
  }
  return null;
}

const seconds = (t: number) => `${Math.round(t * 1000) / 1000}`;

/** "Segments on Speaker A may not overlap (…), but 1.5–3 s overlaps 2–4 s" — the caller says where and what then. */
export function overlapText(o: TierOverlap): string {
  return `Segments on ${o.tier.name} may not overlap ("No overlap" is ticked for it in the project's labels and schema), but ${seconds(o.a.start)}–${seconds(o.a.end)} s overlaps ${seconds(o.b.start)}–${seconds(o.b.end)} s`;
}

/** The parts of each range that no `taken` range covers, each at least `minLength` long, in order: where a
 *  proposal may go on a tier that forbids overlap. O((n + m) log m). */
export function freeParts(ranges: readonly { start: number; end: number }[], taken: readonly { start: number; end: number }[], minLength: number): { start: number; end: number }[] {
  // The taken ranges merged into disjoint, sorted runs.
  const runs: { start: number; end: number }[] = [];
  for (const t of [...taken].sort((a, b) => a.start - b.start)) {
    const last = runs[runs.length - 1];
    if (last && t.start <= last.end) last.end = Math.max(last.end, t.end);
    else runs.push({ start: t.start, end: t.end });
  }
  const out: { start: number; end: number }[] = [];
  for (const r of ranges) {
    let at = r.start;
    // The first run that ends after the range starts, then every run inside it.
    for (let i = partitionPoint(runs.length, (k) => runs[k].end <= r.start); i < runs.length && runs[i].start < r.end; i++) {
      if (runs[i].start - at >= minLength) out.push({ start: at, end: runs[i].start });
      at = Math.max(at, runs[i].end);
    }
    if (r.end - at >= minLength) out.push({ start: at, end: r.end });
  }
  return out;
}
