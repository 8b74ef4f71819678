// The span list: every span in document order, virtualized (fixed-height rows, only the visible ones rendered) so
// it stays instant with 10,000 spans. Select jumps the document to the span; relabel and delete in place.
import { memo, useEffect } from 'react';
import type { LabelDef } from '../../../shared/domain.ts';
import type { SpanModel } from './spanModel.ts';
import { usePanelUi } from './textUi.ts';
import { selectOne } from '../workspace/selection.ts';
import { deleteSpan, relabel } from './spanOps.ts';
import { snippet, type LabelLook } from './Row.tsx';
import { useVirtualRows } from '../../ui/useVirtualRows.ts';
import { useDocument, useReadOnly } from '../document/documentStore.ts';
import { DocumentProgress } from '../document/DocumentProgress.tsx';

const ROW_H = 28;

interface ListProps { model: SpanModel; text: string; labels: LabelDef[]; look: (l: string) => LabelLook }

/** The list follows edits after the document has painted (usePanelUi), so a new span shows first; a deferred
 *  value was not enough: React's low-priority render and the scroll-into-view layout still ran before the paint. */
export function SpanList(props: ListProps) {
  const version = usePanelUi((s) => s.modelVersion);
  const selectedId = usePanelUi((s) => s.selectedId);
  const readOnly = useReadOnly();
  const opening = useDocument((s) => s.progress !== null);
  return <SpanListView {...props} version={version} selectedId={selectedId} readOnly={readOnly} opening={opening} />;
}

const SpanListView = memo(function SpanListView({ model, text, labels, look, selectedId, readOnly, opening }: ListProps & { version: number; selectedId: string | null; readOnly: boolean; opening: boolean }) {
  const all = model.index.sorted;
  const { ref: boxRef, onScroll, first, last } = useVirtualRows<HTMLDivElement>(all.length, ROW_H, 5, 400);

  // Keep the selected span in view in the list too.
  useEffect(() => {
    const el = boxRef.current;
    if (!el || !selectedId) return;
    const i = model.index.indexOf(selectedId);
    if (i < 0) return;
    const y = i * ROW_H;
    if (y < el.scrollTop || y + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, y - el.clientHeight / 2);
  }, [selectedId, model]);

  const items: React.ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const s = all[i];
    const l = look(s.label);
    const name = snippet(text, s);
    items.push(
      <div key={s.id} role="listitem" className={`tx-li${s.id === selectedId ? ' tx-li-sel' : ''}${s.origin === 'model' ? ' tx-suggested' : ''}`} style={{ top: i * ROW_H }} aria-current={s.id === selectedId ? 'true' : undefined}>
        <button className="tx-li-main" style={{ borderLeftColor: l.color }} aria-label={`${l.name}${s.origin === 'model' ? ' (suggested)' : ''}: ${name}`}
          onClick={() => selectOne(s.id, true)}>
          {name}
        </button>
        <select aria-label={`Label of ${name}`} value={s.label} disabled={readOnly} onChange={(e) => relabel(s.id, e.target.value)}>
          {labels.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          {labels.some((x) => x.id === s.label) ? null : <option value={s.label}>{s.label}</option>}
        </select>
        <button aria-label={`Delete ${name}`} title="Delete (Del)" disabled={readOnly} onClick={() => deleteSpan(s.id)}>✕</button>
      </div>,
    );
  }
  return (
    <section className="tx-panel tx-spans" aria-labelledby="tx-spans-h">
      <h2 id="tx-spans-h">Spans ({all.length}){model.modelCount ? <span className="muted"> · {model.modelCount} suggested</span> : null}</h2>
      <div ref={boxRef} className="tx-list" onScroll={onScroll}>
        {/* A large document's text shows while its spans still arrive: how many have, here rather than over the text. */}
        {all.length === 0 ? <div className="muted tx-empty">{opening ? <>Loading the spans…<DocumentProgress className="tx-progress" /></> : 'No spans yet: select text and press a label key.'}</div> : null}
        <div role="list" aria-label="Spans" style={{ height: all.length * ROW_H, position: 'relative' }}>{items}</div>
      </div>
    </section>
  );
});
