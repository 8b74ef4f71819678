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
  for (const seg of segmenter(locale).segment(text.slice(from, to))) {
    if (SPACE.test(seg.segment)) continue;
    out.push({ start: from + seg.index, end: from + seg.index + seg.segment.length });
  }
  return out;
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
