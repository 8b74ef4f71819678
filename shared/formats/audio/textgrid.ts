// Praat TextGrid: interval tiers, one per our tier. Writes the long ("text") format Praat itself writes; reads the
// long and the short format (both are the same token stream with or without the names, so one tokenizer reads
// both). Point tiers (TextTier) hold point events (segments with start === end, marked point); intervals with
// empty text are gaps, not segments.
import { formatError, num, sortIntervals, type Interval, type IntervalDoc, type WriteResult } from './model.ts';

function q(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function writeTextGrid(doc: IntervalDoc): WriteResult {
  const warnings: string[] = [];
  const all = sortIntervals(doc);
  const end = Math.max(doc.duration ?? 0, ...all.map((i) => i.end), 0);
  const tiers = doc.tiers.length ? doc.tiers : [''];
  const out: string[] = ['File type = "ooTextFile"', 'Object class = "TextGrid"', '', 'xmin = 0 ', `xmax = ${num(end)} `, 'tiers? <exists> ', `size = ${tiers.length} `, 'item []: '];
  const pointTiers = new Set(doc.pointTiers ?? []);
  tiers.forEach((tier, t) => {
    if (pointTiers.has(tier)) {
      const points = all.filter((i) => i.tier === tier);
      const ranges = points.filter((p) => !p.point && p.end !== p.start).length;
      if (ranges) warnings.push(`${doc.name}: point tier "${tier}" holds ${ranges} segment(s) with a duration; they were written as points at their start.`);
      out.push(`    item [${t + 1}]:`, '        class = "TextTier" ', `        name = ${q(tier)} `, '        xmin = 0 ', `        xmax = ${num(end)} `, `        points: size = ${points.length} `);
      points.forEach((p, i) => out.push(`        points [${i + 1}]:`, `            number = ${num(p.start)} `, `            mark = ${q(p.text)} `));
      return;
    }
    // An interval tier covers the whole recording: gaps become empty intervals; overlaps cannot be expressed.
    const cells: Interval[] = [];
    let at = 0;
    for (const iv of all.filter((i) => i.tier === tier)) {
      let start = iv.start;
      if (start < at) {
        warnings.push(`${doc.name}: on tier "${tier}" the segment ${num(iv.start)}–${num(iv.end)} s overlaps the one before; TextGrid tiers cannot overlap, so it starts at ${num(at)} s.`);
        start = at;
        if (start >= iv.end) continue;
      }
      if (start > at) cells.push({ start: at, end: start, tier, text: '' });
      cells.push({ ...iv, start });
      at = iv.end;
    }
    if (at < end || cells.length === 0) cells.push({ start: at, end: Math.max(end, at), tier, text: '' });
    out.push(`    item [${t + 1}]:`, '        class = "IntervalTier" ', `        name = ${q(tier)} `, '        xmin = 0 ', `        xmax = ${num(end)} `, `        intervals: size = ${cells.length} `);
    cells.forEach((c, i) => out.push(`        intervals [${i + 1}]:`, `            xmin = ${num(c.start)} `, `            xmax = ${num(c.end)} `, `            text = ${q(c.text)} `));
  });
  return { text: out.join('\n') + '\n', warnings };
}

type Token = { kind: 'num'; value: number; line: number } | { kind: 'str'; value: string; line: number } | { kind: 'flag'; value: string; line: number };

/** Numbers, "strings" (with "" for a quote), and <flags>; names, "=", ":" and [indices] are skipped. */
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /"((?:[^"]|"")*)"|\[[^\]\n]*\]|<(exists|absent)>|(?<![\w.])(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?![\w.])|![^\n]*|=[ \t]*(?=[^\s\d.\-"<])(\S+)|"/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    for (let i = last; i < m.index; i++) if (src.charCodeAt(i) === 10) line++;
    last = m.index;
    if (m[1] !== undefined) tokens.push({ kind: 'str', value: m[1].replace(/""/g, '"'), line });
    else if (m[2]) tokens.push({ kind: 'flag', value: m[2], line });
    else if (m[3]) tokens.push({ kind: 'num', value: Number(m[3]), line });
    else if (m[4] !== undefined) throw Object.assign(new Error(`"${m[4]}" is neither a number nor a "text"`), { line });
    else if (m[0] === '"') throw Object.assign(new Error('a text starts with " but never ends'), { line });
  }
  return tokens;
}

export function parseTextGrid(src: string, file: string): { doc: IntervalDoc; warnings: string[] } {
  const warnings: string[] = [];
  let tokens: Token[];
  try {
    tokens = tokenize(src);
  } catch (e) {
    throw formatError(file, (e as { line: number }).line, (e as Error).message);
  }
  let k = 0;
  const lastLine = () => tokens[Math.min(k, tokens.length - 1)]?.line ?? 1;
  const next = <K extends Token['kind']>(kind: K, what: string): Extract<Token, { kind: K }> => {
    const t = tokens[k];
    if (!t) throw formatError(file, lastLine(), `the file ends where ${what} was expected (truncated?)`);
    if (t.kind !== kind) throw formatError(file, t.line, `expected ${what}, found ${t.kind === 'str' ? `"${t.value}"` : String(t.value)}`);
    k++;
    return t as Extract<Token, { kind: K }>;
  };
  if (/^\s*File type = "ooBinaryFile"/.test(src) || src.startsWith('ooBinaryFile')) throw formatError(file, 1, 'this is a binary TextGrid; save it from Praat as a text file');
  const type = next('str', 'File type = "ooTextFile"');
  if (type.value !== 'ooTextFile') throw formatError(file, type.line, `not a Praat text file (File type "${type.value}")`);
  const cls = next('str', 'Object class = "TextGrid"');
  if (!cls.value.startsWith('TextGrid')) throw formatError(file, cls.line, `not a TextGrid (Object class "${cls.value}")`);
  const xmin = next('num', 'xmin').value;
  const xmax = next('num', 'xmax').value;
  if (xmax < xmin) throw formatError(file, tokens[k - 1].line, `xmax ${xmax} is before xmin ${xmin}`);
  const doc: IntervalDoc = { name: file, duration: xmax, tiers: [], intervals: [] };
  if (tokens[k]?.kind === 'flag') {
    if (next('flag', '<exists>').value === 'absent') return { doc, warnings };
  }
  const size = next('num', 'the number of tiers');
  if (!Number.isInteger(size.value) || size.value < 0) throw formatError(file, size.line, `the number of tiers (${size.value}) is not a whole number`);
  for (let t = 0; t < size.value; t++) {
    const kind = next('str', `the class of tier ${t + 1}`);
    const name = next('str', `the name of tier ${t + 1}`).value;
    next('num', `xmin of tier "${name}"`);
    next('num', `xmax of tier "${name}"`);
    const n = next('num', `the number of intervals of tier "${name}"`);
    if (!Number.isInteger(n.value) || n.value < 0) throw formatError(file, n.line, `the number of items of tier "${name}" (${n.value}) is not a whole number`);
    if (kind.value === 'TextTier') {
      doc.tiers.push(name);
      (doc.pointTiers ??= []).push(name);
      for (let i = 0; i < n.value; i++) {
        const at = next('num', `the time of point ${i + 1} of tier "${name}"`).value;
        const text = next('str', `the mark of point ${i + 1} of tier "${name}"`).value;
        // A point with an empty mark is still an event (unlike an empty interval, which is a gap).
        doc.intervals.push({ start: at, end: at, tier: name, text, point: true });
      }
      continue;
    }
    if (kind.value !== 'IntervalTier') throw formatError(file, kind.line, `unknown tier class "${kind.value}"`);
    doc.tiers.push(name);
    for (let i = 0; i < n.value; i++) {
      const a = next('num', `xmin of interval ${i + 1} of tier "${name}"`);
      const b = next('num', `xmax of interval ${i + 1} of tier "${name}"`);
      const text = next('str', `the text of interval ${i + 1} of tier "${name}"`).value;
      if (b.value < a.value) throw formatError(file, b.line, `interval ${i + 1} of tier "${name}" ends (${b.value}) before it starts (${a.value})`);
      if (text.trim() !== '') doc.intervals.push({ start: a.value, end: b.value, tier: name, text });
    }
  }
  return { doc, warnings };
}
