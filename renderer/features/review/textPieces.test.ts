import { describe, expect, it } from 'vitest';
import { blocksOf, textPieces } from './textPieces.ts';

type S = { id: string; start: number; end: number };
const at = (s: S) => s;

/** The plain definition: every piece compared with every span (spans empty within the text cut nothing). */
function naive(length: number, all: S[]) {
  const c = (x: number) => Math.max(0, Math.min(length, x));
  const spans = all.filter((s) => c(s.end) > c(s.start));
  const edges = [...new Set([0, length, ...spans.flatMap((s) => [Math.max(0, Math.min(length, s.start)), Math.max(0, Math.min(length, s.end))])])].sort((a, b) => a - b);
  return edges.slice(0, -1).map((from, i) => {
    const to = edges[i + 1];
    const cover = spans.filter((s) => s.end > s.start && s.start <= from && s.end >= to);
    return { from, to, ids: cover.map((s) => s.id).sort() };
  });
}

describe('text pieces for review columns', () => {
  it('cut at every edge; each piece knows the spans covering it and shows the innermost', () => {
    const spans: S[] = [{ id: 'outer', start: 0, end: 10 }, { id: 'inner', start: 2, end: 5 }, { id: 'next', start: 12, end: 15 }];
    const p = textPieces(20, spans, at);
    expect(p.map((x) => [x.from, x.to, x.top?.id ?? null, x.covering.map((c) => c.id)])).toEqual([
      [0, 2, 'outer', ['outer']], [2, 5, 'inner', ['outer', 'inner']], [5, 10, 'outer', ['outer']], [10, 12, null, []], [12, 15, 'next', ['next']], [15, 20, null, []],
    ]);
  });

  it('agree with the plain definition on random nested, overlapping, empty and out-of-range spans', () => {
    let seed = 5;
    const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let round = 0; round < 50; round++) {
      const spans: S[] = Array.from({ length: 30 }, (_, i) => { const a = Math.floor(r() * 120) - 10; return { id: `s${i}`, start: a, end: a + Math.floor(r() * 30) }; });
      const got = textPieces(100, spans, at).map((x) => ({ from: x.from, to: x.to, ids: x.covering.map((c) => c.id).sort() }));
      expect(got).toEqual(naive(100, spans));
    }
  });

  it('group into blocks that end after a line break and together cover the text once, in order, with the same spans', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(i % 40)}`).join('\n');
    // spans across line ends too, so some pieces are cut at a block's end
    const spans: S[] = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, start: i * 40, end: i * 40 + 30 }));
    const pieces = textPieces(text.length, spans, at);
    const blocks = blocksOf(pieces, text, 300);
    expect(blocks.length).toBeGreaterThan(5);
    for (const b of blocks.slice(0, -1)) expect(text[b[b.length - 1].to - 1]).toBe('\n');
    const flat = blocks.flat();
    expect(flat.map((p) => text.slice(p.from, p.to)).join('')).toBe(text);
    for (let i = 1; i < flat.length; i++) expect(flat[i].from).toBe(flat[i - 1].to);
    // every character keeps the spans that covered it
    const cover = (ps: typeof pieces, x: number) => ps.find((p) => p.from <= x && x < p.to)!.covering.map((c) => c.id);
    for (let x = 0; x < text.length; x += 7) expect(cover(flat, x)).toEqual(cover(pieces, x));
    expect(blocksOf(pieces, text.replace(/\n/g, ' '), 300)).toHaveLength(1);
  });
});
