// Agreement on a time line (audio segments) between a reference and a hypothesis: onset/offset deltas of matched
// pairs, boundary F1 within a tolerance, and the diarization error rates. DER is asymmetric (its denominator is
// the reference's speech), so callers report it both ways; JER (DIHARD III) is symmetric here because both sides
// share the project's label set, so no speaker mapping is needed.

export interface Interval { start: number; end: number; label: string }

/** Mean absolute onset and offset differences over matched pairs (seconds). */
export function boundaryDeltas(pairs: readonly [Interval, Interval][]): { onset: number; offset: number } {
  if (!pairs.length) return { onset: 0, offset: 0 };
  let on = 0, off = 0;
  for (const [a, b] of pairs) { on += Math.abs(a.start - b.start); off += Math.abs(a.end - b.end); }
  return { onset: on / pairs.length, offset: off / pairs.length };
}

/** F1 of boundary points (every onset and offset) matched one-to-one within `tolerance` seconds. */
export function boundaryF1(ref: readonly Interval[], hyp: readonly Interval[], tolerance: number): { precision: number; recall: number; f1: number } {
  const pts = (xs: readonly Interval[]) => xs.flatMap((s) => [s.start, s.end]).sort((x, y) => x - y);
  const r = pts(ref), h = pts(hyp);
  // Both lists sorted: a two-pointer sweep pairs each point with the nearest unpaired one within tolerance, which is
  // optimal on a line when the tolerance windows are equal.
  let i = 0, j = 0, hits = 0;
  while (i < r.length && j < h.length) {
    const d = h[j] - r[i];
    if (Math.abs(d) <= tolerance) { hits++; i++; j++; } else if (d < 0) j++; else i++;
  }
  const precision = h.length ? hits / h.length : ref.length ? 0 : 1;
  const recall = r.length ? hits / r.length : hyp.length ? 0 : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Elementary pieces between consecutive boundaries, each with the labels active in ref and hyp. */
function pieces(ref: readonly Interval[], hyp: readonly Interval[]): { dur: number; r: Set<string>; h: Set<string> }[] {
  const cuts = [...new Set([...ref, ...hyp].flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const out: { dur: number; r: Set<string>; h: Set<string> }[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const t0 = cuts[k], t1 = cuts[k + 1];
    const active = (xs: readonly Interval[]) => new Set(xs.filter((s) => s.start <= t0 && s.end >= t1).map((s) => s.label));
    out.push({ dur: t1 - t0, r: active(ref), h: active(hyp) });
  }
  return out;
}

/** Diarization error rate of `hyp` against `ref`: (missed + false alarm + confusion) / reference speech time. */
export function der(ref: readonly Interval[], hyp: readonly Interval[]): { der: number; missed: number; falseAlarm: number; confusion: number; total: number } {
  let missed = 0, falseAlarm = 0, confusion = 0, total = 0;
  for (const p of pieces(ref, hyp)) {
    const nr = p.r.size, nh = p.h.size;
    let common = 0;
    for (const l of p.r) if (p.h.has(l)) common++;
    total += p.dur * nr;
    missed += p.dur * Math.max(0, nr - nh);
    falseAlarm += p.dur * Math.max(0, nh - nr);
    confusion += p.dur * (Math.min(nr, nh) - common);
  }
  const err = missed + falseAlarm + confusion;
  return { der: total ? err / total : err ? Infinity : 0, missed, falseAlarm, confusion, total };
}

/** Jaccard error rate: mean over labels used by either side of 1 − |ref ∩ hyp| / |ref ∪ hyp| time. */
export function jer(ref: readonly Interval[], hyp: readonly Interval[]): number {
  const labels = new Set([...ref, ...hyp].map((s) => s.label));
  if (!labels.size) return 0;
  const inter = new Map<string, number>(), union = new Map<string, number>();
  for (const p of pieces(ref, hyp)) {
    for (const l of labels) {
      const inR = p.r.has(l), inH = p.h.has(l);
      if (inR && inH) inter.set(l, (inter.get(l) ?? 0) + p.dur);
      if (inR || inH) union.set(l, (union.get(l) ?? 0) + p.dur);
    }
  }
  let sum = 0;
  for (const l of labels) sum += 1 - (inter.get(l) ?? 0) / (union.get(l) || 1);
  return sum / labels.size;
}
