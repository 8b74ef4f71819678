import { describe, it, expect } from 'vitest';
import { OffsetMap, clampToCharacters, utf8Length } from './offsets.ts';
import { tokenize, tokenAt, snapToTokens, TOKENIZE_CHUNK } from './tokenize.ts';
import { IntervalIndex } from './intervalIndex.ts';
import { assignLanes } from './lanes.ts';
import { pretag } from './pretagger.ts';
import { rowStarts, rowOf } from './rows.ts';

describe('offset mapping', () => {
  it('maps UTF-16 to code points across emoji (surrogate pairs and ZWJ sequences)', () => {
    const text = 'a😀b👩🏽‍💻c';
    const m = new OffsetMap(text);
    expect([...text].length).toBe(m.codePointLength);
    // "b" is at UTF-16 3, code point 2; "c" at UTF-16 text.length-1.
    expect(m.toCodePoint(3)).toBe(2);
    expect(m.toUtf16(2)).toBe(3);
    const c16 = text.indexOf('c');
    expect(m.toCodePoint(c16)).toBe([...text].indexOf('c'));
    for (let cp = 0; cp <= m.codePointLength; cp++) expect(m.toCodePoint(m.toUtf16(cp))).toBe(cp);
    expect(m.splitsPair(2)).toBe(true);
    expect(() => m.toUtf16(999)).toThrow(/outside the text/);
  });
  it('is the identity for RTL and BMP CJK text', () => {
    const text = 'مرحبا بكم في القاهرة — 東京へようこそ';
    const m = new OffsetMap(text);
    for (let i = 0; i <= text.length; i++) expect(m.toCodePoint(i)).toBe(i);
  });
  it('never lets a span hold half an emoji, and counts UTF-8 bytes', () => {
    const text = 'x😀y';
    expect(clampToCharacters(text, 2, 3)).toEqual({ start: 1, end: 3 });
    expect(clampToCharacters(text, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(utf8Length('a😀é')).toBe(1 + 4 + 2);
  });
});

describe('tokenization and snapping', () => {
  it('splits words and punctuation, and segments Japanese without spaces', () => {
    const text = 'Okafor joins Nordlicht, in Hamburg.';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['Okafor', 'joins', 'Nordlicht', ',', 'in', 'Hamburg', '.']);
    const ja = '東京へようこそ';
    const toks = tokenize(ja).map((t) => ja.slice(t.start, t.end));
    expect(toks.length).toBeGreaterThan(1);
    expect(toks.join('')).toBe(ja);
  });
  it('snaps a ragged selection to whole tokens and drops whitespace', () => {
    const text = 'The Port of Rotterdam Authority announced';
    // "ort of Rotter" → "Port of Rotterdam"
    const s = snapToTokens(text, text.indexOf('ort'), text.indexOf('dam'))!;
    expect(text.slice(s.start, s.end)).toBe('Port of Rotterdam');
    expect(snapToTokens(text, 3, 4)).toBeNull();
    const t = snapToTokens(text, 3, 6)!;
    expect(text.slice(t.start, t.end)).toBe('Port');
  });
  it('finds the token under an offset in RTL text and keeps emoji whole', () => {
    const text = 'مرحبا بكم في القاهرة';
    const t = tokenAt(text, text.indexOf('القاهرة') + 2)!;
    expect(text.slice(t.start, t.end)).toBe('القاهرة');
    const e = 'sent 👩🏽‍💻 to Zoë';
    const et = tokenAt(e, 6)!;
    expect(e.slice(et.start, et.end)).toBe('👩🏽‍💻');
    expect(tokenAt(e, 4)).toBeNull();
  });
});

describe('interval index', () => {
  const rand = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  it('answers overlap queries exactly like a linear scan, through inserts and deletes', () => {
    const r = rand(7);
    const spans = Array.from({ length: 3000 }, (_, i) => { const s = Math.floor(r() * 10000); return { id: `s${i}`, start: s, end: s + 1 + Math.floor(r() * (r() < 0.05 ? 2000 : 30)) }; });
    const idx = new IntervalIndex(spans.slice(0, 2000));
    const check = (queries: number) => {
      const live = spans.filter((s) => idx.has(s.id));
      expect(idx.size).toBe(live.length);
      // Document order: by start, the longer of two spans first, then by id.
      const docOrder = [...live].sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : 1));
      expect(idx.sorted.map((s) => s.id)).toEqual(docOrder.map((s) => s.id));
      for (let q = 0; q < queries; q++) {
        const a = Math.floor(r() * 10500), b = a + Math.floor(r() * 300);
        // In document order, as rows draw them.
        const got = idx.query(a, b).map((s) => s.id);
        const want = idx.sorted.filter((s) => s.start < b && s.end > a).map((s) => s.id);
        expect(got).toEqual(want);
        expect([...got].sort()).toEqual(live.filter((s) => s.start < b && s.end > a).map((s) => s.id).sort());
      }
    };
    check(50);
    // Edits between queries (as while tagging): each query sees every earlier edit.
    spans.slice(2000).forEach((s, i) => { idx.upsert(s); if (i % 50 === 0) check(3); });
    for (let i = 0; i < 500; i++) { idx.remove(`s${i * 3}`); if (i % 50 === 0) check(3); }
    // Removing the last span and adding one past the end.
    idx.remove(idx.sorted[idx.size - 1].id);
    check(20);
    spans.push({ id: 'tail', start: 20000, end: 20005 });
    idx.upsert(spans[spans.length - 1]);
    expect(idx.query(20001, 20002).map((s) => s.id)).toEqual(['tail']);
    check(200);
    const order = idx.sorted.map((s) => s.start);
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });
  it('replaces a span on upsert and reports its position', () => {
    const idx = new IntervalIndex([{ id: 'a', start: 5, end: 9 }, { id: 'b', start: 1, end: 3 }]);
    expect(idx.indexOf('a')).toBe(1);
    idx.upsert({ id: 'a', start: 0, end: 2 });
    expect(idx.indexOf('a')).toBe(0);
    expect(idx.query(4, 10)).toEqual([]);
    expect(idx.size).toBe(2);
    // Same place, new object (a relabel): swapped in place and found by queries.
    const relabeled = { id: 'b', start: 1, end: 3, label: 'x' };
    idx.upsert(relabeled);
    expect(idx.query(2, 3)).toContain(relabeled);
    expect(idx.size).toBe(2);
  });
  it('puts nested and overlapping spans on separate lanes, outer first', () => {
    const spans = [{ id: 'outer', start: 0, end: 20 }, { id: 'inner', start: 4, end: 8 }, { id: 'after', start: 21, end: 25 }, { id: 'cross', start: 6, end: 22 }];
    const { lane, count } = assignLanes(new IntervalIndex(spans).sorted);
    expect(lane.get('outer')).toBe(0);
    expect(lane.get('inner')).toBe(1);
    expect(lane.get('cross')).toBe(2);
    expect(lane.get('after')).toBe(0);
    expect(count).toBe(3);
  });
});

describe('pre-tagger', () => {
  it('proposes whole-word terms (any case) and pattern matches, in order', () => {
    const text = 'Flights from São Paulo to Kyoto on 3 June; kyotoite is not a match. São Paulo again.';
    const p = pretag(text, [{ label: 'location', terms: ['São Paulo', 'Kyoto'] }, { label: 'date', patterns: ['\\b\\d{1,2} (June|May)\\b'] }]);
    expect(p.map((x) => `${x.label}:${text.slice(x.start, x.end)}`)).toEqual(['location:São Paulo', 'location:Kyoto', 'date:3 June', 'location:São Paulo']);
  });
  it('respects caseSensitive and names the rule with a bad pattern', () => {
    expect(pretag('kyoto Kyoto', [{ label: 'loc', terms: ['Kyoto'], caseSensitive: true }])).toEqual([{ start: 6, end: 11, label: 'loc' }]);
    expect(() => pretag('x', [{ label: 'a', terms: ['x'] }, { label: 'date', patterns: ['(unclosed'] }])).toThrow(/rule 2 \(label "date"\), pattern 1/);
    expect(() => pretag('x', [{ label: 'a', patterns: ['(?<=x)y'] }])).toThrow(/not a valid RE2 regular expression .*lookaround/);
  });
  it('runs a pattern that backtracking engines take exponential time on in linear time', () => {
    // (a+)+$ on 24 characters took 219 ms on the page's native engine and doubles with every character: 50,000
    // would never end. RE2 answers at once, and finds the match when there is one.
    const t0 = performance.now();
    expect(pretag('a'.repeat(50_000) + 'b', [{ label: 'x', patterns: ['(a+)+$'] }])).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(pretag('baaa', [{ label: 'x', patterns: ['(a+)+$'] }])).toEqual([{ start: 1, end: 4, label: 'x' }]);
  });
  it('reports pattern matches at UTF-16 offsets after emoji', () => {
    const text = '😀 Meet Ana on 2024-01-02';
    expect(pretag(text, [{ label: 'date', patterns: ['\\d{4}-\\d{2}-\\d{2}'] }, { label: 'name', patterns: ['ana'] }]).map((p) => text.slice(p.start, p.end))).toEqual(['Ana', '2024-01-02']);
  });
});

describe('rows', () => {
  it('splits on newlines and cuts very long lines at a space', () => {
    const text = 'ab\n\ncd ef gh';
    const s = rowStarts(text);
    expect([...s]).toEqual([0, 3, 4]);
    expect(rowOf(s, 5)).toBe(2);
    const long = Array.from({ length: 1000 }, () => 'word').join(' ');
    const ls = rowStarts(long, 100);
    expect(ls.length).toBeGreaterThan(40);
    for (let i = 1; i < ls.length; i++) expect(long[ls[i] - 1]).toBe(' ');
  });
});

describe('tokenize on long texts', () => {
  /** Intl.Segmenter over the whole range: what tokenize must equal, piece by piece or not. */
  const whole = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)]
    .filter((s) => !/^\s+$/u.test(s.segment)).map((s) => ({ start: s.index, end: s.index + s.segment.length }));

  it('gives the tokens of one whole segmentation, cut at newlines, spaces or nowhere', () => {
    const bits = ['word', 'Wörter', "don't", '3.14', 'U.S.A.', 'e\u0301', '😀', '👩‍👩‍👧', '🇩🇪🇫🇷', '中文字', 'العربية', ' ', '  ', '\n', '\r\n', ' \u0301', ',', '—', '"q"', '\t'];
    for (let round = 0; round < 4; round++) {
      const parts: string[] = [];
      let n = 0;
      while (n < TOKENIZE_CHUNK * (round + 3)) {
        // round 0 has no newlines, round 1 no spaces either (one long run), the others everything
        const b = bits[Math.floor(Math.random() * bits.length)];
        if ((round < 2 && /[\r\n]/.test(b)) || (round === 1 && /\s/.test(b))) continue;
        parts.push(b);
        n += b.length;
      }
      const text = parts.join('');
      expect(tokenize(text)).toEqual(whole(text));
      expect(tokenize(text, 100, text.length - 100)).toEqual(whole(text.slice(100, text.length - 100)).map((t) => ({ start: t.start + 100, end: t.end + 100 })));
    }
  });
});
