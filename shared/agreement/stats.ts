// Agreement statistics on categorical data: Krippendorff's nominal alpha (any number of observers, missing values),
// Cohen's kappa (two raters), Fleiss' kappa (many raters), a label confusion matrix and an annotator × annotator matrix.

/** A unit's values by observer; null (or undefined) = that observer gave no value. */
export type UnitValues = readonly (string | null | undefined)[];

/** Coincidence matrix of Krippendorff's alpha; `weights` (e.g. piece lengths for unitized data) scale each unit. */
function coincidences(units: readonly UnitValues[], weights?: readonly number[]): { o: Map<string, Map<string, number>>; n: number } {
  const o = new Map<string, Map<string, number>>();
  let n = 0;
  units.forEach((u, k) => {
    const vals = u.filter((v): v is string => v !== null && v !== undefined);
    const m = vals.length;
    if (m < 2) return;
    const w = (weights?.[k] ?? 1) / (m - 1);
    const counts = new Map<string, number>();
    for (const v of vals) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [c, nc] of counts) {
      let row = o.get(c);
      if (!row) o.set(c, (row = new Map()));
      for (const [k2, nk] of counts) row.set(k2, (row.get(k2) ?? 0) + w * nc * (c === k2 ? nc - 1 : nk));
    }
    n += (weights?.[k] ?? 1) * m;
  });
  return { o, n };
}

/** Krippendorff's alpha for nominal data. Units with fewer than two values are not pairable and are skipped.
 *  With `weights` the data are a continuum cut into pieces (unitized alpha), so the small-sample n − 1 becomes n.
 *  Returns 1 when there is no disagreement at all, NaN when nothing is pairable. */
export function krippendorffAlpha(units: readonly UnitValues[], weights?: readonly number[]): number {
  const { o, n } = coincidences(units, weights);
  if (n === 0) return NaN;
  const nc = new Map<string, number>();
  let observed = 0;
  for (const [c, row] of o) {
    for (const [k, v] of row) {
      nc.set(c, (nc.get(c) ?? 0) + v);
      if (c !== k) observed += v;
    }
  }
  let expected = 0;
  const cats = [...nc.keys()];
  for (const c of cats) for (const k of cats) if (c !== k) expected += nc.get(c)! * nc.get(k)!;
  if (expected === 0) return observed === 0 ? 1 : NaN;
  const nn = weights ? n : n - 1;
  return 1 - (nn * observed) / expected;
}

/** Cohen's kappa for two raters' labels of the same items (pairs where either is missing are skipped). */
export function cohenKappa(a: UnitValues, b: UnitValues): number {
  const pairs: [string, string][] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (x != null && y != null) pairs.push([x, y]);
  }
  if (!pairs.length) return NaN;
  const n = pairs.length;
  const ca = new Map<string, number>(), cb = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  let pe = 0;
  for (const [c, na] of ca) pe += (na / n) * ((cb.get(c) ?? 0) / n);
  const po = agree / n;
  return pe === 1 ? (po === 1 ? 1 : NaN) : (po - pe) / (1 - pe);
}

/** Fleiss' kappa from a subjects × categories count table (how many raters put subject i in category j).
 *  Subjects may have different rater counts (each P_i uses its own n_i); subjects with fewer than 2 are skipped. */
export function fleissKappa(counts: readonly (readonly number[])[]): number {
  const rows = counts.filter((r) => r.reduce((s, x) => s + x, 0) >= 2);
  if (!rows.length) return NaN;
  const k = rows[0].length;
  const pj = new Array<number>(k).fill(0);
  let total = 0, pBar = 0;
  for (const r of rows) {
    const ni = r.reduce((s, x) => s + x, 0);
    total += ni;
    r.forEach((x, j) => { pj[j] += x; });
    pBar += (r.reduce((s, x) => s + x * x, 0) - ni) / (ni * (ni - 1));
  }
  pBar /= rows.length;
  const pe = pj.reduce((s, x) => s + (x / total) ** 2, 0);
  return pe === 1 ? (pBar === 1 ? 1 : NaN) : (pBar - pe) / (1 - pe);
}

/** Units × raters labels → the count table Fleiss' kappa reads, with its category order. */
export function countTable(units: readonly UnitValues[]): { categories: string[]; counts: number[][] } {
  const categories = [...new Set(units.flatMap((u) => u.filter((v): v is string => v != null)))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = units.map((u) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const v of u) if (v != null) row[index.get(v)!]++;
    return row;
  });
  return { categories, counts };
}

export const NONE = '∅';

/** Label confusion matrix over paired labels; null on one side (missing/extra) is counted under "∅". */
export function confusionMatrix(pairs: readonly [string | null, string | null][]): { labels: string[]; counts: number[][] } {
  const labels = [...new Set(pairs.flatMap(([a, b]) => [a ?? NONE, b ?? NONE]))].sort((x, y) => (x === NONE ? 1 : y === NONE ? -1 : x.localeCompare(y)));
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => new Array<number>(labels.length).fill(0));
  for (const [a, b] of pairs) counts[index.get(a ?? NONE)!][index.get(b ?? NONE)!]++;
  return { labels, counts };
}

/** Symmetric annotator × annotator matrix of `score(a, b)`; the diagonal is 1. */
export function pairMatrix(names: readonly string[], score: (a: string, b: string) => number): number[][] {
  const m = names.map(() => new Array<number>(names.length).fill(1));
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) m[i][j] = m[j][i] = score(names[i], names[j]);
  return m;
}
