// Binary search in one place: the sorted lists of the workspaces (paint order, segment starts, shape index) all ask
// "where does the part that comes before x end".

/** The first i in [0, length) for which `before(i)` is false, given it is true up to some point and false after
 *  (a list sorted by the same order); `length` when it is true everywhere. log₂(length) calls of `before`. */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0, hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
