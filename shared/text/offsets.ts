// Offsets into a document. Storage uses UTF-16 code units (what JavaScript strings index); formats written for
// Python tools (doccano, spaCy) count code points. An astral character (emoji, rare CJK) is 2 units but 1 point.

/** Converts between UTF-16 offsets and code-point offsets of one text in O(log a), a = astral characters. */
export class OffsetMap {
  /** UTF-16 offsets where an astral character (a surrogate pair) starts, ascending. */
  private readonly astral: Int32Array;
  readonly length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    const pos: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { pos.push(i); i++; }
      }
    }
    this.astral = Int32Array.from(pos);
    this.length = text.length;
    this.codePointLength = text.length - pos.length;
  }

  /** Number of astral characters starting strictly before UTF-16 offset u. */
  private pairsBefore(u: number): number {
    let lo = 0, hi = this.astral.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (this.astral[m] < u) lo = m + 1; else hi = m; }
    return lo;
  }

  toCodePoint(u: number): number {
    if (u < 0 || u > this.length) throw new RangeError(`offset ${u} is outside the text (0..${this.length})`);
    // An offset inside a pair counts the pair as not yet passed.
    const n = this.pairsBefore(u);
    const inside = n > 0 && this.astral[n - 1] === u - 1;
    return u - n + (inside ? 1 : 0);
  }

  toUtf16(cp: number): number {
    if (cp < 0 || cp > this.codePointLength) throw new RangeError(`offset ${cp} is outside the text (0..${this.codePointLength} code points)`);
    // u = cp + (astral chars whose code-point index < cp); astral[k] has code-point index astral[k] - k.
    let lo = 0, hi = this.astral.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (this.astral[m] - m < cp) lo = m + 1; else hi = m; }
    return cp + lo;
  }

  /** True when u falls between the two halves of a surrogate pair (a span must never start or end there). */
  splitsPair(u: number): boolean {
    if (u <= 0 || u >= this.length) return false;
    const n = this.pairsBefore(u);
    return n > 0 && this.astral[n - 1] === u - 1;
  }
}

/** Moves offsets that split a surrogate pair outward so a span never holds half a character. */
export function clampToCharacters(text: string, start: number, end: number): { start: number; end: number } {
  const low = (i: number) => { const c = text.charCodeAt(i); return c >= 0xdc00 && c <= 0xdfff; };
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (s > 0 && low(s)) s--;
  if (e < text.length && e > 0 && low(e)) e++;
  return { start: s, end: e };
}

/** UTF-8 byte length of a JS string without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
