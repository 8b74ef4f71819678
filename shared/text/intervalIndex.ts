// Spans by position: "which spans overlap [a, b)" for the visible rows of a long document.
// Spans are kept sorted by (start, -end, id) in one array, with their starts and ends beside it in typed arrays
// (so searching and scanning read flat numbers, not 100,000 objects). The largest end of every block of 64 spans,
// and of every block of 64 blocks, lets a query skip whatever ends before a, and it stops at the first start >= b:
// a query reads a few dozen maxima and the spans it returns. An insert or delete is a binary search and a splice
// of the three arrays (memmove); it marks the maxima stale from its position on, and the next query recomputes
// only those, in one flat pass over the ends (tens of microseconds at 100,000 spans; reading each span object's
// end took a millisecond, and the recursive tree before that was rebuilt whole after every edit).
import { partitionPoint } from '../collections/partitionPoint.ts';
export interface IndexedSpan { id: string; start: number; end: number }

export class IntervalIndex<T extends IndexedSpan = IndexedSpan> {
  private items: T[] = [];
  /** starts[i], ends[i]: items[i]'s offsets (capacity may exceed items.length). */
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private blockMax = new Float64Array(0);
  private superMax = new Float64Array(0);
  /** The maxima are stale from this item on (none are when it is Infinity). */
  private staleFrom = 0;
  /** Spans by id, made on first use (a document opens and paints without it: 100,000 inserts). */
  private byId: Map<string, T> | null = null;

  /** `spans` have distinct ids. */
  constructor(spans: Iterable<T> = []) {
    this.items = sortSpans([...spans]);
    const n = this.items.length;
    this.starts = new Float64Array(Math.max(64, n + (n >> 3)));
    this.ends = new Float64Array(this.starts.length);
    for (let i = 0; i < n; i++) { this.starts[i] = this.items[i].start; this.ends[i] = this.items[i].end; }
  }

  private get pos(): Map<string, T> {
    if (!this.byId) {
      this.byId = new Map();
      for (const s of this.items) this.byId.set(s.id, s);
    }
    return this.byId;
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
    const n = this.items.length;
    if (n === this.starts.length) this.grow(n * 2);
    this.items.splice(i, 0, span);
    this.starts.copyWithin(i + 1, i, n);
    this.ends.copyWithin(i + 1, i, n);
    this.starts[i] = span.start;
    this.ends[i] = span.end;
    this.pos.set(span.id, span);
    this.stale(i);
  }

  remove(id: string): boolean {
    const i = this.indexOf(id);
    if (i < 0) return false;
    const n = this.items.length;
    this.items.splice(i, 1);
    this.starts.copyWithin(i, i + 1, n);
    this.ends.copyWithin(i, i + 1, n);
    this.pos.delete(id);
    this.stale(i);
    return true;
  }

  /** Spans with start < b and end > a (overlapping [a, b)), in document order. */
  query(a: number, b: number, out: T[] = []): T[] {
    const { items, starts, ends } = this;
    if (this.staleFrom !== Infinity) this.refresh();
    // First span starting at or after b: nothing from there on can overlap.
    const stop = partitionPoint(items.length, (i) => starts[i] < b);
    const { blockMax, superMax } = this;
    for (let sb = 0; sb * SUPER < stop; sb++) {
      if (superMax[sb] <= a) continue;
      for (let k = sb * BLOCK, kEnd = Math.min((sb + 1) * BLOCK, Math.ceil(stop / BLOCK)); k < kEnd; k++) {
        if (blockMax[k] <= a) continue;
        for (let i = k * BLOCK, iEnd = Math.min(i + BLOCK, stop); i < iEnd; i++) if (ends[i] > a) out.push(items[i]);
      }
    }
    return out;
  }

  private grow(capacity: number): void {
    const starts = new Float64Array(Math.max(64, capacity)), ends = new Float64Array(starts.length);
    starts.set(this.starts.subarray(0, this.items.length));
    ends.set(this.ends.subarray(0, this.items.length));
    this.starts = starts;
    this.ends = ends;
  }

  private stale(i: number): void {
    if (i < this.staleFrom) this.staleFrom = i;
  }

  /** Recomputes the maxima of the blocks from the first stale one on. */
  private refresh(): void {
    const ends = this.ends, n = this.items.length;
    const blocks = Math.ceil(n / BLOCK), supers = Math.ceil(blocks / BLOCK);
    if (this.blockMax.length < blocks) {
      const grown = new Float64Array(Math.max(64, blocks * 2));
      grown.set(this.blockMax);
      this.blockMax = grown;
      const sg = new Float64Array(Math.max(4, supers * 2));
      sg.set(this.superMax);
      this.superMax = sg;
    }
    const { blockMax, superMax } = this;
    // Whole super-blocks from the one the first change is in.
    const from = Math.floor(Math.min(this.staleFrom, n) / SUPER);
    for (let k = from * BLOCK; k < blocks; k++) {
      let m = -Infinity;
      for (let i = k * BLOCK, e = Math.min(i + BLOCK, n); i < e; i++) if (ends[i] > m) m = ends[i];
      blockMax[k] = m;
    }
    for (let sb = from; sb < supers; sb++) {
      let m = -Infinity;
      for (let k = sb * BLOCK, e = Math.min(k + BLOCK, blocks); k < e; k++) if (blockMax[k] > m) m = blockMax[k];
      superMax[sb] = m;
    }
    this.staleFrom = Infinity;
  }

  private lowerBound(s: T): number {
    return partitionPoint(this.items.length, (i) => compare(this.items[i], s) < 0);
  }
}

const BLOCK = 64;
const SUPER = BLOCK * BLOCK;

const KEY = 2 ** 26;

/** Spans in document order. A numeric sort of (start, position) keys does the bulk (a comparator sort of 100,000
 *  objects took several times as long on opening a document); only runs of spans with the same start are then
 *  ordered by compare. Offsets past 2^26 fall back to the comparator. */
function sortSpans<T extends IndexedSpan>(list: T[]): T[] {
  const n = list.length;
  if (n < 64 || n >= KEY) return list.sort(compare);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = list[i].start;
    if (!(start >= 0 && start < KEY)) return list.sort(compare);
    keys[i] = start * KEY + i;
  }
  keys.sort();
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = list[keys[i] % KEY];
  for (let i = 1; i < n; i++) {
    if (out[i].start !== out[i - 1].start) continue;
    let j = i + 1;
    while (j < n && out[j].start === out[i - 1].start) j++;
    const run = out.slice(i - 1, j).sort(compare);
    for (let k = 0; k < run.length; k++) out[i - 1 + k] = run[k];
    i = j - 1;
  }
  return out;
}

function compare(x: IndexedSpan, y: IndexedSpan): number {
  return x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
