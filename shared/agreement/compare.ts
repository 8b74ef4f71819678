// Item- and project-level agreement between annotators' versions: pairwise match summaries, clusters as units for
// nominal alpha, unitized alpha for segments and spans, the label confusion matrix and timeline measures.
import type { ObjectLike, SpanMode, Matchable } from './objects.ts';
import { toMatchable, overlapOf } from './objects.ts';
import { matchItems, summarize, addSummaries, type MatchResult, type MatchThresholds, type PairSummary } from './match.ts';
import { clusterVersions, type Cluster } from './clusters.ts';
import { krippendorffAlpha, NONE, confusionMatrix, type UnitValues } from './stats.ts';
import { unitize } from './unitized.ts';
import type { Interval } from './timeline.ts';

export interface AgreementPolicy extends MatchThresholds {
  spanMode: SpanMode;
  /** Seconds within which two segment boundaries count as the same (boundary F1). */
  boundaryTolerance: number;
}
export const DEFAULT_POLICY: AgreementPolicy = { iou: 0.5, minOverlap: 0.1, spanMode: 'overlap', boundaryTolerance: 0.2 };

export interface Version { annotator: string; objects: readonly ObjectLike[] }

export interface ItemInput { versions: readonly Version[]; text?: string }

export interface ItemAgreement {
  annotators: string[];
  matchables: Matchable[][];
  clusters: Cluster[];
  /** One row per cluster: each annotator's label or ∅. */
  units: string[][];
  /** Unitized pieces for segments and spans (labels per annotator, weight = length). */
  intervalUnits: { units: string[][]; weights: number[] };
  pairs: (PairSummary & { a: string; b: string; result: MatchResult })[];
}

export function matchablesOf(objects: readonly ObjectLike[], text?: string): Matchable[] {
  return objects.map((o) => toMatchable(o, { text })).filter((m): m is Matchable => m !== null);
}

export function compareVersions(a: readonly Matchable[], b: readonly Matchable[], policy: AgreementPolicy = DEFAULT_POLICY): MatchResult {
  return matchItems(a, b, (x, y) => overlapOf(x, y, policy.spanMode), policy);
}

function intervals(ms: readonly Matchable[]): Interval[] {
  return ms.flatMap((m) => (m.shape.type === 'interval' ? [{ start: m.shape.start, end: m.shape.end, label: `${m.kind}:${m.label}` }] : []));
}

export function itemAgreement(item: ItemInput, policy: AgreementPolicy = DEFAULT_POLICY): ItemAgreement {
  const annotators = item.versions.map((v) => v.annotator);
  const matchables = item.versions.map((v) => matchablesOf(v.objects, item.text));
  const clusters = clusterVersions(matchables, policy, policy.spanMode);
  const units = clusters.map((c) => c.members.map((m, v) => (m === null ? NONE : matchables[v][m].label)));
  const pairs: ItemAgreement['pairs'] = [];
  for (let i = 0; i < matchables.length; i++) {
    for (let j = i + 1; j < matchables.length; j++) {
      const result = compareVersions(matchables[i], matchables[j], policy);
      pairs.push({ a: annotators[i], b: annotators[j], result, ...summarize(result) });
    }
  }
  return { annotators, matchables, clusters, units, intervalUnits: unitize(matchables.map(intervals)), pairs };
}

export interface ProjectAgreement {
  /** Nominal alpha over every cluster of every item (an absent object is the value ∅). */
  alpha: number;
  /** Unitized alpha over segments and spans (NaN when the project has none). */
  unitizedAlpha: number;
  annotators: string[];
  pairs: (PairSummary & { a: string; b: string })[];
  confusion: { labels: string[]; counts: number[][] };
  items: number;
}

/** Aggregates items; annotators are aligned by name, so an item missing one annotator gives null values for them. */
export function projectAgreement(items: readonly ItemInput[], policy: AgreementPolicy = DEFAULT_POLICY): ProjectAgreement {
  const names = [...new Set(items.flatMap((it) => it.versions.map((v) => v.annotator)))].sort();
  const units: UnitValues[] = [];
  const iUnits: UnitValues[] = [];
  const iWeights: number[] = [];
  const byPair = new Map<string, PairSummary[]>();
  const labelPairs: [string | null, string | null][] = [];
  for (const it of items) {
    const r = itemAgreement(it, policy);
    const col = names.map((n) => r.annotators.indexOf(n));
    for (const u of r.units) units.push(col.map((c) => (c < 0 ? null : u[c])));
    r.intervalUnits.units.forEach((u, k) => { iUnits.push(col.map((c) => (c < 0 ? null : u[c]))); iWeights.push(r.intervalUnits.weights[k]); });
    for (const p of r.pairs) {
      const swap = p.a > p.b;
      const key = swap ? `${p.b}\u0000${p.a}` : `${p.a}\u0000${p.b}`;
      const s = swap ? { ...p, missing: p.extra, extra: p.missing } : p;
      const list = byPair.get(key);
      if (list) list.push(s); else byPair.set(key, [s]);
      const ia = r.annotators.indexOf(p.a), ib = r.annotators.indexOf(p.b);
      for (const m of p.result.pairs) labelPairs.push([r.matchables[ia][m.a].label, r.matchables[ib][m.b].label]);
      for (const x of p.result.unmatchedA) labelPairs.push([r.matchables[ia][x].label, null]);
      for (const x of p.result.unmatchedB) labelPairs.push([null, r.matchables[ib][x].label]);
    }
  }
  const pairs = [...byPair].map(([key, list]) => { const [a, b] = key.split('\u0000'); return { a, b, ...addSummaries(list) }; });
  return {
    alpha: krippendorffAlpha(units),
    unitizedAlpha: iUnits.length ? krippendorffAlpha(iUnits, iWeights) : NaN,
    annotators: names, pairs, confusion: confusionMatrix(labelPairs), items: items.length,
  };
}
