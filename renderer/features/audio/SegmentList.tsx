// The segment list: every segment in time order, virtualized (only the rows in sight are in the DOM, so 10,000
// segments cost the same as 20). Select and jump, lock, delete; the selection scrolls into view both ways.
import { useEffect, useRef, useState } from 'react';
import type { LabelDef, TierDef } from '../../../shared/domain.ts';
import { selectOne, useSelection } from '../workspace/selection.ts';
import { positionOf, type SegmentIndex } from './segmentIndex.ts';
import { deleteSegment, toggleLock } from './segmentEdits.ts';
import { formatTime, type Segment } from './segmentModel.ts';
import { useReadOnly } from '../document/documentStore.ts';

const ROW = 30;
const OVERSCAN = 6;

export interface SegmentListProps {
  index: SegmentIndex;
  labels: Map<string, LabelDef>;
  tiers: Map<string, TierDef>;
  onJump: (s: Segment) => void;
}

export function SegmentList({ index, labels, tiers, onJump }: SegmentListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const selectedId = useSelection((s) => s.selected[0] ?? null);
  const reveal = useSelection((s) => s.reveal);
  const readOnly = useReadOnly();
  const all = index.all;

  useEffect(() => {
    const el = ref.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Selected on the waveform: bring its row into view.
  useEffect(() => {
    const el = ref.current;
    if (!el || !reveal) return;
    const i = positionOf(index, reveal.id);
    if (i < 0) return;
    const top = i * ROW;
    if (top < el.scrollTop || top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
  }, [reveal]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(all.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const s = all[i];
    const label = labels.get(s.label);
    const name = `${formatTime(s.start)}–${formatTime(s.end)} ${tiers.get(s.tier)?.name ?? s.tier} ${label?.name ?? s.label}`;
    rows.push(
      <div
        key={s.id}
        role="listitem"
        aria-posinset={i + 1}
        aria-setsize={all.length}
        aria-current={s.id === selectedId ? 'true' : undefined}
        className={`au-row${s.id === selectedId ? ' selected' : ''}${s.origin === 'model' ? ' suggested' : ''}`}
        style={{ top: i * ROW, height: ROW }}
      >
        <span className="au-swatch" style={{ background: label?.color ?? '#888' }} aria-hidden="true" />
        <button className="au-row-main" onClick={() => { selectOne(s.id); onJump(s); }} aria-label={`Segment ${name}${s.origin === 'model' ? ' (suggested)' : ''}`} title={s.transcript || name}>
          <span className="mono">{formatTime(s.start)}–{formatTime(s.end)}</span>
          <span className="au-row-tier">{tiers.get(s.tier)?.name ?? s.tier}</span>
          <span>{label?.name ?? s.label}</span>
          {s.origin === 'model' ? <span className="au-tag">suggested</span> : null}
          <span className="au-row-text muted">{s.transcript}</span>
        </button>
        <button className="au-icon" onClick={() => toggleLock(s.id)} disabled={readOnly} aria-pressed={s.locked} aria-label={`${s.locked ? 'Unlock' : 'Lock'} segment ${formatTime(s.start)}`} title={s.locked ? 'Unlock' : 'Lock'}>
          <LockIcon locked={s.locked} />
        </button>
        <button className="au-icon" onClick={() => deleteSegment(s.id)} disabled={s.locked || readOnly} aria-label={`Delete segment ${formatTime(s.start)}`} title="Delete">✕</button>
      </div>,
    );
  }
  return (
    <div className="au-list-wrap">
      <div className="au-list-head muted">{all.length.toLocaleString('en')} {all.length === 1 ? 'segment' : 'segments'}</div>
      <div ref={ref} className="au-list" role="list" aria-label="Segments" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: all.length * ROW, position: 'relative' }} role="presentation">{rows}</div>
      </div>
      {all.length === 0 ? <p className="muted au-empty">No segments yet. Drag in a lane, or press [ and ] while listening.</p> : null}
    </div>
  );
}

/** A padlock drawn inline: emoji glyphs are missing from many Linux fonts. */
function LockIcon({ locked }: { locked: boolean }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <rect x="2" y="5.5" width="8" height="5.5" rx="1" fill={locked ? 'currentColor' : 'none'} stroke="currentColor" />
      <path d={locked ? 'M4 5.5V4a2 2 0 0 1 4 0v1.5' : 'M4 5.5V4a2 2 0 0 1 4 0'} fill="none" stroke="currentColor" transform={locked ? undefined : 'translate(2.2 -0.6)'} />
    </svg>
  );
}
