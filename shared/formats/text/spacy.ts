// spaCy: one Doc.to_json() object per line (JSON Lines), each read back with Doc(nlp.vocab).from_json(obj, validate=
// True): "text", "tokens" (cut at every entity edge so each entity is a token span), "ents" (non-overlapping),
// "sents", "cats" (floats, as DocJSONSchema's StrictFloat demands), overlapping spans in the "sc" span group, and
// what spaCy has no field for (relations, the document's name) under "_" (Doc._ extensions). spaCy counts code
// points; offsets are converted here. Reading also accepts a JSON array or a single object (older exports).
import { OffsetMap } from '../../text/offsets.ts';
import { tokenize } from '../../text/tokenize.ts';
import { checkSpans, fromCodePoint, type FormatWarning, type ParseResult, type TextDoc, type TextSpan } from './model.ts';

/** A number as a JSON float literal (1 → 1.0): Python reads 1 as int, which StrictFloat refuses. */
const float = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/** Word tokens, split again at span edges so every span starts and ends on a token boundary. */
function tokensFor(doc: TextDoc): { start: number; end: number }[] {
  const cuts = new Set<number>();
  for (const s of doc.spans) { cuts.add(s.start); cuts.add(s.end); }
  const out: { start: number; end: number }[] = [];
  for (const t of tokenize(doc.text)) {
    let s = t.start;
    for (let i = t.start + 1; i < t.end; i++) if (cuts.has(i)) { out.push({ start: s, end: i }); s = i; }
    out.push({ start: s, end: t.end });
  }
  return out;
}

function docJson(doc: TextDoc, cats: readonly string[]): string {
  const map = new OffsetMap(doc.text);
  const cp = (u: number) => map.toCodePoint(u);
  const tokens = tokensFor(doc);
  // Doc.ents cannot overlap: the first of overlapping spans is an entity, the others go to the "sc" span group.
  const ents: TextSpan[] = [];
  const others: TextSpan[] = [];
  for (const s of [...doc.spans].sort((a, b) => a.start - b.start || b.end - a.end)) (ents.length && s.start < ents[ents.length - 1].end ? others : ents).push(s);
  const sents: { start: number; end: number }[] = [];
  let line: { start: number; end: number } | null = null;
  for (const t of tokens) {
    if (line && !doc.text.slice(line.end, t.start).includes('\n')) line.end = t.end;
    else sents.push((line = { start: t.start, end: t.end }));
  }
  const catValues: Record<string, number> = {};
  for (const c of cats) catValues[c] = 0;
  for (const c of doc.docLabels) catValues[c] = 1;
  const idx = new Map(doc.spans.map((s, i) => [s.id, i]));
  const underscore = {
    ...(doc.relations.length ? { relations: doc.relations.map((r) => ({ head: idx.get(r.from), child: idx.get(r.to), label: r.label })) } : {}),
    ...(doc.name ? { name: doc.name } : {}),
  };
  const span = (s: TextSpan) => ({ start: cp(s.start), end: cp(s.end), label: s.label });
  const parts = [
    `"text":${JSON.stringify(doc.text)}`,
    `"ents":${JSON.stringify(ents.map(span))}`,
    `"sents":${JSON.stringify(sents.map((s) => ({ start: cp(s.start), end: cp(s.end) })))}`,
    `"cats":{${Object.entries(catValues).map(([k, v]) => `${JSON.stringify(k)}:${float(v)}`).join(',')}}`,
    `"tokens":${JSON.stringify(tokens.map((t, i) => ({ id: i, start: cp(t.start), end: cp(t.end) })))}`,
    ...(others.length ? [`"spans":${JSON.stringify({ sc: others.map((s) => ({ ...span(s), kb_id: '' })) })}`] : []),
    ...(Object.keys(underscore).length ? [`"_":${JSON.stringify(underscore)}`] : []),
  ];
  return `{${parts.join(',')}}`;
}

export function writeSpacy(docs: readonly TextDoc[], options: { cats?: readonly string[] } = {}): string {
  return docs.map((d) => docJson(d, options.cats ?? [])).join('\n') + (docs.length ? '\n' : '');
}

interface SpacyJson {
  text: string;
  ents?: { start: number; end: number; label: string }[];
  spans?: Record<string, { start: number; end: number; label: string }[]>;
  cats?: Record<string, number>;
  _?: { relations?: { head: number; child: number; label: string }[]; name?: string };
  user_data?: { relations?: { head: number; child: number; label: string }[]; name?: string };
}

function objectsOf(src: string): SpacyJson[] {
  const t = src.trim();
  if (t.startsWith('[')) return JSON.parse(t) as SpacyJson[];
  return t.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SpacyJson);
}

export function parseSpacy(src: string): ParseResult {
  const warnings: FormatWarning[] = [];
  const docs = objectsOf(src).map((o, d) => {
    if (!o || typeof o.text !== 'string') throw new Error(`document ${d + 1} has no "text"`);
    const map = new OffsetMap(o.text);
    const all = [...(o.ents ?? []), ...Object.values(o.spans ?? {}).flat()];
    const spans = all.map((e, i) => ({ id: `s${d}_${i}`, start: fromCodePoint(map, e.start), end: fromCodePoint(map, e.end), label: e.label }));
    const extra = o._ ?? o.user_data ?? {};
    const relations = (extra.relations ?? []).map((r) => ({ from: `s${d}_${r.head}`, to: `s${d}_${r.child}`, label: r.label }));
    const docLabels = Object.entries(o.cats ?? {}).filter(([, v]) => v >= 0.5).map(([k]) => k);
    return checkSpans({ name: extra.name, text: o.text, spans, relations, docLabels }, undefined, warnings);
  });
  return { docs, warnings };
}
