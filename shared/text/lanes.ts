// Overlapping and nested spans get separate lanes (stacked underlines) so each one stays visible and clickable.
// Greedy interval colouring in document order: the outer of two nested spans gets the lower lane.
import type { IndexedSpan } from './intervalIndex.ts';

/** Lane per span id; spans must be sorted by (start, longer first). Returns the number of lanes used too. */
export function assignLanes(sorted: readonly IndexedSpan[]): { lane: Map<string, number>; count: number } {
  const laneEnd: number[] = [];
  const lane = new Map<string, number>();
  for (const s of sorted) {
    let l = 0;
    while (l < laneEnd.length && laneEnd[l] > s.start) l++;
    laneEnd[l] = Math.max(s.end, s.start + 1);
    lane.set(s.id, l);
  }
  return { lane, count: laneEnd.length };
}
