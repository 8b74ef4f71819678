// A model's view of a person's work, on top of the agreement matcher (shared/agreement: optimal one-to-one
// matching, same labels first): precision and recall for the benchmark, and the validators' "model opinion" — a
// submission that leaves out what the model is sure of, or labels it differently, is flagged with the reasons.
import type { ObjectKind } from '../domain.ts';
import { compareVersions, DEFAULT_POLICY, matchablesOf, type MatchResult } from '../agreement/index.ts';

export interface ModelItem {
  kind: ObjectKind;
  label: string;
  /** The kind's geometry: box {x, y, w, h} or polygon in image pixels, span {start, end} in UTF-16 offsets, … */
  geometry: unknown;
  /** The model's confidence (0–1); absent for a person's objects. */
  score?: number;
}

/** Matches a against b; indexes in the result are positions in a and b (malformed items never match). */
function match(a: readonly ModelItem[], b: readonly ModelItem[], iou: number): MatchResult {
  const ma = matchablesOf(a.map((x, i) => ({ ...x, id: String(i) })));
  const mb = matchablesOf(b.map((x, i) => ({ ...x, id: String(i) })));
  const r = compareVersions(ma, mb, { ...DEFAULT_POLICY, iou, minOverlap: Math.min(DEFAULT_POLICY.minOverlap, iou) });
  const ia = (k: number) => Number(ma[k].id);
  const ib = (k: number) => Number(mb[k].id);
  const pairs = r.pairs.map((p) => ({ ...p, a: ia(p.a), b: ib(p.b) }));
  const usedA = new Set(pairs.map((p) => p.a));
  const usedB = new Set(pairs.map((p) => p.b));
  return { pairs, unmatchedA: a.map((_, i) => i).filter((i) => !usedA.has(i)), unmatchedB: b.map((_, j) => j).filter((j) => !usedB.has(j)) };
}

/** Precision and recall of predictions against the truth: a hit is a same-label pair overlapping ≥ iou. */
export function precisionRecall(predicted: readonly ModelItem[], truth: readonly ModelItem[], iou = 0.5) {
  const tp = match(predicted, truth, iou).pairs.filter((p) => p.status === 'agreed').length;
  return { tp, fp: predicted.length - tp, fn: truth.length - tp, precision: predicted.length ? tp / predicted.length : 1, recall: truth.length ? tp / truth.length : 1 };
}

export interface ModelOpinion {
  flagged: boolean;
  /** One sentence per problem, for the reviewer. */
  reasons: string[];
  /** The model's sure items that no submitted object covers (none at all, or overlapping too little). */
  missed: ModelItem[];
  /** Submitted objects in the same place as a sure model item but with another label. */
  relabeled: { submitted: ModelItem; model: ModelItem }[];
}

/** How sure the model must be of an object or span for its absence from a version to count (CenterNet's clear
 *  objects score 0.45–0.6 and up; wink's formats 0.9). */
export const SURE_SCORE = 0.5;

export interface OpinionOptions {
  /** Only model items at least this sure count (default 0.5: CenterNet's clear objects, wink's formats). */
  minScore?: number;
  /** Overlap that makes two items the same object (default 0.5). */
  iou?: number;
  /** How many misses, and how many label disagreements, are tolerated before flagging (default 0 each). */
  maxMissed?: number;
  maxRelabeled?: number;
  /** Label id → name for the reasons. */
  labelName?: (id: string) => string;
}

function where(it: ModelItem): string {
  const g = it.geometry as { x: number; y: number; w: number; h: number; start: number; end: number };
  if (it.kind === 'box') return `at ${Math.round(g.x)},${Math.round(g.y)} ${Math.round(g.w)}×${Math.round(g.h)}`;
  return it.kind === 'span' ? `at characters ${g.start}–${g.end}` : it.kind === 'segment' ? `at ${g.start}–${g.end} s` : '';
}

const noun = (k: ObjectKind, n: number) => `${n} ${k === 'span' ? 'span' : k === 'segment' ? 'segment' : 'object'}${n === 1 ? '' : 's'}`;

/** The model's opinion of a submission (pure; the node, the workstation's review and `tagger verify` agree). */
export function modelOpinion(submitted: readonly ModelItem[], model: readonly ModelItem[], opts: OpinionOptions = {}): ModelOpinion {
  const { minScore = SURE_SCORE, iou = 0.5, maxMissed = 0, maxRelabeled = 0 } = opts;
  const name = opts.labelName ?? ((id: string) => id);
  const sure = model.filter((m) => (m.score ?? 1) >= minScore);
  const r = match(sure, submitted, iou);
  const missed = [...r.unmatchedA, ...r.pairs.filter((p) => p.status === 'lowOverlap').map((p) => p.a)].sort((x, y) => x - y).map((i) => sure[i]);
  const relabeled = r.pairs.filter((p) => p.status === 'labelMismatch').map((p) => ({ submitted: submitted[p.b], model: sure[p.a] }));
  const reasons: string[] = [];
  if (missed.length > maxMissed) {
    const list = missed.slice(0, 3).map((x) => `${name(x.label)} ${where(x)} (${Math.round((x.score ?? 1) * 100)}%)`).join('; ');
    reasons.push(`Leaves out ${noun(missed[0].kind, missed.length)} the model is sure of: ${list}${missed.length > 3 ? '; …' : ''}.`);
  }
  if (relabeled.length > maxRelabeled) {
    const list = relabeled.slice(0, 3).map((x) => `${name(x.submitted.label)} where the model sees ${name(x.model.label)} ${where(x.model)}`).join('; ');
    reasons.push(`Labels ${noun(relabeled[0].model.kind, relabeled.length)} differently from the model: ${list}${relabeled.length > 3 ? '; …' : ''}.`);
  }
  return { flagged: reasons.length > 0, reasons, missed, relabeled };
}
