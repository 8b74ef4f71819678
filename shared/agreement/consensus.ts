// A proposed consensus per cluster: a reputation-weighted quorum decides whether the object exists and which label it
// carries; its geometry is merged (weighted mean box, the member polygon with the highest mean IoU to the others,
// median interval edges). Nothing here changes anyone's submission; the result is marked proposed.
import type { Box } from '../geometry/box.ts';
import { overlapOf, type Matchable, type Shape } from './objects.ts';
import type { Cluster } from './clusters.ts';

export interface ConsensusObject {
  /** Index of the cluster it comes from. */
  cluster: number;
  kind: Matchable['kind'];
  label: string;
  shape: Shape;
  /** Share of the total weight that voted for this label (0–1). */
  support: number;
  /** The member object ids it merges, by annotator index (null = absent). */
  sources: (string | null)[];
  proposed: true;
}

export interface ConsensusOptions {
  /** Weight per annotator (e.g. reputation); defaults to 1 each. */
  weights?: readonly number[];
  /** Least share of the total weight that must vote for one label (default 0.5). */
  quorum?: number;
}

function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((v, i) => [v, weights[i]] as const).sort((a, b) => a[0] - b[0]);
  const half = weights.reduce((s, w) => s + w, 0) / 2;
  let acc = 0;
  for (const [v, w] of order) { acc += w; if (acc >= half) return v; }
  return order[order.length - 1][0];
}

function mergeShapes(members: readonly Matchable[], weights: readonly number[]): Shape {
  const first = members[0].shape;
  if (members.every((m) => m.shape.type === 'box')) {
    const total = weights.reduce((s, w) => s + w, 0);
    const acc: Box = { x: 0, y: 0, w: 0, h: 0 };
    members.forEach((m, i) => {
      const b = (m.shape as { box: Box }).box;
      acc.x += b.x * weights[i]; acc.y += b.y * weights[i]; acc.w += b.w * weights[i]; acc.h += b.h * weights[i];
    });
    return { type: 'box', box: { x: acc.x / total, y: acc.y / total, w: acc.w / total, h: acc.h / total } };
  }
  if (members.every((m) => m.shape.type === 'interval')) {
    const starts = members.map((m) => (m.shape as { start: number }).start);
    const ends = members.map((m) => (m.shape as { end: number }).end);
    const start = weightedMedian(starts, weights), end = weightedMedian(ends, weights);
    return { type: 'interval', start: Math.min(start, end), end: Math.max(start, end) };
  }
  if (first.type === 'doc' || members.length === 1) return first;
  // Medoid: the member agreeing most (weighted mean IoU) with the others.
  let best = 0, bestScore = -1;
  members.forEach((m, i) => {
    let s = 0;
    members.forEach((o, j) => { if (i !== j) s += weights[j] * overlapOf(m, o); });
    if (s > bestScore) { bestScore = s; best = i; }
  });
  return members[best].shape;
}

export function buildConsensus(versions: readonly (readonly Matchable[])[], clusters: readonly Cluster[], opts: ConsensusOptions = {}): ConsensusObject[] {
  const weights = versions.map((_, v) => opts.weights?.[v] ?? 1);
  const total = weights.reduce((s, w) => s + w, 0);
  const quorum = opts.quorum ?? 0.5;
  const out: ConsensusObject[] = [];
  clusters.forEach((c, ci) => {
    const votes = new Map<string, number>();
    c.members.forEach((m, v) => { if (m !== null) votes.set(versions[v][m].label, (votes.get(versions[v][m].label) ?? 0) + weights[v]); });
    let label = '', top = 0;
    for (const [l, w] of [...votes].sort((a, b) => a[0].localeCompare(b[0]))) if (w > top) { top = w; label = l; }
    if (!total || top / total < quorum - 1e-9) return;
    const idx = c.members.map((m, v) => (m !== null && versions[v][m].label === label ? v : -1)).filter((v) => v >= 0);
    const members = idx.map((v) => versions[v][c.members[v]!]);
    out.push({
      cluster: ci, kind: members[0].kind, label, shape: mergeShapes(members, idx.map((v) => weights[v])), support: top / total,
      sources: c.members.map((m, v) => (m === null ? null : versions[v][m].id)), proposed: true,
    });
  });
  return out;
}
