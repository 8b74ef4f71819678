// One-to-one matching of two annotators' objects. Candidate pairs come from an R-tree over bounds (so a large image
// never builds an n×m matrix); each connected component of the candidate graph is solved with an optimal assignment.
// Two stages, as CVAT does: same-label pairs first, so a wrong-label overlap cannot outbid a correct one; then the
// leftovers across labels ("label differs").
import RBush from 'rbush';
import type { Bounds } from '../geometry/box.ts';
import { maxWeightAssignment } from './assignment.ts';

export interface MatchItem { label: string; bounds: Bounds }

export interface MatchThresholds {
  /** A pair at or above this overlap agrees on position (CVAT's default 0.5). */
  iou: number;
  /** Pairs below this overlap are not paired at all; between this and `iou` they are "low overlap". */
  minOverlap: number;
}
export const DEFAULT_THRESHOLDS: MatchThresholds = { iou: 0.5, minOverlap: 0.1 };

export type PairStatus = 'agreed' | 'labelMismatch' | 'lowOverlap';
export interface MatchedPair { a: number; b: number; overlap: number; status: PairStatus }
export interface MatchResult {
  pairs: MatchedPair[];
  /** Indexes of `a` with no counterpart in `b` ("missing" from b's point of view). */
  unmatchedA: number[];
  /** Indexes of `b` with no counterpart in `a` ("extra"). */
  unmatchedB: number[];
}

interface Node extends Bounds { i: number }
interface Edge { a: number; b: number; w: number }

function intersects(p: Bounds, q: Bounds): boolean {
  return p.minX <= q.maxX && q.minX <= p.maxX && p.minY <= q.maxY && q.minY <= p.maxY;
}

function candidateEdges<T extends MatchItem>(a: readonly T[], b: readonly T[], overlap: (x: T, y: T) => number, min: number): Edge[] {
  const edges: Edge[] = [];
  const add = (ia: number, ib: number) => {
    const w = overlap(a[ia], b[ib]);
    if (w >= min && w > 0) edges.push({ a: ia, b: ib, w });
  };
  // Building a tree costs more than it saves for a handful of objects (the usual item).
  if (a.length * b.length <= 256) {
    for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (intersects(a[i].bounds, b[j].bounds)) add(i, j);
    return edges;
  }
  const tree = new RBush<Node>();
  tree.load(b.map((o, i) => ({ ...o.bounds, i })));
  a.forEach((x, ia) => { for (const hit of tree.search(x.bounds)) add(ia, hit.i); });
  return edges;
}

/** Optimal assignment per connected component of `edges` (union–find over a-nodes then b-nodes). */
function solveComponents(edges: readonly Edge[], nA: number, nB: number): Edge[] {
  const parent = new Int32Array(nA + nB).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  };
  for (const e of edges) {
    const rx = find(e.a), ry = find(nA + e.b);
    if (rx !== ry) parent[rx] = ry;
  }
  const groups = new Map<number, Edge[]>();
  for (const e of edges) {
    const r = find(e.a);
    const g = groups.get(r);
    if (g) g.push(e); else groups.set(r, [e]);
  }
  const chosen: Edge[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) { chosen.push(g[0]); continue; }
    const rows = [...new Set(g.map((e) => e.a))];
    const cols = [...new Set(g.map((e) => e.b))];
    const ri = new Map(rows.map((r, k) => [r, k]));
    const ci = new Map(cols.map((c, k) => [c, k]));
    const w = rows.map(() => new Array<number>(cols.length).fill(0));
    for (const e of g) w[ri.get(e.a)!][ci.get(e.b)!] = e.w;
    for (const [r, c] of maxWeightAssignment(w)) chosen.push({ a: rows[r], b: cols[c], w: w[r][c] });
  }
  return chosen;
}

export function matchItems<T extends MatchItem>(
  a: readonly T[], b: readonly T[], overlap: (x: T, y: T) => number, thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): MatchResult {
  const all = candidateEdges(a, b, overlap, thresholds.minOverlap);
  const same = solveComponents(all.filter((e) => a[e.a].label === b[e.b].label), a.length, b.length);
  const usedA = new Set(same.map((e) => e.a));
  const usedB = new Set(same.map((e) => e.b));
  const cross = solveComponents(all.filter((e) => !usedA.has(e.a) && !usedB.has(e.b) && a[e.a].label !== b[e.b].label), a.length, b.length);
  for (const e of cross) { usedA.add(e.a); usedB.add(e.b); }
  const pairs: MatchedPair[] = [...same, ...cross].map((e) => ({
    a: e.a, b: e.b, overlap: e.w,
    status: e.w < thresholds.iou ? 'lowOverlap' : a[e.a].label === b[e.b].label ? 'agreed' : 'labelMismatch',
  }));
  pairs.sort((x, y) => x.a - y.a);
  return {
    pairs,
    unmatchedA: a.map((_, i) => i).filter((i) => !usedA.has(i)),
    unmatchedB: b.map((_, i) => i).filter((i) => !usedB.has(i)),
  };
}

export interface PairSummary { matched: number; labelMismatch: number; lowOverlap: number; missing: number; extra: number; meanIoU: number }

/** Counts for one annotator pair; meanIoU is over every paired object (any status), 0 when nothing paired. */
export function summarize(r: MatchResult): PairSummary {
  const count = (s: PairStatus) => r.pairs.filter((p) => p.status === s).length;
  const sum = r.pairs.reduce((s, p) => s + p.overlap, 0);
  return {
    matched: count('agreed'), labelMismatch: count('labelMismatch'), lowOverlap: count('lowOverlap'),
    missing: r.unmatchedA.length, extra: r.unmatchedB.length, meanIoU: r.pairs.length ? sum / r.pairs.length : 0,
  };
}

/** Adds summaries (meanIoU weighted by the pairs each side had). */
export function addSummaries(list: readonly PairSummary[]): PairSummary {
  const out: PairSummary = { matched: 0, labelMismatch: 0, lowOverlap: 0, missing: 0, extra: 0, meanIoU: 0 };
  let paired = 0, iou = 0;
  for (const s of list) {
    out.matched += s.matched; out.labelMismatch += s.labelMismatch; out.lowOverlap += s.lowOverlap;
    out.missing += s.missing; out.extra += s.extra;
    const n = s.matched + s.labelMismatch + s.lowOverlap;
    paired += n; iou += s.meanIoU * n;
  }
  out.meanIoU = paired ? iou / paired : 0;
  return out;
}
