// Unitized alpha for segments and spans: the continuum is cut at every annotator's boundaries, each piece becomes a
// unit valued by the label(s) each annotator has there (a gap is a value of its own), weighted by its length. This is
// the length-weighted nominal alpha over atoms: it equals 1 when the versions are identical and drops for both
// boundary and label disagreements, which is what Krippendorff's uα measures for nominal data.
import { krippendorffAlpha, NONE } from './stats.ts';
import type { Interval } from './timeline.ts';

export function unitize(versions: readonly (readonly Interval[])[]): { units: string[][]; weights: number[] } {
  const cuts = [...new Set(versions.flat().flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const units: string[][] = [];
  const weights: number[] = [];
  // Each version sorted by start so one moving window per version finds what covers a piece.
  const sorted = versions.map((v) => [...v].sort((a, b) => a.start - b.start));
  const from = sorted.map(() => 0);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const t0 = cuts[k], t1 = cuts[k + 1];
    if (t1 <= t0) continue;
    const unit = sorted.map((v, r) => {
      while (from[r] < v.length && v[from[r]].end <= t0 && v[from[r]].start < t0) from[r]++;
      const labels: string[] = [];
      for (let i = from[r]; i < v.length && v[i].start <= t0; i++) if (v[i].end >= t1) labels.push(v[i].label);
      return labels.length ? [...new Set(labels)].sort().join('+') : NONE;
    });
    units.push(unit);
    weights.push(t1 - t0);
  }
  return { units, weights };
}

export function unitizedAlpha(versions: readonly (readonly Interval[])[]): number {
  const { units, weights } = unitize(versions);
  return krippendorffAlpha(units, weights);
}
