// Comparing a person's objects with a model's: one-to-one matching by overlap (box IoU, or span overlap over
// union), precision and recall for the benchmark, and the validators' "model opinion" — a submission that leaves
// out what the model is sure of, or labels things differently from it, is flagged with the reasons.
import { boxIoU, isBox, type Box } from '../geometry/box.ts';
import { isSpan } from '../geometry/span.ts';

export interface ModelItem {
  kind: 'box' | 'span';
  label: string;
  /** box: {x, y, w, h} in image pixels; span: {start, end} in UTF-16 offsets. */
  geometry: unknown;
  /** The model's confidence (0–1); absent for a person's objects. */
  score?: number;
}

/** How much two items are the same object: 0 (kinds differ or no overlap) … 1 (identical). */
export function itemOverlap(a: ModelItem, b: ModelItem): number {
  if (a.kind !== b.kind) return 0;
  if (a.kind === 'box') return isBox(a.geometry) && isBox(b.geometry) ? boxIoU(a.geometry as Box, b.geometry as Box) : 0;
  if (!isSpan(a.geometry) || !isSpan(b.geometry)) return 0;
  const inter = Math.min(a.geometry.end, b.geometry.end) - Math.max(a.geometry.start, b.geometry.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.geometry.end, b.geometry.end) - Math.min(a.geometry.start, b.geometry.start));
}

export interface Matching {
  /** [index in a, index in b, overlap], best overlaps first. */
  pairs: [number, number, number][];
  onlyA: number[];
  onlyB: number[];
}

/** Greedy one-to-one matching: the most overlapping pair first, each item in at most one pair, overlap ≥ min.
 *  With sameLabel, only items with equal labels pair up. Quadratic; fine for one task's objects. */
export function matchItems(a: readonly ModelItem[], b: readonly ModelItem[], min = 0.5, sameLabel = false): Matching {
  const cands: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (sameLabel && a[i].label !== b[j].label) continue;
      const o = itemOverlap(a[i], b[j]);
      if (o >= min) cands.push([i, j, o]);
    }
  }
  cands.sort((x, y) => y[2] - x[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number, number][] = [];
  for (const c of cands) {
    if (usedA.has(c[0]) || usedB.has(c[1])) continue;
    usedA.add(c[0]);
    usedB.add(c[1]);
    pairs.push(c);
  }
  return { pairs, onlyA: a.map((_, i) => i).filter((i) => !usedA.has(i)), onlyB: b.map((_, j) => j).filter((j) => !usedB.has(j)) };
}

/** Precision and recall of predictions against the truth: a hit is a same-label pair overlapping ≥ min. */
export function precisionRecall(predicted: readonly ModelItem[], truth: readonly ModelItem[], min = 0.5) {
  const m = matchItems(predicted, truth, min, true);
  const tp = m.pairs.length;
  return { tp, fp: predicted.length - tp, fn: truth.length - tp, precision: predicted.length ? tp / predicted.length : 1, recall: truth.length ? tp / truth.length : 1 };
}

export interface ModelOpinion {
  flagged: boolean;
  /** One sentence per problem, for the reviewer. */
  reasons: string[];
  /** The model's sure items that no submitted object matches. */
  missed: ModelItem[];
  /** Submitted objects in the same place as a sure model item but with another label. */
  relabeled: { submitted: ModelItem; model: ModelItem }[];
}

export interface OpinionOptions {
  /** Only model items at least this sure count (default 0.5: CenterNet's clear objects, wink's formats). */
  minScore?: number;
  /** Overlap that makes two items the same object (default 0.5). */
  minOverlap?: number;
  /** How many misses, and how many label disagreements, are tolerated before flagging (default 0 each). */
  maxMissed?: number;
  maxRelabeled?: number;
  /** Label id → name for the reasons. */
  labelName?: (id: string) => string;
}

function where(it: ModelItem): string {
  const g = it.geometry as Box & { start: number; end: number };
  return it.kind === 'box' ? `at ${Math.round(g.x)},${Math.round(g.y)} ${Math.round(g.w)}×${Math.round(g.h)}` : `at characters ${g.start}–${g.end}`;
}

/** The model's opinion of a submission (pure; the node, the workstation's review and `tagger verify` agree). */
export function modelOpinion(submitted: readonly ModelItem[], model: readonly ModelItem[], opts: OpinionOptions = {}): ModelOpinion {
  const { minScore = 0.5, minOverlap = 0.5, maxMissed = 0, maxRelabeled = 0 } = opts;
  const name = opts.labelName ?? ((id: string) => id);
  const sure = model.filter((m) => (m.score ?? 1) >= minScore);
  const m = matchItems(sure, submitted, minOverlap);
  const missed = m.onlyA.map((i) => sure[i]);
  const relabeled = m.pairs.filter(([i, j]) => sure[i].label !== submitted[j].label).map(([i, j]) => ({ submitted: submitted[j], model: sure[i] }));
  const reasons: string[] = [];
  const what = (k: ModelItem['kind'], n: number) => `${n} ${k === 'box' ? (n === 1 ? 'object' : 'objects') : n === 1 ? 'span' : 'spans'}`;
  if (missed.length > maxMissed) {
    const list = missed.slice(0, 3).map((x) => `${name(x.label)} ${where(x)} (${Math.round((x.score ?? 1) * 100)}%)`).join('; ');
    reasons.push(`Leaves out ${what(missed[0].kind, missed.length)} the model is sure of: ${list}${missed.length > 3 ? '; …' : ''}.`);
  }
  if (relabeled.length > maxRelabeled) {
    const list = relabeled.slice(0, 3).map((r) => `${name(r.submitted.label)} where the model sees ${name(r.model.label)} ${where(r.model)}`).join('; ');
    reasons.push(`Labels ${what(relabeled[0].model.kind, relabeled.length)} differently from the model: ${list}${relabeled.length > 3 ? '; …' : ''}.`);
  }
  return { flagged: reasons.length > 0, reasons, missed, relabeled };
}
