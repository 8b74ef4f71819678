// The selected span's attributes from the project schema (only those that apply to its label).
import type { AttributeDef } from '../../../shared/domain.ts';
import type { SpanItem } from './spanModel.ts';
import { setSpanAttribute } from './spanOps.ts';

export function SpanAttributes({ span, defs }: { span: SpanItem; defs: AttributeDef[] }) {
  const apply = defs.filter((a) => !a.labels || a.labels.includes(span.label));
  if (!apply.length) return null;
  return (
    <div className="tx-attrs">
      {apply.map((a) => {
        const v = span.obj.attributes[a.id] ?? a.default;
        if (a.type === 'checkbox') {
          return <label key={a.id}><input type="checkbox" checked={v === true} onChange={(e) => setSpanAttribute(span.id, a.id, e.target.checked)} /> {a.name}</label>;
        }
        if (a.type === 'select') {
          return (
            <label key={a.id}>{a.name} <select aria-label={a.name} value={typeof v === 'string' ? v : ''} onChange={(e) => setSpanAttribute(span.id, a.id, e.target.value || null)}>
              <option value="">—</option>
              {(a.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
            </select></label>
          );
        }
        return (
          <label key={a.id}>{a.name} <input aria-label={a.name} type={a.type === 'number' ? 'number' : 'text'} value={v === undefined || v === null ? '' : String(v)}
            onChange={(e) => setSpanAttribute(span.id, a.id, a.type === 'number' ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value, true)} /></label>
        );
      })}
    </div>
  );
}
