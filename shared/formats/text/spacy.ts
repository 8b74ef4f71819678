// spaCy JSON: the shape of spaCy v3's Doc.to_json() (read back with Doc.from_json): text, "ents" with character
// offsets, "cats" and "tokens". spaCy is Python, so offsets count code points. spaCy docs have no span relations;
// they are kept under "user_data.relations" (Doc.user_data) so nothing is lost on a round trip through this file.
import { OffsetMap } from '../../text/offsets.ts';
import { tokenize } from '../../text/tokenize.ts';
import { checkSpans, fromCodePoint, type FormatWarning, type ParseResult, type TextDoc } from './model.ts';

export function writeSpacy(docs: readonly TextDoc[], options: { cats?: readonly string[] } = {}): string {
  return JSON.stringify(docs.map((doc) => {
    const map = new OffsetMap(doc.text);
    const cp = (u: number) => map.toCodePoint(u);
    const cats: Record<string, number> = {};
    for (const c of options.cats ?? []) cats[c] = 0;
    for (const c of doc.docLabels) cats[c] = 1;
    const idx = new Map(doc.spans.map((s, i) => [s.id, i]));
    return {
      text: doc.text,
      ents: doc.spans.map((s) => ({ start: cp(s.start), end: cp(s.end), label: s.label })),
      cats,
      tokens: tokenize(doc.text).map((t, i) => ({ id: i, start: cp(t.start), end: cp(t.end) })),
      user_data: { relations: doc.relations.map((r) => ({ head: idx.get(r.from), child: idx.get(r.to), label: r.label })), ...(doc.name ? { name: doc.name } : {}) },
    };
  }), null, 1);
}

export function parseSpacy(src: string): ParseResult {
  const warnings: FormatWarning[] = [];
  const arr = JSON.parse(src) as unknown;
  const list = Array.isArray(arr) ? arr : [arr];
  const docs = list.map((raw, d) => {
    const o = raw as { text: string; ents?: { start: number; end: number; label: string }[]; cats?: Record<string, number>; user_data?: { relations?: { head: number; child: number; label: string }[]; name?: string } };
    const map = new OffsetMap(o.text);
    const spans = (o.ents ?? []).map((e, i) => ({ id: `s${d}_${i}`, start: fromCodePoint(map, e.start), end: fromCodePoint(map, e.end), label: e.label }));
    const relations = (o.user_data?.relations ?? []).map((r) => ({ from: `s${d}_${r.head}`, to: `s${d}_${r.child}`, label: r.label }));
    const docLabels = Object.entries(o.cats ?? {}).filter(([, v]) => v >= 0.5).map(([k]) => k);
    return checkSpans({ name: o.user_data?.name, text: o.text, spans, relations, docLabels }, undefined, warnings);
  });
  return { docs, warnings };
}
