// The selected segment's details: label, tier, start/end typed in seconds (validated), transcript, attributes.
import { useEffect, useRef, useState } from 'react';
import type { AttributeDef, ModalitySchema, TierDef } from '../../../shared/domain.ts';
import { useDocument, useReadOnly } from '../document/documentStore.ts';
import { acceptSegments, deleteSegment, rejectSegments, setAttribute, setLabel, setTimes, setTranscript, toggleLock, type Placement } from './segmentEdits.ts';
import { useSelection } from '../workspace/selection.ts';
import { labelWithKey } from '../workspace/labelActions.ts';
import { readSegment } from '../../../shared/geometry/segment.ts';
import { formatTime, validateTimes } from './segmentModel.ts';
import type { SegmentIndex } from './segmentIndex.ts';
import { gapAround, isExclusive, type Gap } from './tierLimits.ts';
import { KeyHint } from '../../ui/KeyHint.tsx';

export function SegmentEditor({ schema, tiers, duration, index, onPlay }: { schema: ModalitySchema; tiers: TierDef[]; duration: number; index: SegmentIndex; onPlay: () => void }) {
  const selectedId = useSelection((s) => s.selected[0] ?? null);
  const obj = useDocument((s) => (selectedId ? s.objects.get(selectedId) : undefined));
  const seg = obj ? readSegment(obj) : null;
  const readOnly = useReadOnly();
  if (!obj || !seg) return <p className="muted au-editor-empty">Select a segment to edit its label, times and transcript.</p>;
  const attrs = schema.attributes.filter((a) => !a.labels || a.labels.includes(obj.label));
  // A locked segment keeps its fields; a submitted task keeps all of them, the lock included.
  const locked = obj.locked || readOnly;
  const place = { index, tiers };
  // Onto a tier that forbids overlap only where it overlaps nothing there (setTimes says why not).
  const moveToTier = (tier: string) => void setTimes(place, seg.id, seg.start, seg.end, tier, 'Move to tier');
  return (
    <section className="au-editor" aria-label="Selected segment">
      {seg.origin === 'model' ? (
        <div className="au-suggest">
          <span className="au-tag">suggested</span> Made by the speech detector.
          <button onClick={() => acceptSegments([seg.id])} disabled={readOnly} aria-label="Accept suggestion (A)">Accept (A)</button>
          <button onClick={() => rejectSegments([seg.id])} disabled={readOnly} aria-label="Reject suggestion (X)">Reject (X)</button>
        </div>
      ) : null}
      <div className="au-labels" role="radiogroup" aria-label="Segment label">
        {schema.labels.map((l) => (
          <button key={l.id} role="radio" aria-checked={obj.label === l.id} disabled={locked} onClick={() => setLabel(seg.id, l.id)} style={{ borderColor: l.color }} aria-label={labelWithKey(l)}>
            <span className="au-swatch" style={{ background: l.color }} aria-hidden="true" />{l.name}{l.hotkey ? <KeyHint k={l.hotkey} /> : null}
          </button>
        ))}
      </div>
      <TimesForm key={`${seg.id}:${seg.start}:${seg.end}`} place={place} id={seg.id} start={seg.start} end={seg.end} duration={duration} disabled={locked}
        exclusive={isExclusive(tiers, seg.tier) ? { gap: gapAround(index, seg, duration, true), tier: tiers.find((t) => t.id === seg.tier)?.name ?? seg.tier } : null} />
      <label className="au-field">Tier
        <select value={seg.tier} disabled={locked} onChange={(e) => moveToTier(e.target.value)} aria-label="Tier">
          {tiers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          {tiers.some((t) => t.id === seg.tier) ? null : <option value={seg.tier}>{seg.tier || '(none)'}</option>}
        </select>
      </label>
      <TranscriptField key={seg.id} id={seg.id} stored={seg.transcript} disabled={locked} />
      {attrs.map((a) => <AttributeField key={a.id} def={a} id={seg.id} value={obj.attributes[a.id]} disabled={locked} />)}
      <div className="au-editor-actions">
        <button onClick={onPlay} aria-label="Play segment (Shift+Space)">▶ Play</button>
        <button onClick={() => toggleLock(seg.id)} disabled={readOnly} aria-pressed={obj.locked} aria-label={obj.locked ? 'Unlock segment (Ctrl+L)' : 'Lock segment (Ctrl+L)'}>{obj.locked ? 'Unlock' : 'Lock'}</button>
        <button onClick={() => deleteSegment(seg.id)} disabled={locked} aria-label="Delete segment (Delete)">Delete</button>
      </div>
    </section>
  );
}

/** `exclusive`: the segment's tier forbids overlap, so typed times must stay inside the free gap around it. */
function TimesForm({ place, id, start, end, duration, disabled, exclusive }: { place: Placement; id: string; start: number; end: number; duration: number; disabled: boolean; exclusive: { gap: Gap; tier: string } | null }) {
  const [s, setS] = useState(start.toFixed(3));
  const [e, setE] = useState(end.toFixed(3));
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const a = Number(s), b = Number(e);
    const g = exclusive?.gap;
    const problem = validateTimes(a, b, duration)
      ?? (g && (a < g.lo - 1e-9 || b > g.hi + 1e-9) ? `Segments on ${exclusive.tier} may not overlap: keep this one between ${formatTime(g.lo)} and ${formatTime(g.hi)}.` : null);
    setError(problem);
    if (problem) return;
    if (Math.abs(a - start) > 1e-7 || Math.abs(b - end) > 1e-7) setTimes(place, id, a, b, undefined, 'Edit segment times');
  };
  const onKey = (ev: React.KeyboardEvent) => { if (ev.key === 'Enter') commit(); };
  return (
    <div className="au-times">
      <label className="au-field">Start (s)
        <input type="number" step="0.001" min={0} max={duration} value={s} disabled={disabled} onChange={(ev) => setS(ev.target.value)} onBlur={commit} onKeyDown={onKey} aria-label="Start (s)" aria-invalid={!!error} />
      </label>
      <label className="au-field">End (s)
        <input type="number" step="0.001" min={0} max={duration} value={e} disabled={disabled} onChange={(ev) => setE(ev.target.value)} onBlur={commit} onKeyDown={onKey} aria-label="End (s)" aria-invalid={!!error} />
      </label>
      {error ? <p role="alert" className="au-error">{error}</p> : null}
    </div>
  );
}

/**
 * The transcript is edited in a local draft and saved a moment after typing pauses (and on leaving the field),
 * all as one coalesced undo step per segment; the draft keeps the caret steady while saves come back.
 */
function TranscriptField({ id, stored, disabled }: { id: string; stored: string; disabled: boolean }) {
  const [draft, setDraft] = useState(stored);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  useEffect(() => { if (!focused.current) setDraft(stored); }, [stored]);
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const o = useDocument.getState().objects.get(id);
    const cur = o ? readSegment(o)?.transcript ?? '' : '';
    if (o && cur !== latest.current) void setTranscript(id, latest.current);
  };
  useEffect(() => () => flush(), []);
  return (
    <label className="au-field au-transcript">Transcript
      <textarea
        value={draft}
        disabled={disabled}
        rows={4}
        aria-label="Transcript"
        onFocus={() => { focused.current = true; }}
        onBlur={() => { focused.current = false; flush(); }}
        onChange={(ev) => {
          setDraft(ev.target.value);
          latest.current = ev.target.value;
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, 400);
        }}
      />
    </label>
  );
}

function AttributeField({ def, id, value, disabled }: { def: AttributeDef; id: string; value: unknown; disabled: boolean }) {
  const v = value ?? def.default;
  if (def.type === 'checkbox') {
    return (
      <label className="au-field au-check">
        <input type="checkbox" checked={v === true} disabled={disabled} onChange={(e) => setAttribute(id, def.id, e.target.checked)} aria-label={def.name} />{def.name}
      </label>
    );
  }
  if (def.type === 'select') {
    return (
      <label className="au-field">{def.name}
        <select value={typeof v === 'string' ? v : ''} disabled={disabled} onChange={(e) => setAttribute(id, def.id, e.target.value || undefined)} aria-label={def.name}>
          <option value="">—</option>
          {(def.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
    );
  }
  return (
    <label className="au-field">{def.name}
      <input
        key={String(v ?? '')}
        type={def.type === 'number' ? 'number' : 'text'}
        defaultValue={v === undefined || v === null ? '' : String(v)}
        disabled={disabled}
        aria-label={def.name}
        onBlur={(e) => {
          const raw = e.target.value;
          const next = def.type === 'number' ? (raw === '' ? undefined : Number(raw)) : raw;
          if (next !== v && !(typeof next === 'number' && Number.isNaN(next))) setAttribute(id, def.id, next);
        }}
      />
    </label>
  );
}
