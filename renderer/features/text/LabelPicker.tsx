// The searchable label picker (/): for schemas with more labels than number keys. The document selection is
// captured when it opens (focusing the search box would clear it) and tagged with the chosen label.
import { selectedId, setCurrentLabel } from '../workspace/selection.ts';
import { useState } from 'react';
import type { LabelDef } from '../../../shared/domain.ts';
import { useTextUi } from './textUi.ts';
import { createSpan, getSession, relabel } from './spanOps.ts';

export function LabelPicker({ labels }: { labels: LabelDef[] }) {
  const range = useTextUi((s) => s.picker);
  const [q, setQ] = useState('');
  if (!range) return null;
  const found = labels.filter((l) => l.name.toLowerCase().includes(q.trim().toLowerCase()));
  const close = () => { setQ(''); useTextUi.setState({ picker: null }); };
  const pick = (id: string) => {
    if (range.start < range.end) createSpan(range.start, range.end, id);
    else {
      const sel = selectedId();
      if (sel && getSession()?.model.span(sel)) relabel(sel, id);
      setCurrentLabel(id);
    }
    close();
  };
  return (
    <div className="tx-picker" role="dialog" aria-label="Pick a label">
      <input aria-label="Search labels" autoFocus value={q} onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') { e.preventDefault(); close(); }
          if (e.key === 'Enter' && found[0]) { e.preventDefault(); pick(found[0].id); }
        }} />
      {found.slice(0, 12).map((l) => (
        <button key={l.id} onClick={() => pick(l.id)} style={{ borderColor: l.color }}><span className="tx-swatch" style={{ background: l.color }} />{l.name}</button>
      ))}
      {found.length === 0 ? <span className="muted">No label matches.</span> : null}
    </div>
  );
}
