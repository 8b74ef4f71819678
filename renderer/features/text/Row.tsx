// One row of the document: its text cut into pieces at span edges, each piece underlined once per covering span
// (one lane each, so nested and overlapping spans stay visible), with a clickable label tag where a span starts.
// A row reads its spans itself and re-renders by itself: when a span in its range changes (it watches the range),
// or the selected or relating span enters or leaves it. The document view re-renders rows only as they scroll in.
import { memo, useLayoutEffect, useReducer, useRef } from 'react';
import type { SpanItem, SpanModel } from './spanModel.ts';
import { assignLanes } from '../../../shared/text/lanes.ts';
import { useSelection } from '../workspace/selection.ts';
import { useTextUi } from './textUi.ts';

export interface LabelLook { name: string; color: string }
const LANE = 4;

export interface RowProps {
  index: number;
  start: number;
  /** Where the next row starts (this row's text and its line break, if any, end there). */
  stop: number;
  text: string;
  /** The whole document (a reference, for the tags' accessible names). */
  fullText: string;
  model: SpanModel;
  look: (label: string) => LabelLook;
}

export function snippet(text: string, s: { start: number; end: number }): string {
  return s.end - s.start > 60 ? `${text.slice(s.start, s.start + 57)}…` : text.slice(s.start, s.end);
}

function layers(cover: SpanItem[], lane: Map<string, number>, look: RowProps['look'], selectedId: string | null): string {
  const out: string[] = [];
  for (const s of cover) {
    const c = look(s.label).color;
    const y = `calc(100% - ${(lane.get(s.id) ?? 0) * LANE}px)`;
    const h = s.id === selectedId ? 3 : 2;
    out.push(s.origin === 'model'
      ? `repeating-linear-gradient(90deg, ${c} 0 4px, transparent 4px 7px) 0 ${y} / 100% ${h}px no-repeat`
      : `linear-gradient(${c}, ${c}) 0 ${y} / 100% ${h}px no-repeat`);
  }
  return out.join(', ');
}

/** `id` when it names a span shown in [start, stop), else null (so a row re-renders only when that changes). */
function inRange(model: SpanModel, id: string | null | undefined, start: number, stop: number): string | null {
  const s = model.span(id);
  return s && s.start < stop && (s.end > start || s.start === s.end && s.start >= start) ? s.id : null;
}

/** Re-renders the caller when a span in [start, stop) changes. */
function useWatchedRange(model: SpanModel, start: number, stop: number): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const seen = useRef(0);
  seen.current = model.watchers.version;
  useLayoutEffect(() => {
    const off = model.watchers.watch(start, stop, bump);
    // A change between this render and the subscription would otherwise be missed.
    if (model.watchers.version !== seen.current) bump();
    return off;
  }, [model, start, stop]);
}

function RowView({ index, start, stop, text, fullText, model, look }: RowProps) {
  useWatchedRange(model, start, stop);
  const selectedId = useSelection((s) => inRange(model, s.selected[0], start, stop));
  const relateFrom = useTextUi((s) => inRange(model, s.relateFrom, start, stop));
  const spans = model.index.query(start, stop);
  const end = start + text.length;
  if (!spans.length) {
    return <div className="tx-row" data-row={index} data-end={end} dir="auto"><span className="tx-seg" data-o={start}>{text}</span></div>;
  }
  const { lane, count } = assignLanes(spans);
  const cuts = new Set<number>([start, end]);
  for (const s of spans) { if (s.start > start && s.start < end) cuts.add(s.start); if (s.end > start && s.end < end) cuts.add(s.end); }
  const pts = [...cuts].sort((a, b) => a - b);
  const kids: React.ReactNode[] = [];
  let si = 0;
  for (let k = 0; k < pts.length; k++) {
    const p = pts[k], q = k + 1 < pts.length ? pts[k + 1] : p;
    // Tags of spans that start here, outer spans first.
    while (si < spans.length && spans[si].start <= p) {
      const s = spans[si++];
      if (s.start < start) continue;
      const l = look(s.label);
      const cls = `tx-tag${s.origin === 'model' ? ' tx-suggested' : ''}${s.id === selectedId ? ' tx-selected' : ''}${s.id === relateFrom ? ' tx-relating' : ''}${model.isRelationEnd(s.id) ? ' tx-rel-end' : ''}`;
      kids.push(
        <span key={`t${s.id}`} className={cls} data-span={s.id} data-at={s.start} style={{ borderColor: l.color, background: s.origin === 'model' ? 'transparent' : l.color }}
          role="button" aria-label={`${l.name}${s.origin === 'model' ? ' (suggested)' : ''}: ${snippet(fullText, s)}`} aria-pressed={s.id === selectedId}>
          {l.name}{s.origin === 'model' ? ' · suggested' : ''}
        </span>,
      );
    }
    if (q <= p) continue;
    const cover = spans.filter((s) => s.start <= p && s.end >= q);
    const selected = selectedId !== null && cover.some((s) => s.id === selectedId);
    const style = cover.length ? { background: layers(cover, lane, look, selectedId) + (selected ? `, ${look(cover.find((s) => s.id === selectedId)!.label).color}33` : ''), paddingBottom: count * LANE } : undefined;
    kids.push(<span key={p} className={cover.length ? 'tx-seg tx-marked' : 'tx-seg'} data-o={p} style={style}>{text.slice(p - start, q - start)}</span>);
  }
  return <div className="tx-row" data-row={index} data-end={end} dir="auto" style={{ lineHeight: `${22 + count * LANE}px` }}>{kids}</div>;
}

export const Row = memo(RowView);
