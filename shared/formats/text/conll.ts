// CoNLL-2003 style BIO files: one token per line (token first, entity tag last), a blank line between sentences,
// "-DOCSTART-" between documents. Imported text is the tokens joined by spaces, one sentence per line, so spans
// are exact UTF-16 offsets; export tokenizes at whitespace and at span edges, so every span is expressible unless
// spans overlap (BIO cannot say that; the overlapped ones are left out with a note).
import { checkSpans, labelForTag, tagForLabel, type FormatWarning, type ParseResult, type TextDoc, type TextSpan } from './model.ts';

const TAG = /^(?:(B|I|E|S|U|L)-(.+)|O)$/;

export function parseConll(src: string): ParseResult {
  const docs: TextDoc[] = [];
  const warnings: FormatWarning[] = [];
  let text = '';
  let sentence: string[] = [];
  let spans: TextSpan[] = [];
  let columns: string[][] = [];
  let open: TextSpan | null = null;
  let docLine = 1;
  let lineStart = 0;
  const closeSpan = () => { if (open) spans.push(open); open = null; };
  const endSentence = () => {
    closeSpan();
    if (!sentence.length) return;
    text += (text ? '\n' : '') + sentence.join(' ');
    sentence = [];
  };
  const endDoc = () => {
    endSentence();
    const extra = columns.some((c) => c.length) ? { columns } : {};
    if (text) docs.push(checkSpans({ name: `line ${docLine}`, text, spans, relations: [], docLabels: [], ...extra }, docLine, warnings));
    text = ''; spans = []; columns = [];
  };
  const lines = src.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const n = i + 1;
    if (!line.trim()) { endSentence(); continue; }
    const cols = line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') { endDoc(); docLine = n + 1; continue; }
    const token = cols[0];
    const tag = cols.length > 1 ? cols[cols.length - 1] : 'O';
    const m = TAG.exec(tag);
    // Offset of this token in the document: the text so far, a newline if a sentence is already there, the tokens.
    lineStart = (text ? text.length + 1 : 0) + (sentence.length ? sentence.join(' ').length + 1 : 0);
    const start = lineStart;
    const end = start + token.length;
    sentence.push(token);
    columns.push(cols.length > 2 ? cols.slice(1, -1) : []);
    if (!m) {
      warnings.push({ line: n, reason: `"${tag}" is not a BIO tag (expected O, B-TYPE or I-TYPE); read as O` });
      closeSpan();
      continue;
    }
    const [, prefix, type] = m;
    if (!prefix) { closeSpan(); continue; }
    const cur = open as TextSpan | null;
    const continues = (prefix === 'I' || prefix === 'E' || prefix === 'L') && cur && cur.label === labelForTag(type);
    if (continues) cur!.end = end;
    else { closeSpan(); open = { id: `t${docs.length}_${spans.length}`, start, end, label: labelForTag(type) }; }
    if (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U') closeSpan();
  }
  endDoc();
  return { docs, warnings };
}

export interface WriteResult { text: string; warnings: string[] }

/** Writes documents as CoNLL (token COLUMNS TAG), -DOCSTART- before each document. The columns are the ones the
 *  document was imported with (POS, chunk) when its tokens are still the same, else "_ _". */
export function writeConll(docs: readonly TextDoc[]): WriteResult {
  const out: string[] = [];
  const warnings: string[] = [];
  docs.forEach((doc, d) => {
    const name = doc.name ?? `document ${d + 1}`;
    // BIO has one tag per token: keep spans in order and leave out any that overlaps a kept one.
    const sorted = [...doc.spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: TextSpan[] = [];
    for (const s of sorted) {
      if (kept.length && s.start < kept[kept.length - 1].end) { warnings.push(`${name}: span "${doc.text.slice(s.start, s.end)}" (${s.label}) overlaps another; BIO cannot express it`); continue; }
      kept.push(s);
    }
    if (doc.relations.length) warnings.push(`${name}: ${doc.relations.length} relation(s) left out (CoNLL has no relations)`);
    if (doc.docLabels.length) warnings.push(`${name}: document labels left out (CoNLL has none)`);
    const cuts = new Set<number>();
    for (const s of kept) { cuts.add(s.start); cuts.add(s.end); }
    out.push('-DOCSTART- -X- -X- O', '');
    let k = 0;
    const all: { start: number; end: number }[][] = [];
    for (const line of doc.text.split('\n')) {
      const base = k;
      k += line.length + 1;
      const tokens: { start: number; end: number }[] = [];
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) {
        let s = base + m.index;
        const e = s + m[0].length;
        for (let i = s + 1; i < e; i++) if (cuts.has(i)) { tokens.push({ start: s, end: i }); s = i; }
        tokens.push({ start: s, end: e });
      }
      all.push(tokens);
    }
    const count = all.reduce((n, t) => n + t.length, 0);
    const cols = doc.columns && doc.columns.length === count ? doc.columns : null;
    if (doc.columns && !cols) warnings.push(`${name}: its tokens changed since import, so its POS/chunk columns were written as "_"`);
    let ti = 0;
    let si = 0;
    for (const tokens of all) {
      if (!tokens.length) continue;
      for (const t of tokens) {
        while (si < kept.length && kept[si].end <= t.start) si++;
        const sp = kept[si];
        const tag = sp && sp.start <= t.start && t.end <= sp.end ? `${sp.start === t.start ? 'B' : 'I'}-${tagForLabel(sp.label)}` : 'O';
        const c = cols ? cols[ti] : ['_', '_'];
        ti++;
        out.push([doc.text.slice(t.start, t.end), ...c, tag].join(' '));
      }
      out.push('');
    }
  });
  return { text: out.join('\n') + (out.length ? '\n' : ''), warnings };
}

/** CoNLL's middle columns (POS, chunk) per token as one string, one token a line, columns space-separated: a
 *  10 MB document has ~1.7 million tokens, and as arrays in the asset's meta they made every read of the asset
 *  parse millions of small arrays (opening the task took seconds). */
export function packColumns(columns: readonly (readonly string[])[]): string {
  return columns.map((c) => c.join(' ')).join('\n');
}

/** The columns from packColumns, or from the arrays stored before it; undefined for anything else. */
export function unpackColumns(v: unknown): string[][] | undefined {
  if (typeof v === 'string') return v.split('\n').map((l) => (l ? l.split(' ') : []));
  return Array.isArray(v) ? (v as string[][]) : undefined;
}
