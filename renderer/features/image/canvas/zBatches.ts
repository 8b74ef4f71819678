// Groups shapes into as few same-style draw batches as z order allows. A shape may join an earlier batch of its own
// style unless something of another style that overlaps it was drawn after that batch; so overlapping shapes of
// different labels paint in z order while thousands of scattered shapes still share a handful of fill calls.
// Overlap is tested on a coarse grid over the drawn area (conservative: sharing a cell counts as overlapping).

export interface ZItem { minX: number; minY: number; maxX: number; maxY: number }

/** Grid cells per side at most; a cell is never smaller than `minCell` world units. */
const MAX_CELLS = 256;

/**
 * `items` in paint order (lowest z first) with their style index; returns batches in paint order, each a style and
 * the items (in z order) to draw with it. `area` is the region being drawn; items outside it share its edge cells.
 */
export function zBatches<T extends ZItem>(items: readonly T[], styleOf: (it: T) => number, area: ZItem, minCell: number, margin: number): { style: number; list: T[] }[] {
  const w = Math.max(area.maxX - area.minX, minCell), h = Math.max(area.maxY - area.minY, minCell);
  const cell = Math.max(minCell, w / MAX_CELLS, h / MAX_CELLS);
  const gw = Math.ceil(w / cell), gh = Math.ceil(h / cell);
  // Per cell: the highest batch level drawn there (top), its style, and the highest level of any other style (under).
  const top = new Int32Array(gw * gh).fill(-1);
  const topStyle = new Int32Array(gw * gh).fill(-1);
  const under = new Int32Array(gw * gh).fill(-1);
  const levels = new Int32Array(items.length);
  let maxLevel = 0, maxStyle = 0;
  const col = (x: number) => Math.min(gw - 1, Math.max(0, Math.floor((x - area.minX) / cell)));
  const row = (y: number) => Math.min(gh - 1, Math.max(0, Math.floor((y - area.minY) / cell)));
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const s = styleOf(it);
    const c0 = col(it.minX - margin), c1 = col(it.maxX + margin), r0 = row(it.minY - margin), r1 = row(it.maxY + margin);
    let level = 0;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * gw + c0; c <= c1; c++, k++) {
        // Same style on top: join that level unless another style lies between; otherwise go above the top.
        const need = topStyle[k] === s ? Math.max(top[k], under[k] + 1) : top[k] + 1;
        if (need > level) level = need;
      }
    }
    for (let r = r0; r <= r1; r++) {
      for (let c = c0, k = r * gw + c0; c <= c1; c++, k++) {
        if (level <= top[k]) continue;
        if (topStyle[k] !== s) under[k] = top[k];
        top[k] = level;
        topStyle[k] = s;
      }
    }
    levels[i] = level;
    if (level > maxLevel) maxLevel = level;
    if (s > maxStyle) maxStyle = s;
  }
  // Bucket by (level, style): levels paint bottom-up; within a level no two styles overlap, so their order is free.
  const buckets = new Map<number, T[]>();
  const styles = maxStyle + 1;
  for (let i = 0; i < items.length; i++) {
    const key = levels[i] * styles + styleOf(items[i]);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = []));
    b.push(items[i]);
  }
  return [...buckets].sort((a, b) => a[0] - b[0]).map(([key, list]) => ({ style: key % styles, list }));
}
