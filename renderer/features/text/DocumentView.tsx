// The document as selectable text, virtualized: only the rows in (and just around) the viewport are in the DOM,
// their spans come from the interval index, and a row re-renders by itself when its own spans changed (an edit
// does not render this view at all). Heights are estimated until a row is rendered, then measured; the scroll
// position is corrected for rows measured above it.
import { selectOne, selectedId as selectedIdNow, useSelection } from '../workspace/selection.ts';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowOf } from '../../../shared/text/rows.ts';
import { tokenAt } from '../../../shared/text/tokenize.ts';
import type { SpanModel } from './spanModel.ts';
import { Row, type LabelLook } from './Row.tsx';
import { RowHeights } from './rowHeights.ts';
import { useTextUi } from './textUi.ts';
import { offsetAtPoint } from './domOffsets.ts';
import { createSpan } from './spanOps.ts';
import { RelationArrows, type Arrow } from './RelationArrows.tsx';

const OVERSCAN_PX = 700;
const MARGIN_PX = 150;
const HOLD_ROWS = 1500;
const LINE = 22;

/** Rows [first, last) around the viewport, and while a long selection is made the rows of its anchor (pin), kept
 *  in the DOM with a spacer between so a selection can run across any number of rows. */
interface RowRange { first: number; last: number; pin: { first: number; last: number } | null }

/** The row (data-row) a DOM node of the document is in, or -1. */
function rowOfNode(node: Node | null | undefined): number {
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  const row = el?.closest<HTMLElement>('[data-row]');
  return row ? Number(row.dataset.row) : -1;
}

interface Props {
  text: string;
  starts: Int32Array;
  model: SpanModel;
  look: (label: string) => LabelLook;
  relationLook: (type: string) => LabelLook;
  defaultLabel: string | null;
  docRef: React.RefObject<HTMLDivElement | null>;
}

/** Memoized: its props only change with the document or the schema, and the shell re-rendering (a task row's
 *  status after an edit) must not re-render the rows' list. */
export const DocumentView = memo(function DocumentView({ text, starts, model, look, relationLook, defaultLabel, docRef }: Props) {
  const reveal = useSelection((s) => s.reveal);
  const rowsRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const heights = useMemo(() => new RowHeights(starts, text.length, LINE, 90), [starts, text.length]);
  const [range, setRange] = useState<RowRange>({ first: 0, last: Math.min(starts.length, 60), pin: null });
  const [tick, setTick] = useState(0);
  /** Set when the width changed: every rendered row must be measured again (observing anew reports its size). */
  const remeasure = useRef(false);
  const dragging = useRef(false);
  useEffect(() => {
    const up = () => { dragging.current = false; };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);
  const [arrows, setArrows] = useState<Arrow[]>([]);
  const shownArrows = useRef(arrows);
  shownArrows.current = arrows;

  const computeRange = useCallback(() => {
    const el = docRef.current;
    if (!el) return;
    // Hysteresis: keep the rendered rows while the viewport (plus a margin) is inside them, then render a wider
    // band, so most scroll frames need no React work at all.
    const needFirst = heights.rowAt(Math.max(0, el.scrollTop - MARGIN_PX));
    const needLast = Math.min(starts.length, heights.rowAt(el.scrollTop + el.clientHeight + MARGIN_PX) + 1);
    // While a selection is being made (mouse held, or a selection lives in the document) rows are only added,
    // never dropped, so the selection's anchor stays in the DOM (up to a bound that keeps rendering cheap).
    // Past HOLD_ROWS only the anchor's row stays (pinned, with a spacer up to the viewport's rows).
    const sel = window.getSelection();
    const inDoc = !!sel && !!sel.anchorNode && el.contains(sel.anchorNode);
    const hold = dragging.current || (inDoc && !sel!.isCollapsed);
    const anchorRow = hold && inDoc ? rowOfNode(sel!.anchorNode) : -1;
    setRange((r) => {
      if (r.first <= needFirst && r.last >= needLast && (hold || !r.pin)) return r;
      let first = heights.rowAt(Math.max(0, el.scrollTop - OVERSCAN_PX));
      let last = Math.min(starts.length, heights.rowAt(el.scrollTop + el.clientHeight + OVERSCAN_PX) + 1);
      let pin: RowRange['pin'] = null;
      if (hold) {
        const lo = Math.min(first, r.first), hi = Math.max(last, r.last);
        if (!r.pin && hi - lo <= HOLD_ROWS) { first = lo; last = hi; }
        else {
          pin = r.pin ?? (anchorRow >= 0 ? { first: anchorRow, last: anchorRow + 1 } : null);
          // Back near the anchor: one band again.
          if (pin && pin.first <= last && pin.last >= first) { first = Math.min(first, pin.first); last = Math.max(last, pin.last); pin = null; }
        }
      }
      return r.first === first && r.last === last && r.pin?.first === pin?.first && r.pin?.last === pin?.last ? r : { first, last, pin };
    });
  }, [docRef, heights, starts.length]);

  // Re-estimate on width changes (wrapping changes); measured rows are measured again when they render.
  useEffect(() => {
    const el = docRef.current;
    if (!el) return;
    let width = 0;
    const ro = new ResizeObserver(() => {
      if (Math.abs(el.clientWidth - width) < 2) { computeRange(); return; }
      width = el.clientWidth;
      heights.reset(LINE, Math.floor((width - 32) / 7.2));
      remeasure.current = true;
      setTick((t) => t + 1);
      computeRange();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [docRef, heights, computeRange]);

  const onScroll = useCallback(() => computeRange(), [computeRange]);

  // Rows are measured by a ResizeObserver (after the browser's own layout, so a commit never forces an extra
  // synchronous layout); the row at the top of the viewport is kept where it was.
  const arrowsRef = useRef<() => void>(() => undefined);
  const rowObserver = useMemo(() => new ResizeObserver((entries) => {
    const el = docRef.current;
    if (!el) return;
    const anchor = heights.rowAt(el.scrollTop);
    let shift = 0, changed = false;
    for (const e of entries) {
      if (!(e.target as HTMLElement).isConnected) continue;
      const i = Number((e.target as HTMLElement).dataset.row);
      const d = heights.set(i, e.borderBoxSize?.[0]?.blockSize ?? (e.target as HTMLElement).offsetHeight);
      if (d) { changed = true; if (i < anchor) shift += d; }
    }
    if (changed) {
      // Rows are in normal flow below translateY(top(first)), which measuring rows >= first never changes: only
      // the total height and the scroll anchor need fixing, without another render.
      if (canvasRef.current) canvasRef.current.style.height = `${heights.total}px`;
      if (shift) el.scrollTop += shift;
    }
    arrowsRef.current();
  }), [docRef, heights]);
  useEffect(() => () => rowObserver.disconnect(), [rowObserver]);
  const observed = useRef(new Set<Element>());

  useLayoutEffect(() => {
    const rows = rowsRef.current;
    if (!rows) return;
    for (const el of observed.current) {
      if (!el.isConnected || remeasure.current) { rowObserver.unobserve(el); observed.current.delete(el); }
    }
    remeasure.current = false;
    for (const child of rows.children) if (!observed.current.has(child) && (child as HTMLElement).dataset.row !== undefined) { observed.current.add(child); rowObserver.observe(child); }
    // Relation arrows between tags that are on screen: read positions in the next frame, when layout is done anyway.
    arrowsRef.current = () => {
      const canvasEl = canvasRef.current;
      if (!canvasEl || !rowsRef.current) return;
      // (No state update at all when there is nothing to change: even an unchanged one renders this view again.)
      if (!model.relations.size) { if (shownArrows.current.length) setArrows([]); return; }
      const canvas = canvasEl.getBoundingClientRect();
      const tags = new Map<string, DOMRect>();
      for (const t of rowsRef.current.querySelectorAll<HTMLElement>('.tx-tag')) tags.set(t.dataset.span!, t.getBoundingClientRect());
      const next: Arrow[] = [];
      const band = rowsRef.current.getBoundingClientRect();
      for (const r of model.relations.values()) {
        const a = tags.get(r.from), b = tags.get(r.to);
        if (!a && !b) continue;
        const l = relationLook(r.label);
        if (a && b) {
          next.push({ id: r.id, from: r.from, to: r.to, x1: a.left - canvas.left + a.width / 2, y1: a.top - canvas.top, x2: b.left - canvas.left + b.width / 2, y2: b.top - canvas.top, label: l.name, color: l.color });
          continue;
        }
        // One end is not rendered: from the visible tag toward it, up or down the document along the gutter, to
        // the edge of the rendered rows.
        const seen = (a ?? b)!;
        const other = model.span(a ? r.to : r.from);
        const here = model.span(a ? r.from : r.to);
        if (!other || !here) continue;
        const x = seen.left - canvas.left + seen.width / 2, y = seen.top - canvas.top;
        const up = other.start < here.start;
        const edge = (up ? band.top : band.bottom) - canvas.top;
        const label = `${l.name} ${up ? '↑' : '↓'}`;
        next.push(a
          ? { id: r.id, from: r.from, to: r.to, x1: x, y1: y, x2: 0, y2: edge, label, color: l.color, toOff: true }
          : { id: r.id, from: r.from, to: r.to, x1: 0, y1: edge, x2: x, y2: y, label, color: l.color, fromOff: true });
      }
      if (JSON.stringify(shownArrows.current) !== JSON.stringify(next)) setArrows(next);
    };
    if (model.relations.size || arrows.length) {
      const raf = requestAnimationFrame(() => arrowsRef.current());
      return () => cancelAnimationFrame(raf);
    }
  });
  // An edit re-renders only its rows, not this view: the arrows follow the model in the frame after it changed.
  useEffect(() => {
    let raf = 0;
    const off = model.watchers.watch(0, Infinity, () => {
      if (raf || !(model.relations.size || shownArrows.current.length)) return;
      raf = requestAnimationFrame(() => { raf = 0; arrowsRef.current(); });
    });
    return () => { off(); cancelAnimationFrame(raf); };
  }, [model]);

  useEffect(() => {
    const el = docRef.current;
    const span = reveal && model.span(reveal.id);
    if (!span || !el) return;
    const row = rowOf(starts, span.start);
    el.scrollTop = Math.max(0, heights.top(row) - el.clientHeight / 3);
    computeRange();
  }, [reveal, model, docRef, heights, starts, computeRange]);

  const onClick = useCallback((e: React.MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const target = e.target as HTMLElement;
    const ui = useTextUi.getState();
    let picked: string | null = null;
    const tag = target.closest<HTMLElement>('[data-span]');
    if (tag) picked = tag.dataset.span!;
    else {
      const seg = target.closest<HTMLElement>('.tx-seg');
      if (seg?.dataset.o !== undefined) {
        const o = Number(seg.dataset.o);
        const under = model.index.query(o, o + 1).sort((a, b) => a.end - a.start - (b.end - b.start));
        // Repeated clicks on nested spans walk from the innermost outwards.
        const cur = under.findIndex((s) => s.id === selectedIdNow());
        picked = under.length ? under[(cur + 1) % under.length].id : null;
      }
    }
    if (ui.relateFrom && !ui.relateTo) {
      if (picked && picked !== ui.relateFrom) useTextUi.setState({ relateTo: picked });
      return;
    }
    selectOne(picked);
  }, [model]);

  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    const label = useSelection.getState().currentLabel ?? defaultLabel;
    if (!label || (e.target as HTMLElement).closest('[data-span]')) return;
    const o = offsetAtPoint(e.clientX, e.clientY);
    if (o === null) return;
    const t = tokenAt(text, o) ?? tokenAt(text, o - 1);
    if (!t) return;
    window.getSelection()?.removeAllRanges();
    createSpan(t.start, t.end, label);
  }, [text, defaultLabel]);

  const rows: React.ReactNode[] = [];
  const { pin } = range;
  const bands = !pin ? [[range.first, range.last]] : pin.first < range.first ? [[pin.first, pin.last], [range.first, range.last]] : [[range.first, range.last], [pin.first, pin.last]];
  function pushRows(from: number, to: number) {
    for (let i = from; i < to; i++) {
      const s = starts[i];
      const next = i + 1 < starts.length ? starts[i + 1] : text.length;
      const rowText = text.charCodeAt(next - 1) === 10 ? text.slice(s, next - 1) : text.slice(s, next);
      rows.push(<Row key={i} index={i} start={s} stop={next} text={rowText} fullText={text} model={model} look={look} />);
    }
  }
  for (const [b, [from, to]] of bands.entries()) {
    // The spacer between the anchor's rows and the viewport's stands for the rows left out (same parent, so the
    // anchor row's DOM node and with it the selection survive).
    if (b) rows.push(<div key="gap" className="tx-gap" aria-hidden="true" style={{ height: heights.top(from) - heights.top(bands[0][1]) }} />);
    pushRows(from, to);
  }
  void tick;

  return (
    <div ref={docRef} className="tx-scroll" role="document" aria-label="Document" tabIndex={0} onScroll={onScroll} onMouseDown={() => { dragging.current = true; }} onClick={onClick} onDoubleClick={onDoubleClick}
      aria-describedby="tx-doc-help">
      <p id="tx-doc-help" className="tx-sr">Select text with the mouse or Shift+arrows, then press a label key (1–9, 0). Double-click tags one word.</p>
      <div ref={canvasRef} className="tx-canvas" style={{ height: heights.total }}>
        <div ref={rowsRef} className="tx-rows" style={{ transform: `translateY(${heights.top(bands[0][0])}px)` }}>{rows}</div>
        <RelationArrows arrows={arrows} />
      </div>
    </div>
  );
});
