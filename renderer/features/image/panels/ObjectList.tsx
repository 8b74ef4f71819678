// The Objects list: one row per box or polygon in paint order, to select, hide/show, lock/unlock and reorder.
// Rows are virtualised so ten thousand objects cost only the rows on screen.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationObject, LabelDef } from '../../../../shared/domain.ts';
import { useDocument, useReadOnly } from '../../document/documentStore.ts';
import { useSelection, setSelection, revealObject } from '../../workspace/selection.ts';
import { setFlag, reorder, toggleFlagOfAll, imageShapes } from '../commands.ts';

const ROW = 28;
const OVERSCAN = 8;

export function ObjectList({ labels }: { labels: LabelDef[] }) {
  const version = useDocument((s) => s.version);
  const opening = useDocument((s) => s.progress !== null);
  const selected = useSelection((s) => s.selected);
  const readOnly = useReadOnly();
  const byId = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  // The document version says when the shapes changed.
  const list = useMemo(() => imageShapes(), [version]);
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Follow a selection made on the canvas.
  useEffect(() => {
    const el = scroller.current;
    const last = selected[selected.length - 1];
    if (!el || !last) return;
    const i = list.findIndex((o) => o.id === last);
    if (i < 0) return;
    if (i * ROW < el.scrollTop || (i + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, i * ROW - el.clientHeight / 2);
  }, [selected, list]);
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(list.length, Math.ceil((top + height) / ROW) + OVERSCAN);
  const sel = new Set(selected);
  const allHidden = list.length > 0 && list.every((o) => o.hidden);
  const allLocked = list.length > 0 && list.every((o) => o.locked);
  return (
    <section className="object-panel" aria-label="Object list">
      <header className="panel-head">
        <h2>Objects <span className="muted">{list.length}</span></h2>
        <button onClick={() => toggleFlagOfAll('hidden')} disabled={!list.length || readOnly} aria-label={allHidden ? 'Show all objects (Ctrl+Shift+H)' : 'Hide all objects (Ctrl+Shift+H)'}>{allHidden ? 'Show all' : 'Hide all'}</button>
        <button onClick={() => toggleFlagOfAll('locked')} disabled={!list.length || readOnly} aria-label={allLocked ? 'Unlock all objects (Ctrl+Shift+L)' : 'Lock all objects (Ctrl+Shift+L)'}>{allLocked ? 'Unlock all' : 'Lock all'}</button>
      </header>
      {list.length === 0 && !opening ? <p className="muted empty-hint">No shapes yet. Press <kbd>B</kbd> for a box or <kbd>P</kbd> for a polygon and draw on the image.</p> : null}
      <div className="object-scroll" ref={scroller} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        <ul role="list" aria-label="Objects" style={{ height: list.length * ROW, position: 'relative' }}>
          {list.slice(first, last).map((o, k) => (
            <ObjectRow key={o.id} o={o} n={first + k + 1} total={list.length} label={byId.get(o.label)} selected={sel.has(o.id)} top={(first + k) * ROW} readOnly={readOnly} />
          ))}
        </ul>
      </div>
    </section>
  );
}

function ObjectRow({ o, n, total, label, selected, top, readOnly }: { o: AnnotationObject; n: number; total: number; label?: LabelDef; selected: boolean; top: number; readOnly: boolean }) {
  const name = label?.name ?? o.label;
  const what = `${name} ${n}`;
  const click = (e: React.MouseEvent) => {
    const cur = useSelection.getState().selected;
    if (e.shiftKey || e.ctrlKey || e.metaKey) setSelection(cur.includes(o.id) ? cur.filter((id) => id !== o.id) : [...cur, o.id]);
    else setSelection([o.id]);
    revealObject(o.id);
  };
  return (
    <li className={`object-row${selected ? ' selected' : ''}${o.hidden ? ' is-hidden' : ''}`} style={{ top, height: ROW }} aria-setsize={total} aria-posinset={n} aria-current={selected || undefined}>
      <button className="object-name" onClick={click} aria-pressed={selected} aria-label={`Select ${what}`}>
        <span className="swatch" style={{ background: label?.color ?? '#888' }} />
        <span className="obj-label">{name}</span>
        <span className="obj-meta"> {o.kind === 'box' ? '▭' : '⬠'} {n}</span>
        {o.origin === 'model' ? <span className="tag">suggested</span> : null}
      </button>
      <button className="icon" onClick={() => setFlag([o], 'hidden', !o.hidden)} disabled={readOnly} aria-pressed={o.hidden} aria-label={o.hidden ? `Show ${what}` : `Hide ${what}`} title={o.hidden ? 'Show' : 'Hide'}>{o.hidden ? '◌' : '◉'}</button>
      <button className="icon" onClick={() => setFlag([o], 'locked', !o.locked)} disabled={readOnly} aria-pressed={o.locked} aria-label={o.locked ? `Unlock ${what}` : `Lock ${what}`} title={o.locked ? 'Unlock' : 'Lock'}><Padlock closed={o.locked} /></button>
      <button className="icon" onClick={() => reorder(o.id, -1)} disabled={readOnly || n === 1} aria-label={`Send ${what} backward`} title="Send backward">↑</button>
      <button className="icon" onClick={() => reorder(o.id, 1)} disabled={readOnly || n === total} aria-label={`Bring ${what} forward`} title="Bring forward">↓</button>
    </li>
  );
}

/** A padlock drawn inline: emoji locks are missing from many Linux fonts. */
function Padlock({ closed }: { closed: boolean }) {
  return (
    <svg width="12" height="13" viewBox="0 0 12 13" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="1.5" y="6" width="9" height="6" rx="1" fill={closed ? 'currentColor' : 'none'} />
      <path d={closed ? 'M3.5 6V4a2.5 2.5 0 0 1 5 0v2' : 'M3.5 6V4a2.5 2.5 0 0 1 5 0'} />
    </svg>
  );
}
