// Spans by position: "which spans overlap [a, b)" in O(log n + k) for the visible rows of a long document.
// Spans are kept sorted by (start, -end, id) in flat arrays; an implicit balanced tree over that order (node =
// middle of a range) stores each subtree's largest end, so a query skips every subtree that ends before a and
// stops at the first start >= b. Insert and delete are a binary search and an array splice (O(n) memmove, a few
// microseconds at 10,000 spans); the max-end array is rebuilt lazily in O(n) before the next query.

export interface IndexedSpan { id: string; start: number; end: number }

export class IntervalIndex<T extends IndexedSpan = IndexedSpan> {
  private items: T[] = [];
  private maxEnd: Float64Array = new Float64Array(0);
  private dirty = true;
  private pos = new Map<string, T>();

  constructor(spans: Iterable<T> = []) {
    for (const s of spans) this.pos.set(s.id, s);
    this.items = [...this.pos.values()].sort(compare);
  }

  get size(): number { return this.items.length; }
  get(id: string): T | undefined { return this.pos.get(id); }
  has(id: string): boolean { return this.pos.has(id); }
  /** Spans in document order (by start, longer first). Do not mutate. */
  get sorted(): readonly T[] { return this.items; }

  /** Position of a span in document order, or -1. */
  indexOf(id: string): number {
    const s = this.pos.get(id);
    if (!s) return -1;
    const i = this.lowerBound(s);
    return this.items[i]?.id === s.id ? i : -1;
  }

  /** Adds or replaces a span (by id). */
  upsert(span: T): void {
    const old = this.pos.get(span.id);
    if (old && old.start === span.start && old.end === span.end) {
      // Same place (a relabel, or the saved copy of a span just drawn): swap in place, the tree is unchanged.
      this.items[this.indexOf(span.id)] = span;
      this.pos.set(span.id, span);
      return;
    }
    if (old) this.remove(span.id);
    const i = this.lowerBound(span);
    this.items.splice(i, 0, span);
    this.pos.set(span.id, span);
    this.dirty = true;
  }

  remove(id: string): boolean {
    const i = this.indexOf(id);
    if (i < 0) return false;
    this.items.splice(i, 1);
    this.pos.delete(id);
    this.dirty = true;
    return true;
  }

  /** Spans with start < b and end > a (overlapping [a, b)). */
  query(a: number, b: number, out: T[] = []): T[] {
    if (this.dirty) this.rebuild();
    this.visit(0, this.items.length, a, b, out);
    return out;
  }

  private visit(lo: number, hi: number, a: number, b: number, out: T[]): void {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.maxEnd[mid] <= a) return;
      this.visit(lo, mid, a, b, out);
      const s = this.items[mid];
      if (s.start >= b) return;
      if (s.end > a) out.push(s);
      lo = mid + 1;
    }
  }

  private rebuild(): void {
    const n = this.items.length;
    if (this.maxEnd.length < n) this.maxEnd = new Float64Array(Math.max(16, n * 2));
    const fill = (lo: number, hi: number): number => {
      if (lo >= hi) return -Infinity;
      const mid = (lo + hi) >>> 1;
      const m = Math.max(this.items[mid].end, fill(lo, mid), fill(mid + 1, hi));
      this.maxEnd[mid] = m;
      return m;
    };
    fill(0, n);
    this.dirty = false;
  }

  private lowerBound(s: T): number {
    let lo = 0, hi = this.items.length;
    while (lo < hi) { const m = (lo + hi) >>> 1; if (compare(this.items[m], s) < 0) lo = m + 1; else hi = m; }
    return lo;
  }
}

function compare(x: IndexedSpan, y: IndexedSpan): number {
  return x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
