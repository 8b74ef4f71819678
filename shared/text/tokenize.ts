// Word tokens by Intl.Segmenter (handles CJK without spaces, Arabic, Hebrew, emoji sequences), used to snap a
// selection to whole tokens and to tag one token on double-click. Long documents are segmented only around the
// offsets asked about, so a 1 MB document never pays for a full pass on a key press.

export interface Token { start: number; end: number }

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale?: string): Intl.Segmenter {
  const key = locale ?? '';
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

const SPACE = /^\s+$/u;

/** Non-whitespace tokens of text[from, to) (words, numbers, punctuation marks, emoji), offsets into text. */
export function tokenize(text: string, from = 0, to = text.length, locale?: string): Token[] {
  const out: Token[] = [];
  // Node's Intl.Segmenter takes time quadratic in the length of the string it walks (100 KB: seconds, 400 KB:
  // minutes), so a long range is segmented in pieces cut where every word segmentation breaks anyway.
  for (let a = from; a < to; ) {
    const b = chunkEnd(text, a, to);
    for (const seg of segmenter(locale).segment(text.slice(a, b))) {
      if (SPACE.test(seg.segment)) continue;
      out.push({ start: a + seg.index, end: a + seg.index + seg.segment.length });
    }
    a = b;
  }
  return out;
}

/** Pieces of about this many UTF-16 units. */
export const TOKENIZE_CHUNK = 2048;
const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * Where the piece starting at `a` may end: just after a line feed (UAX #29 breaks after every newline), or else
 * between an ASCII space and an ASCII letter or digit (nothing joins a space to what follows but combining marks,
 * joiners and more spaces). Without such a place within a few pieces, the rest is walked whole.
 */
function chunkEnd(text: string, a: number, to: number): number {
  if (to - a <= TOKENIZE_CHUNK * 2) return to;
  const from = a + TOKENIZE_CHUNK;
  const nl = text.indexOf('\n', from);
  if (nl >= 0 && nl < from + TOKENIZE_CHUNK * 4 && nl + 1 < to) return nl + 1;
  const last = Math.min(to - 1, from + TOKENIZE_CHUNK * 4);
  for (let i = from; i < last; i++) if (text.charCodeAt(i) === 32 && ASCII_WORD.test(text[i + 1])) return i + 1;
  return to;
}

const WINDOW = 256;

/** The token containing offset (or the nearest one to its right on the same side of whitespace), or null. */
export function tokenAt(text: string, offset: number, locale?: string): Token | null {
  if (offset < 0 || offset >= text.length) return null;
  const from = Math.max(0, offset - WINDOW);
  const to = Math.min(text.length, offset + WINDOW);
  for (const t of tokenize(text, from, to, locale)) {
    // Tokens cut by the window edge are only trusted when they do not touch it.
    if (t.start <= offset && offset < t.end) return t;
    if (t.start > offset) break;
  }
  return null;
}

/**
 * Snaps [start, end) to token boundaries: leading/trailing whitespace is dropped, then the start moves back to
 * the start of its token and the end forward to the end of its token. Returns null when only whitespace is left.
 */
export function snapToTokens(text: string, start: number, end: number, locale?: string): Token | null {
  const r = trimWhitespace(text, start, end);
  if (!r) return null;
  const a = tokenAt(text, r.start, locale);
  const b = tokenAt(text, r.end - 1, locale);
  return { start: a ? Math.min(a.start, r.start) : r.start, end: b ? Math.max(b.end, r.end) : r.end };
}

/** Drops whitespace at both ends; null when nothing else is selected. */
export function trimWhitespace(text: string, start: number, end: number): Token | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : null;
}
