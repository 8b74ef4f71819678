// Label Studio JSON export: a list of tasks {data: {text}, annotations: [{result: [...]}]} with "labels" results
// for spans, "relation" results between them and "choices" for document labels. Label Studio's text offsets are
// the browser's string indices, i.e. UTF-16 code units like ours; no conversion is needed.
import { checkSpans, type FormatWarning, type ParseResult, type TextDoc } from './model.ts';

export const LS_NAMES = { labels: 'label', text: 'text', choices: 'doclabel' } as const;

export function writeLabelStudio(docs: readonly TextDoc[]): string {
  return JSON.stringify(docs.map((doc, d) => ({
    id: d + 1,
    data: { text: doc.text, ...(doc.name ? { name: doc.name } : {}) },
    annotations: [{
      result: [
        ...doc.spans.map((s) => ({
          id: s.id, from_name: LS_NAMES.labels, to_name: LS_NAMES.text, type: 'labels', origin: s.origin === 'model' ? 'prediction' : 'manual',
          value: { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), labels: [s.label] },
        })),
        ...doc.relations.map((r) => ({ type: 'relation', from_id: r.from, to_id: r.to, direction: 'right', labels: [r.label] })),
        ...(doc.docLabels.length ? [{ id: `doc${d + 1}`, from_name: LS_NAMES.choices, to_name: LS_NAMES.text, type: 'choices', value: { choices: doc.docLabels } }] : []),
      ],
    }],
  })), null, 1);
}

interface LsResult { id?: string; type: string; from_id?: string; to_id?: string; labels?: string[]; origin?: string; value?: { start?: number; end?: number; labels?: string[]; choices?: string[] } }

export function parseLabelStudio(src: string): ParseResult {
  const warnings: FormatWarning[] = [];
  const tasks = JSON.parse(src) as { data: { text: string; name?: string }; annotations?: { result: LsResult[] }[] }[];
  const docs: TextDoc[] = tasks.map((t) => {
    const doc: TextDoc = { name: t.data.name, text: t.data.text, spans: [], relations: [], docLabels: [] };
    for (const r of t.annotations?.[0]?.result ?? []) {
      if (r.type === 'labels' && r.value) doc.spans.push({ id: r.id ?? `ls${doc.spans.length}`, start: r.value.start ?? -1, end: r.value.end ?? -1, label: r.value.labels?.[0] ?? '', origin: r.origin === 'prediction' ? 'model' : 'human' });
      else if (r.type === 'relation' && r.from_id && r.to_id) doc.relations.push({ from: r.from_id, to: r.to_id, label: r.labels?.[0] ?? '' });
      else if (r.type === 'choices') doc.docLabels.push(...(r.value?.choices ?? []));
    }
    return checkSpans(doc, undefined, warnings);
  });
  return { docs, warnings };
}
