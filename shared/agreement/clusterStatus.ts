// What a validator sees per matched cluster of a review item: everyone agrees, labels differ, the shapes overlap
// too little, some annotators have no such object ("missing"), or only one annotator marked it ("extra"). Works on
// object ids (as the review contract carries them), so the workstation colors what the core matched.
import type { PairStatus } from './match.ts';

export type ClusterStatus = 'agreed' | 'labelMismatch' | 'lowOverlap' | 'missing' | 'extra';

/** Most to least in need of a validator's eye (the order of the legend). */
export const CLUSTER_STATUSES: readonly ClusterStatus[] = ['extra', 'labelMismatch', 'missing', 'lowOverlap', 'agreed'];

export interface PairMatches { a: string; b: string; matches: readonly { a: string; b: string; status: PairStatus }[] }

/**
 * Status of each cluster. `clusters[c][v]` is version v's object id in cluster c (null when absent); `pairs` are the
 * core's pairwise matches between annotators (by name, in `annotators` order).
 */
export function clusterStatuses(annotators: readonly string[], clusters: readonly (readonly (string | null)[])[], pairs: readonly PairMatches[]): ClusterStatus[] {
  const pairOf = new Map<string, Map<string, PairStatus>>();
  for (const p of pairs) {
    const m = new Map<string, PairStatus>();
    for (const x of p.matches) m.set(`${x.a}\u0000${x.b}`, x.status);
    pairOf.set(`${p.a}\u0000${p.b}`, m);
  }
  const statusBetween = (i: number, j: number, a: string, b: string): PairStatus | null =>
    pairOf.get(`${annotators[i]}\u0000${annotators[j]}`)?.get(`${a}\u0000${b}`) ?? pairOf.get(`${annotators[j]}\u0000${annotators[i]}`)?.get(`${b}\u0000${a}`) ?? null;
  return clusters.map((members) => {
    const present = members.flatMap((id, v) => (id === null ? [] : [[v, id] as const]));
    if (present.length <= 1) return 'extra';
    let label = false, low = false;
    for (let x = 0; x < present.length; x++) {
      for (let y = x + 1; y < present.length; y++) {
        const s = statusBetween(present[x][0], present[y][0], present[x][1], present[y][1]);
        if (s === 'labelMismatch') label = true;
        else if (s !== 'agreed') low = true; // low overlap, or joined to the cluster through another member only
      }
    }
    if (label) return 'labelMismatch';
    if (present.length < members.length) return 'missing';
    return low ? 'lowOverlap' : 'agreed';
  });
}
