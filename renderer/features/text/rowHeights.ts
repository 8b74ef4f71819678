// Heights of the document's rows for virtual scrolling: estimated from the row's length and the width until the
// row has been rendered once, then measured. Prefix sums are rebuilt lazily (O(rows), only after a change).
export class RowHeights {
  private h: Float64Array;
  private measured: Uint8Array;
  private prefix: Float64Array;
  private dirty = true;

  constructor(private readonly starts: Int32Array, private readonly textLength: number, private lineHeight: number, private charsPerLine: number) {
    const n = starts.length;
    this.h = new Float64Array(n);
    this.measured = new Uint8Array(n);
    this.prefix = new Float64Array(n + 1);
    this.estimateAll();
  }

  get count(): number { return this.starts.length; }

  /** Re-estimates every row (after the width changed: wrapping is different now). */
  reset(lineHeight: number, charsPerLine: number): void {
    this.lineHeight = lineHeight;
    this.charsPerLine = Math.max(10, charsPerLine);
    this.measured.fill(0);
    this.estimateAll();
  }

  private estimateAll() {
    const n = this.starts.length;
    for (let i = 0; i < n; i++) {
      const len = (i + 1 < n ? this.starts[i + 1] : this.textLength) - this.starts[i];
      this.h[i] = this.lineHeight * Math.max(1, Math.ceil(len / this.charsPerLine));
    }
    this.dirty = true;
  }

  /** Records a measured height; returns the change. */
  set(i: number, px: number): number {
    this.measured[i] = 1;
    const d = px - this.h[i];
    if (Math.abs(d) < 0.5) return 0;
    this.h[i] = px;
    this.dirty = true;
    return d;
  }

  private build() {
    let acc = 0;
    for (let i = 0; i < this.h.length; i++) { this.prefix[i] = acc; acc += this.h[i]; }
    this.prefix[this.h.length] = acc;
    this.dirty = false;
  }

  top(i: number): number {
    if (this.dirty) this.build();
    return this.prefix[Math.max(0, Math.min(i, this.h.length))];
  }

  get total(): number { return this.top(this.h.length); }

  /** Row at a vertical position. */
  rowAt(y: number): number {
    if (this.dirty) this.build();
    let lo = 0, hi = this.h.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (this.prefix[m] <= y) lo = m; else hi = m - 1; }
    return Math.max(0, lo);
  }
}
