// Label Studio JSON for text: tasks {data: {text, …}, annotations: [{result: [...]}]} with "labels" results for
// spans (start/end/text), "relation" results between them and "choices" for document labels. Label Studio's
// text offsets are the browser's string indices, i.e. UTF-16 code units like ours; no conversion is needed. The
// task's other data fields are kept as the document's meta and written back; region ids are kept as span ids.
import { collectNames, dataKeyOf, emptyNames, readLsTasks, taskResults, type LabelStudioNames, type LsResult } from '../labelStudio.ts';
import { checkSpans, type FormatWarning, type ParseResult, type TextDoc } from './model.ts';

export function writeLabelStudio(docs: readonly TextDoc[], kept?: LabelStudioNames): string {
  const names = kept ?? emptyNames('text');
  const toName = names.toName || 'text';
  const spanControl = names.labelControls.labels ?? 'label';
  const choiceControl = names.labelControls.choices ?? 'doclabel';
  return JSON.stringify(docs.map((doc, d) => ({
    id: d + 1,
    // The task's other data fields (kept as the document's meta) go back beside the text.
    data: { ...doc.meta, [names.dataKey || toName]: doc.text },
    annotations: [{
      id: d + 1,
      result: [
        ...doc.spans.map((s) => ({
          value: { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), labels: [s.label] },
          id: s.id, from_name: spanControl, to_name: toName, type: 'labels', origin: s.origin === 'model' ? 'prediction' : 'manual',
        })),
        ...doc.relations.map((r) => ({ from_id: r.from, to_id: r.to, type: 'relation', direction: r.direction ?? 'right', labels: r.label ? [r.label] : [] })),
        ...(doc.docLabels.length ? [{ value: { choices: doc.docLabels }, id: doc.docLabelsId ?? `doc${d + 1}`, from_name: choiceControl, to_name: toName, type: 'choices', origin: 'manual' }] : []),
      ],
    }],
    predictions: [],
  })), null, 1);
}

export function parseLabelStudio(src: string): ParseResult {
  const warnings: FormatWarning[] = [];
  const names = emptyNames('', '');
  const docs: TextDoc[] = readLsTasks(src).map((t, i) => {
    const { results, fromPrediction } = taskResults(t);
    const key = dataKeyOf(t, results, 'text');
    if (!key) throw new Error(`task ${t.id ?? i + 1} has no text in its "data"`);
    collectNames(names, key, results, new Set(['labels', 'relation', 'choices']), new Set());
    const { [key]: text, ...rest } = t.data;
    const meta = Object.keys(rest).length ? rest : undefined;
    const doc: TextDoc = { name: typeof rest.name === 'string' ? rest.name : undefined, text: text as string, spans: [], relations: [], docLabels: [], ...(meta ? { meta } : {}) };
    for (const r of results as LsResult[]) {
      const v = r.value ?? {};
      if (r.type === 'labels') {
        const labels = Array.isArray(v.labels) ? v.labels : [];
        if (labels.length > 1) warnings.push({ reason: `task ${t.id ?? i + 1}: span ${String(v.start)}..${String(v.end)} has ${labels.length} labels; only the first (${String(labels[0])}) is kept` });
        doc.spans.push({ id: r.id ?? `ls${doc.spans.length}`, start: typeof v.start === 'number' ? v.start : -1, end: typeof v.end === 'number' ? v.end : -1, label: typeof labels[0] === 'string' ? labels[0] : '', origin: fromPrediction || r.origin === 'prediction' ? 'model' : 'human' });
      } else if (r.type === 'relation' && r.from_id && r.to_id) {
        doc.relations.push({ from: r.from_id, to: r.to_id, label: r.labels?.[0] ?? '', ...(r.direction && r.direction !== 'right' ? { direction: r.direction } : {}) });
      } else if (r.type === 'choices') {
        doc.docLabels.push(...((Array.isArray(v.choices) ? v.choices : []) as string[]));
        if (r.id) doc.docLabelsId = r.id;
      } else warnings.push({ reason: `task ${t.id ?? i + 1}: a "${r.type}" result is not kept (text tasks hold spans, relations and choices)` });
    }
    return checkSpans(doc, undefined, warnings);
  });
  return { docs, warnings, labelStudio: names };
}
