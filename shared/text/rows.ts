// A document is shown as rows (its lines; very long lines are cut at a space) so only the visible rows render.
export const MAX_ROW = 2000;

/** Row start offsets; row i covers [starts[i], starts[i+1]) including its trailing newline. */
export function rowStarts(text: string, maxRow = MAX_ROW): Int32Array {
  const starts: number[] = [0];
  let lineStart = 0;
  const n = text.length;
  while (lineStart < n) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = n;
    let s = lineStart;
    while (nl - s > maxRow) {
      let cut = text.lastIndexOf(' ', s + maxRow);
      if (cut <= s) cut = s + maxRow; else cut++;
      // Never cut a surrogate pair in two.
      const c = text.charCodeAt(cut);
      if (c >= 0xdc00 && c <= 0xdfff) cut++;
      starts.push(cut);
      s = cut;
    }
    lineStart = nl + 1;
    if (lineStart < n || (lineStart === n && nl < n)) starts.push(lineStart);
  }
  if (starts.length > 1 && starts[starts.length - 1] >= n && n > 0) starts.pop();
  return Int32Array.from(starts);
}

/** Row containing offset (binary search). */
export function rowOf(starts: Int32Array, offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) { const m = (lo + hi + 1) >> 1; if (starts[m] <= offset) lo = m; else hi = m - 1; }
  return lo;
}
