// One editor for "which of the project's labels does each outside class become": the Import dialog's mapping step
// (a file's classes) and the detector's class mapping (CenterNet's 80 COCO classes, the entity finders' classes)
// both use it. Each row is a class with its id and count beside a choice: the default (keep as a new label, or the
// model's automatic match), "map to <label>", or skip. A native <select> per row, so Tab moves between rows and
// arrow keys/typing choose, as in any form.
import { useMemo, useState } from 'react';
import type { LabelDef } from '../../../shared/domain.ts';
import './classMapping.css';

/** A class as the other side names it. */
export interface MappingRow { name: string; id?: number | null; count?: number | null }

/** name → label id, or null to skip; a name that is absent takes the default. */
export type ClassMappingValue = Record<string, string | null>;

const SKIP = '\u0000skip';

export function ClassMapping({ rows, labels, value, onChange, defaultText, skipText, caption, countHeader = 'Objects' }: {
  rows: readonly MappingRow[];
  labels: readonly LabelDef[];
  value: ClassMappingValue;
  onChange: (next: ClassMappingValue) => void;
  /** What the default choice does for this row ("keep as new label", "automatic → Person"). */
  defaultText: (row: MappingRow) => string;
  skipText: string;
  caption: string;
  countHeader?: string;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? rows.filter((r) => r.name.toLowerCase().includes(q) || String(r.id ?? '') === q) : rows;
  }, [rows, filter]);
  const hasIds = rows.some((r) => r.id !== undefined && r.id !== null);
  const hasCounts = rows.some((r) => r.count !== undefined && r.count !== null);
  const choose = (name: string, v: string) => {
    const next = { ...value };
    if (v === '') delete next[name];
    else next[name] = v === SKIP ? null : v;
    onChange(next);
  };
  const changed = Object.keys(value).filter((k) => rows.some((r) => r.name === k)).length;
  return (
    <div className="class-mapping">
      {rows.length > 12 ? (
        <input type="search" aria-label={`Filter ${caption.toLowerCase()}`} placeholder="Filter by name or id" value={filter} onChange={(e) => setFilter(e.target.value)} />
      ) : null}
      <div className="class-mapping-scroll">
        <table aria-label={caption}>
          <caption className="muted">{caption}: {rows.length} · {changed} changed from the default</caption>
          <thead>
            <tr><th scope="col">Name</th>{hasIds ? <th scope="col">Id</th> : null}{hasCounts ? <th scope="col">{countHeader}</th> : null}<th scope="col">Becomes</th></tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const v = value[r.name];
              const current = v === undefined ? '' : v === null ? SKIP : v;
              return (
                <tr key={r.name} className={v === undefined ? '' : v === null ? 'cm-skip' : 'cm-mapped'}>
                  <th scope="row">{r.name}</th>
                  {hasIds ? <td className="num">{r.id ?? ''}</td> : null}
                  {hasCounts ? <td className="num">{r.count ?? ''}</td> : null}
                  <td>
                    <select aria-label={`${r.name} becomes`} value={current} onChange={(e) => choose(r.name, e.target.value)}>
                      <option value="">{defaultText(r)}</option>
                      {labels.map((l) => <option key={l.id} value={l.id}>map to {l.name}</option>)}
                      <option value={SKIP}>{skipText}</option>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
