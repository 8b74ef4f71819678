// doccano JSONL: one document per line. Read: {"text", "label": [[start, end, "TYPE"], ...]} (sequence labeling),
// {"text", "entities": [{id, label, start_offset, end_offset}], "relations": [{from_id, to_id, type}]} (relation
// project), and document labels as "label": ["News", ...] or "cats". doccano is Python: offsets count code points;
// they are converted to and from our UTF-16 offsets here. A bad line is reported by number; the others are read.
import { OffsetMap } from '../../text/offsets.ts';
import { checkSpans, fromCodePoint, type FormatWarning, type ParseResult, type TextDoc, type TextRelation, type TextSpan } from './model.ts';

type Json = Record<string, unknown>;

export function parseDoccanoLine(line: string, n: number, warnings: FormatWarning[]): TextDoc {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new Error(`line ${n} is not valid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`line ${n} is not a JSON object`);
  const o = v as Json;
  const text = typeof o.text === 'string' ? o.text : typeof o.data === 'string' ? o.data : null;
  if (text === null) throw new Error(`line ${n} has no "text" string`);
  if (!text.trim()) throw new Error(`line ${n} has an empty "text"`);
  const map = new OffsetMap(text);
  const spans: TextSpan[] = [];
  const relations: TextRelation[] = [];
  const docLabels: string[] = [];
  const bad = (what: string) => warnings.push({ line: n, reason: what });
  const addSpan = (id: string, s: unknown, e: unknown, label: unknown) => {
    const start = fromCodePoint(map, s), end = fromCodePoint(map, e);
    if (typeof label !== 'string' || !label) return bad(`a span has no label; skipped`);
    if (start < 0 || end < 0 || start >= end) return bad(`span ${String(s)}..${String(e)} (${label}) does not fit the text of ${map.codePointLength} characters; skipped`);
    spans.push({ id, start, end, label });
  };
  const labels = Array.isArray(o.label) ? o.label : Array.isArray(o.labels) ? o.labels : [];
  labels.forEach((l, i) => {
    if (typeof l === 'string') docLabels.push(l);
    else if (Array.isArray(l) && l.length >= 3) addSpan(`d${n}_${i}`, l[0], l[1], l[2]);
    else bad(`label ${i + 1} is neither [start, end, "TYPE"] nor a document label; skipped`);
  });
  if (Array.isArray(o.entities)) {
    (o.entities as Json[]).forEach((ent, i) => {
      if (!ent || typeof ent !== 'object') return bad(`entity ${i + 1} is not an object; skipped`);
      addSpan(`d${n}_e${ent.id ?? i}`, ent.start_offset, ent.end_offset, ent.label);
    });
  }
  if (Array.isArray(o.relations)) {
    for (const r of o.relations as Json[]) {
      if (!r || typeof r !== 'object' || typeof r.type !== 'string') { bad('a relation has no type; skipped'); continue; }
      relations.push({ from: `d${n}_e${String(r.from_id)}`, to: `d${n}_e${String(r.to_id)}`, label: r.type });
    }
  }
  if (Array.isArray(o.cats)) for (const c of o.cats) if (typeof c === 'string') docLabels.push(c);
  if (o.cats && typeof o.cats === 'object' && !Array.isArray(o.cats)) for (const [k, val] of Object.entries(o.cats)) if (val === true || (typeof val === 'number' && val >= 0.5)) docLabels.push(k);
  const name = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined;
  const meta = o.meta && typeof o.meta === 'object' && !Array.isArray(o.meta) ? { meta: o.meta as Record<string, unknown> } : {};
  return checkSpans({ name, text, spans, relations, docLabels, ...meta }, n, warnings);
}

/** Reads every line; a malformed line becomes a warning naming it and the rest are still read. */
export function parseDoccano(src: string): ParseResult {
  const docs: TextDoc[] = [];
  const warnings: FormatWarning[] = [];
  src.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    try {
      docs.push(parseDoccanoLine(line, i + 1, warnings));
    } catch (e) {
      warnings.push({ line: i + 1, reason: `${(e as Error).message}; skipped` });
    }
  });
  return { docs, warnings };
}

/** doccano relation-project JSONL; document labels go in "label" (a list of strings), as in classification projects.
 *  A document imported from doccano keeps its id and meta. */
export function writeDoccano(docs: readonly TextDoc[]): string {
  return docs.map((doc, d) => {
    const map = new OffsetMap(doc.text);
    const num = new Map(doc.spans.map((s, i) => [s.id, i + 1]));
    const sourceId = doc.name !== undefined && /^\d{1,15}$/.test(doc.name) ? Number(doc.name) : undefined;
    return JSON.stringify({
      id: sourceId ?? d + 1,
      text: doc.text,
      entities: doc.spans.map((s, i) => ({ id: i + 1, label: s.label, start_offset: map.toCodePoint(s.start), end_offset: map.toCodePoint(s.end) })),
      relations: doc.relations.map((r, i) => ({ id: i + 1, from_id: num.get(r.from), to_id: num.get(r.to), type: r.label })),
      label: doc.docLabels,
      ...(doc.name && sourceId === undefined ? { name: doc.name } : {}),
      ...(doc.meta ? { meta: doc.meta } : {}),
    });
  }).join('\n') + (docs.length ? '\n' : '');
}
