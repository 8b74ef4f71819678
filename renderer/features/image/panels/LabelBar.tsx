// The labels of the schema with their colors and keys (1..9, 0), and a searchable picker (/) so that a schema
// with fifty labels is still quick by keyboard. Picking a label sets it for new shapes and relabels the selection.
import { useMemo, useRef, useState, useEffect } from 'react';
import type { LabelDef } from '../../../../shared/domain.ts';
import { useImageUi } from '../imageStore.ts';
import { setCurrentLabel, useSelection } from '../../workspace/selection.ts';
import { LabelButtons } from '../../workspace/LabelButtons.tsx';
import { setLabelOfSelection } from '../commands.ts';
import { KeyHint } from '../../../ui/KeyHint.tsx';

export function pickLabel(id: string): void {
  setCurrentLabel(id);
  useImageUi.setState({ pickerOpen: false });
  setLabelOfSelection(id);
}

export function LabelBar({ labels }: { labels: LabelDef[] }) {
  const current = useSelection((s) => s.currentLabel);
  const open = useImageUi((s) => s.pickerOpen);
  const quick = labels.filter((l) => l.hotkey);
  return (
    <div className="label-bar" role="group" aria-label="Labels">
      <LabelButtons labels={quick} current={current} onPick={pickLabel} />
      <button aria-label={labels.length > quick.length ? `Find label: all ${labels.length} labels (/)` : 'Find label (/)'} aria-expanded={open} onClick={() => useImageUi.setState({ pickerOpen: !open })}>
        {labels.length > quick.length ? `All ${labels.length} labels…` : 'Find label…'}<KeyHint k="/" />
      </button>
      {open ? <LabelPicker labels={labels} /> : null}
    </div>
  );
}

function LabelPicker({ labels }: { labels: LabelDef[] }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const matches = useMemo(() => {
    const n = q.trim().toLowerCase();
    return n ? labels.filter((l) => l.name.toLowerCase().includes(n) || l.id.toLowerCase().includes(n)) : labels;
  }, [labels, q]);
  const close = () => useImageUi.setState({ pickerOpen: false });
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(matches.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter') { e.preventDefault(); const l = matches[active]; if (l) pickLabel(l.id); }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
  };
  return (
    <div className="label-picker" role="dialog" aria-label="Find label">
      <input ref={input} type="search" aria-label="Search labels" placeholder="Type to find a label" value={q} onChange={(e) => { setQ(e.target.value); setActive(0); }} onKeyDown={onKey} onBlur={(e) => { if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node)) close(); }} />
      <ul role="listbox" aria-label="Matching labels">
        {matches.map((l, i) => (
          <li key={l.id} role="option" aria-selected={i === active} tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => pickLabel(l.id)}>
            <span className="swatch" style={{ background: l.color }} />{l.name}{l.hotkey ? <KeyHint k={l.hotkey} /> : null}
          </li>
        ))}
        {matches.length === 0 ? <li className="muted">No label matches “{q}”.</li> : null}
      </ul>
    </div>
  );
}
