// Optimal one-to-one assignment (Hungarian / Kuhn–Munkres with potentials, O(n²·m)) maximising the total weight.
// Only pairs with a weight are allowed; a row may stay unassigned, so a forbidden pair is never forced.

/** weights[i][j] > 0 is an allowed pair's gain; 0, negative or NaN means "not allowed". Returns [row, col] pairs. */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): [number, number][] {
  const n = weights.length;
  const m = n ? weights[0].length : 0;
  if (!n || !m) return [];
  // Square cost matrix of size N: costs are (max − w) for allowed pairs and max (a "leave unassigned" price) otherwise,
  // so an unallowed pair never beats leaving both ends free.
  const N = Math.max(n, m);
  let max = 0;
  for (const row of weights) for (const w of row) if (w > max) max = w;
  const cost = (i: number, j: number): number => {
    if (i >= n || j >= m) return max;
    const w = weights[i][j];
    return w > 0 ? max - w : max;
  };
  const u = new Float64Array(N + 1);
  const v = new Float64Array(N + 1);
  const p = new Int32Array(N + 1); // p[j] = row matched to column j (1-based), 0 = none
  const way = new Int32Array(N + 1);
  const minv = new Float64Array(N + 1);
  const used = new Uint8Array(N + 1);
  for (let i = 1; i <= N; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= N; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= N; j++) {
        if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const out: [number, number][] = [];
  for (let j = 1; j <= N; j++) {
    const i = p[j] - 1;
    const c = j - 1;
    if (i < n && c < m && weights[i][c] > 0) out.push([i, c]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}
