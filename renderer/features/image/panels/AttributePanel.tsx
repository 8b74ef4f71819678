// Attributes of the selected object, as the schema defines them for its label (checkbox, select, text, number).
import { useState } from 'react';
import type { AnnotationObject, AttributeDef, LabelDef } from '../../../../shared/domain.ts';
import { useDocument, useReadOnly } from '../../document/documentStore.ts';
import { acceptSuggestion, rejectSuggestion, setAttribute, setLabelOfSelection } from '../commands.ts';
import { useSelection } from '../../workspace/selection.ts';
import { KeyHint } from '../../../ui/KeyHint.tsx';

export function AttributePanel({ labels, attributes }: { labels: LabelDef[]; attributes: AttributeDef[] }) {
  const selected = useSelection((s) => s.selected);
  const o = useDocument((s) => (selected.length === 1 ? s.objects.get(selected[0]) : undefined));
  const readOnly = useReadOnly();
  if (selected.length > 1) return <section className="attr-panel" aria-label="Attributes"><p className="muted">{selected.length} shapes selected. Press a label key to relabel them all.</p></section>;
  if (!o) return <section className="attr-panel" aria-label="Attributes"><p className="muted">Select a shape to edit its label and attributes.</p></section>;
  const defs = attributes.filter((a) => !a.labels || a.labels.includes(o.label));
  return (
    <section className="attr-panel" aria-label="Attributes">
      <h2>Attributes</h2>
      <fieldset className="plain" disabled={readOnly}>
      <label className="field">
        <span>Label</span>
        <select aria-label="Label" value={o.label} onChange={(e) => setLabelOfSelection(e.target.value)}>
          {labels.some((l) => l.id === o.label) ? null : <option value={o.label}>{o.label} (not in schema)</option>}
          {labels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </label>
      {defs.map((a) => <AttributeField key={a.id} o={o} def={a} />)}
      {o.origin === 'model' ? (
        <div className="suggest-actions">
          <span className="tag">suggested{typeof o.attributes.score === 'number' ? ` · ${Math.round(o.attributes.score * 100)}%` : ''}</span>
          <button onClick={acceptSuggestion} aria-label="Accept suggestion (A)">Accept <KeyHint k="A" /></button>
          <button onClick={rejectSuggestion} aria-label="Reject suggestion (X)">Reject <KeyHint k="X" /></button>
        </div>
      ) : null}
      </fieldset>
      <p className="muted small">{o.kind === 'box' ? 'Box' : 'Polygon'}{o.locked ? ' · locked' : ''}{o.hidden ? ' · hidden' : ''}</p>
    </section>
  );
}

function AttributeField({ o, def }: { o: AnnotationObject; def: AttributeDef }) {
  const v = o.attributes[def.id] ?? def.default;
  switch (def.type) {
    case 'checkbox':
      return (
        <label className="field check">
          <input type="checkbox" aria-label={def.name} checked={v === true} onChange={(e) => setAttribute(o, def.id, e.target.checked, false)} />
          <span>{def.name}</span>
        </label>
      );
    case 'select':
      return (
        <label className="field">
          <span>{def.name}</span>
          <select aria-label={def.name} value={typeof v === 'string' ? v : ''} onChange={(e) => setAttribute(o, def.id, e.target.value, false)}>
            <option value="">—</option>
            {(def.options ?? []).map((opt) => <option key={opt} value={opt}>{opt}</option>)}
          </select>
        </label>
      );
    case 'number':
      return <NumberField o={o} def={def} value={typeof v === 'number' ? v : null} />;
    default:
      return (
        <label className="field">
          <span>{def.name}</span>
          <input type="text" aria-label={def.name} value={typeof v === 'string' ? v : ''} maxLength={2000} onChange={(e) => setAttribute(o, def.id, e.target.value, true)} />
        </label>
      );
  }
}

/** Keeps what is typed ("1.", "-") while the field has focus; stores only numbers (empty clears). */
function NumberField({ o, def, value }: { o: AnnotationObject; def: AttributeDef; value: number | null }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="field">
      <span>{def.name}</span>
      <input
        type="text" inputMode="decimal" aria-label={def.name} value={draft ?? (value === null ? '' : String(value))}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          if (t.trim() === '') setAttribute(o, def.id, null, true);
          else if (Number.isFinite(Number(t))) setAttribute(o, def.id, Number(t), true);
        }}
        onBlur={() => setDraft(null)}
        aria-invalid={draft !== null && draft.trim() !== '' && !Number.isFinite(Number(draft))}
      />
    </label>
  );
}
