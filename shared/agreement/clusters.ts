// Groups N annotators' objects into clusters (at most one object per annotator each): the first version seeds the
// clusters, every next version is matched one-to-one against the clusters' first members with the same two-stage
// matcher; what stays unmatched opens a cluster of its own.
import { matchItems, type MatchThresholds } from './match.ts';
import { overlapOf, type Matchable, type SpanMode } from './objects.ts';

/** members[v] = index into version v's objects, or null when that annotator has no object in this cluster. */
export interface Cluster { members: (number | null)[] }

export function clusterVersions(versions: readonly (readonly Matchable[])[], thresholds: MatchThresholds, spanMode: SpanMode = 'overlap'): Cluster[] {
  const n = versions.length;
  const clusters: Cluster[] = [];
  const reps: Matchable[] = [];
  versions.forEach((objs, v) => {
    const r = matchItems(reps, objs, (x, y) => overlapOf(x, y, spanMode), thresholds);
    for (const p of r.pairs) clusters[p.a].members[v] = p.b;
    for (const b of r.unmatchedB) {
      const members = new Array<number | null>(n).fill(null);
      members[v] = b;
      clusters.push({ members });
      reps.push(objs[b]);
    }
  });
  return clusters;
}
