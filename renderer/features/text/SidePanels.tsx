// Side panels besides the span list: the selected span, relations, and the document's labels.
import { useMemo } from 'react';
import type { ModalitySchema } from '../../../shared/domain.ts';
import type { SpanModel } from './spanModel.ts';
import { usePanelUi, useTextUi } from './textUi.ts';
import { selectOne } from '../workspace/selection.ts';
import { acceptSuggestion, deleteRelation, deleteSpan, rejectSuggestion, relabel, toggleDocLabel } from './spanOps.ts';
import { snippet, type LabelLook } from './Row.tsx';
import { SpanAttributes } from './SpanAttributes.tsx';
import { OffsetMap } from '../../../shared/text/offsets.ts';
import { KeyHint } from '../../ui/KeyHint.tsx';
import { useVirtualRows } from '../../ui/useVirtualRows.ts';
import { useReadOnly } from '../document/documentStore.ts';

let offsetMap: OffsetMap | null = null;
/** Builds the offset map ahead of time (one pass over the text, ~10 ms for 1 MB), so the first selected span does
 *  not pay for it. */
export function warmOffsets(text: string): OffsetMap {
  if (offsetMap?.text !== text) offsetMap = new OffsetMap(text);
  return offsetMap;
}

/** " (code points a–b)" when they differ from the stored UTF-16 offsets (emoji and other astral characters before). */
function codePoints(text: string, s: { start: number; end: number }): string {
  const map = warmOffsets(text);
  const a = map.toCodePoint(s.start), b = map.toCodePoint(s.end);
  return a === s.start && b === s.end ? '' : ` (code points ${a}–${b})`;
}

export function SelectionPanel({ model, text, schema, look }: { model: SpanModel; text: string; schema: ModalitySchema; look: (l: string) => LabelLook }) {
  // The span's own edits (typing in an attribute) show at once; a newly selected span opens after the paint.
  useTextUi((s) => s.modelVersion);
  const selectedId = usePanelUi((s) => s.selectedId);
  const s = model.span(selectedId);
  const readOnly = useReadOnly();
  if (!s) return null;
  const name = snippet(text, s);
  return (
    <section className="tx-panel" aria-label="Selected span">
      <h2>Selected span</h2>
      <p className="tx-sel-text" dir="auto">“{name}” <span className="muted" title="Stored offsets are UTF-16 code units; Python tools (doccano, spaCy) count code points">{s.start}–{s.end}{codePoints(text, s)}</span></p>
      {/* A submitted task shows the span but offers no edit: one disabled fieldset covers every control. */}
      <fieldset className="plain" disabled={readOnly}>
      <label>Label <select aria-label="Label of the selected span" value={s.label} onChange={(e) => relabel(s.id, e.target.value)}>
        {schema.labels.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        {schema.labels.some((x) => x.id === s.label) ? null : <option value={s.label}>{look(s.label).name}</option>}
      </select></label>
      <SpanAttributes span={s} defs={schema.attributes} />
      <div className="tx-row-buttons">
        {s.origin === 'model' ? (<>
          <button onClick={() => acceptSuggestion(s.id)} aria-label="Accept suggestion (A)">Accept <KeyHint k="A" /></button>
          <button onClick={() => rejectSuggestion(s.id)} aria-label="Reject suggestion (X)">Reject <KeyHint k="X" /></button>
        </>) : null}
        <button onClick={() => useTextUi.setState({ relateFrom: s.id, relateTo: null })} aria-label="Relate (R)">Relate <KeyHint k="R" /></button>
        <button onClick={() => deleteSpan(s.id)} aria-label="Delete span (Del)">Delete</button>
      </div>
      </fieldset>
    </section>
  );
}

const REL_H = 26;

/** Relations in a virtualized list (fixed-height rows, only those in view rendered): a document with tens of
 *  thousands of relations opens and edits as fast as one with ten. */
export function RelationsPanel({ model, text, relationLook }: { model: SpanModel; text: string; relationLook: (t: string) => LabelLook }) {
  const version = usePanelUi((s) => s.modelVersion);
  const readOnly = useReadOnly();
  // In document order of their ends (the store's map has no useful order of its own).
  const rels = useMemo(() => {
    const at = (id: string) => model.span(id)?.start ?? -1;
    return [...model.relations.values()].map((r) => ({ r, a: at(r.from), b: at(r.to) })).sort((x, y) => x.a - y.a || x.b - y.b).map((x) => x.r);
  }, [model, version]);
  const { ref, onScroll, first, last } = useVirtualRows<HTMLDivElement>(rels.length, REL_H, 4, 160);
  const items: React.ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const r = rels[i];
    const a = model.span(r.from), b = model.span(r.to);
    const desc = `${a ? snippet(text, a) : '?'} → ${relationLook(r.label).name} → ${b ? snippet(text, b) : '?'}`;
    items.push(
      <div role="listitem" key={r.id} className="tx-rel" style={{ top: i * REL_H }}>
        <button className="link" onClick={() => { if (a) selectOne(a.id, true); }}>{desc}</button>
        <button aria-label={`Delete relation ${desc}`} disabled={readOnly} onClick={() => deleteRelation(r.id)}>✕</button>
      </div>,
    );
  }
  return (
    <section className="tx-panel" aria-labelledby="tx-rel-h">
      <h2 id="tx-rel-h">Relations ({rels.length})</h2>
      <div ref={ref} className="tx-rels" onScroll={onScroll}>
        <div role="list" aria-label="Relations" style={{ height: rels.length * REL_H, position: 'relative' }}>{items}</div>
      </div>
    </section>
  );
}

export function DocLabelsPanel({ model, schema }: { model: SpanModel; schema: ModalitySchema }) {
  useTextUi((s) => s.modelVersion);
  const def = schema.documentLabels;
  const readOnly = useReadOnly();
  if (!def?.options.length) return null;
  const have = new Set([...model.docLabels.values()].map((o) => o.label));
  return (
    <fieldset className="tx-panel tx-doclabels" disabled={readOnly}>
      <legend>Document labels ({def.mode === 'single' ? 'choose one' : 'any'})</legend>
      {def.options.map((o) => (
        <label key={o}>
          <input type={def.mode === 'single' ? 'radio' : 'checkbox'} name="tx-doclabel" checked={have.has(o)} onChange={() => toggleDocLabel(o)} onClick={(e) => { if (def.mode === 'single' && have.has(o)) { e.preventDefault(); toggleDocLabel(o); } }} /> {o}
        </label>
      ))}
    </fieldset>
  );
}

export function RelationTypePicker({ schema, onPick, onCancel }: { schema: ModalitySchema; onPick: (type: string) => void; onCancel: () => void }) {
  return (
    <div className="tx-picker" role="dialog" aria-label="Relation type">
      <span>Relation type:</span>
      {(schema.relations ?? []).map((r, i) => (
        <button key={r.id} onClick={() => onPick(r.id)} style={{ borderColor: r.color }} aria-label={`${r.name} (${i + 1})`}>{r.name} <KeyHint k={String(i + 1)} /></button>
      ))}
      <button onClick={onCancel} aria-label="Cancel relation (Esc)">Cancel</button>
    </div>
  );
}
