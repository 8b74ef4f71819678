// A sorted list kept in step with a changing collection by its differences: after an edit only the items that
// changed are taken out and put back in (each found by binary search), instead of sorting everything again. The
// document's paint order, the image's shape index and the audio segment index all keep their lists this way.
import { partitionPoint } from './partitionPoint.ts';

/** A copy of `list` (sorted by `before`, a strict order under which no two items of the list tie) without the
 *  items of `out` and with the items of `into` at their places. Items of `out` are found by binary search and
 *  compared by identity: one that is not in the list is passed over. All of `out` goes before any of `into`
 *  comes in, so an item replaced by a new version of itself may appear in both. `list` is left as it was. */
export function patchSorted<T>(list: readonly T[], out: Iterable<T>, into: Iterable<T>, before: (a: T, b: T) => boolean): T[] {
  const next = list.slice();
  for (const x of out) {
    const i = lowerBound(next, x, before);
    if (next[i] === x) next.splice(i, 1);
  }
  for (const x of into) next.splice(lowerBound(next, x, before), 0, x);
  return next;
}

/** Index of the first item of the sorted `list` that is not before `x` (where x is, or where it goes). */
export function lowerBound<T>(list: readonly T[], x: T, before: (a: T, b: T) => boolean): number {
  return partitionPoint(list.length, (i) => before(list[i], x));
}
