// Groups shapes into as few same-style draw batches as z order allows. A shape may join an earlier batch of its own
// style unless something of another style that overlaps it was drawn after that batch; so overlapping shapes of
// different labels paint in z order while thousands of scattered shapes still share a handful of fill calls (each
// fill costs a few milliseconds on a CPU-rendered canvas, so the number of batches is what a redraw costs).
// Overlap is found with a grid over the drawn area: each cell lists the shapes in it and their bounds are compared
// exactly; a crowded cell keeps only a summary (its top level and style), which is conservative.

export interface ZItem { minX: number; minY: number; maxX: number; maxY: number }

/** Grid cells per side at most; a cell is never smaller than `minCell` world units. */
const MAX_CELLS = 256;
/** Past this many shapes a cell stops listing them and answers from its summary. */
const CELL_LIST = 24;

/**
 * `items` in paint order (lowest z first) with their style index; returns batches in paint order, each a style and
 * the items (in z order) to draw with it. `area` is the region being drawn; items outside it share its edge cells.
 * `margin` grows every shape's bounds (stroke width and antialiasing) before comparing.
 */
export function zBatches<T extends ZItem>(items: readonly T[], styleOf: (it: T, i: number) => number, area: ZItem, minCell: number, margin: number): { style: number; list: T[] }[] {
  const steps = zBatchSteps(items, styleOf, area, minCell, margin);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Items between pauses of zBatchSteps: about a millisecond of work, so a caller with a time budget stops in time. */
const SLICE = 2048;

/** zBatches in steps: pauses (yields) every few thousand items, so 100,000 shapes are grouped across frames
 *  instead of in one long task that input waits behind; returns the batches. */
export function* zBatchSteps<T extends ZItem>(items: readonly T[], styleOf: (it: T, i: number) => number, area: ZItem, minCell: number, margin: number): Generator<void, { style: number; list: T[] }[]> {
  const w = Math.max(area.maxX - area.minX, minCell), h = Math.max(area.maxY - area.minY, minCell);
  const cell = Math.max(minCell, w / MAX_CELLS, h / MAX_CELLS);
  const gw = Math.ceil(w / cell), gh = Math.ceil(h / cell);
  // Per cell: the highest batch level drawn there (top), its style, and the highest level of any other style
  // (under): enough to place a shape conservatively once the cell is too crowded to compare shape by shape.
  const top = new Int32Array(gw * gh).fill(-1);
  const topStyle = new Int32Array(gw * gh).fill(-1);
  const under = new Int32Array(gw * gh).fill(-1);
  const lists: (number[] | null | undefined)[] = new Array(gw * gh);
  const levels = new Int32Array(items.length);
  const styles = new Int32Array(items.length);
  const seen = new Int32Array(items.length).fill(-1);
  let maxStyle = 0;
  const col = (x: number) => Math.min(gw - 1, Math.max(0, Math.floor((x - area.minX) / cell)));
  const row = (y: number) => Math.min(gh - 1, Math.max(0, Math.floor((y - area.minY) / cell)));
  for (let i = 0; i < items.length; i++) {
    if (i % SLICE === SLICE - 1) yield;
    const it = items[i];
    const s = (styles[i] = styleOf(it, i));
    const x0 = it.minX - margin, x1 = it.maxX + margin, y0 = it.minY - margin, y1 = it.maxY + margin;
    const c0 = col(x0), c1 = col(x1), r0 = row(y0), r1 = row(y1);
    let level = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * gw + c0; c <= c1; c++, k++) {
        const list = lists[k];
        if (list === null) {
          // Crowded: same style on top joins that level unless another style lies between; else go above the top.
          const need = topStyle[k] === s ? Math.max(top[k], under[k] + 1) : top[k] + 1;
          if (need > level) level = need;
          continue;
        }
        if (!list) continue;
        for (const j of list) {
          if (seen[j] === i) continue;
          seen[j] = i;
          const o = items[j];
          if (o.maxX + margin < x0 || o.minX - margin > x1 || o.maxY + margin < y0 || o.minY - margin > y1) continue;
          const need = styles[j] === s ? levels[j] : levels[j] + 1;
          if (need > level) level = need;
        }
      }
    }
    levels[i] = level;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * gw + c0; c <= c1; c++, k++) {
        if (level > top[k]) {
          if (topStyle[k] !== s) under[k] = top[k];
          top[k] = level;
          topStyle[k] = s;
        } else if (topStyle[k] !== s && level > under[k]) {
          // Placed at or below the top by exact comparison: still the highest of a style other than the top's.
          under[k] = level;
        }
        const list = lists[k];
        if (list === null) continue;
        if (!list) lists[k] = [i];
        else if (list.length < CELL_LIST) list.push(i);
        else lists[k] = null;
      }
    }
    if (s > maxStyle) maxStyle = s;
  }
  // Bucket by (level, style): levels paint bottom-up; within a level no two styles overlap, so their order is free.
  const buckets = new Map<number, T[]>();
  const nStyles = maxStyle + 1;
  for (let i = 0; i < items.length; i++) {
    const key = levels[i] * nStyles + styles[i];
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(items[i]);
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([key, list]) => ({ style: key % nStyles, list }));
}
