// The text of an item under review cut at every span edge, in one sweep: each piece knows every span that covers it
// (so the current cluster can be outlined wherever it lies, even under a nested span) and shows the innermost one.
// Cost O(n log n + pieces × nesting depth); comparing every piece with every span took seconds at 10,000 spans.

export interface Interval { start: number; end: number }

export interface Piece<T> {
  from: number;
  to: number;
  /** The innermost (shortest) span covering the piece, or null for text outside every span. */
  top: T | null;
  /** Every span covering the piece, outermost first. */
  covering: T[];
}

export function textPieces<T>(length: number, items: readonly T[], at: (t: T) => Interval): Piece<T>[] {
  const clamp = (x: number) => Math.max(0, Math.min(length, x));
  const live = items.filter((t) => clamp(at(t).end) > clamp(at(t).start));
  const byStart = [...live].sort((a, b) => clamp(at(a).start) - clamp(at(b).start) || clamp(at(b).end) - clamp(at(a).end));
  const edges = new Set<number>([0, length]);
  for (const t of live) { edges.add(clamp(at(t).start)); edges.add(clamp(at(t).end)); }
  const cuts = [...edges].sort((a, b) => a - b);
  const out: Piece<T>[] = [];
  let active: T[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i], to = cuts[i + 1];
    if (active.length) active = active.filter((t) => clamp(at(t).end) > from);
    while (next < byStart.length && clamp(at(byStart[next]).start) <= from) active.push(byStart[next++]);
    let top: T | null = null;
    for (const t of active) if (!top || at(t).end - at(t).start < at(top).end - at(top).start) top = t;
    out.push({ from, to, top, covering: active.length ? active.slice() : [] });
  }
  return out;
}

/** Pieces grouped into blocks of about `size` characters, each ending just after a line break (a piece that
 *  crosses the break is cut in two), so a column is built of block boxes that lay out and re-render on their own. */
export function blocksOf<T>(pieces: Piece<T>[], text: string, size = 2000): Piece<T>[][] {
  const cutAfter = (x: number) => {
    if (x >= text.length) return text.length;
    const i = text.indexOf('\n', x);
    return i < 0 ? text.length : i + 1;
  };
  const out: Piece<T>[][] = [];
  let cur: Piece<T>[] = [];
  let cut = cutAfter(size);
  for (const piece of pieces) {
    let p = piece;
    while (p.from < cut && p.to > cut) {
      cur.push({ ...p, to: cut });
      out.push(cur);
      cur = [];
      p = { ...p, from: cut };
      cut = cutAfter(cut + size);
    }
    cur.push(p);
    if (p.to === cut) {
      out.push(cur);
      cur = [];
      cut = cutAfter(cut + size);
    }
  }
  if (cur.length) out.push(cur);
  return out;
}
