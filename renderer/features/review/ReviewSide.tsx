// The side of review mode: the legend (what each color means, with counts), the matched objects of the item (each a
// row with every version's label; the current one highlighted and clickable), and who made each version. The list
// renders only the rows in view, so an item with 10,000 matched objects walks by J as fast as one with ten.
import { useEffect, useMemo, useState } from 'react';
import type { AssetKind } from '../../../shared/domain.ts';
import type { ReviewModelOpinion } from '../../../shared/api/review.ts';
import { tagger } from '../../api/tagger.ts';
import { errorText } from '../../stores/app.ts';
import { useActions } from '../../actions/registry.ts';
import { ActionButton } from '../../actions/ActionButton.tsx';
import { useVirtualRows } from '../../ui/useVirtualRows.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { consensusId } from '../../../shared/api/review.ts';
import { CLUSTER_STATUSES } from '../../../shared/agreement/clusterStatus.ts';
import { useReview } from './reviewStore.ts';
import { STATUS_COLOR, STATUS_TEXT, annotatorName } from './statusStyle.ts';

/** Height of a row of the matched objects list, px (CSS .rv-clusters li). */
const ROW = 25;

/** The model's opinion of each version (review.modelOpinion): asked for on demand, kept while the item is open. */
function useModelOpinion(taskId: string, kind: AssetKind) {
  const [state, setState] = useState<{ taskId: string; busy: boolean; result?: ReviewModelOpinion; error?: string } | null>(null);
  const mine = state?.taskId === taskId ? state : null;
  const can = kind === 'image' || kind === 'text';
  useActions(() => (can ? [{
    id: 'review.modelOpinion', title: kind === 'image' ? 'Ask the model (object detection) about each version' : 'Ask the model (entities) about each version', group: 'Review', keys: ['M'],
    enabled: () => !mine?.busy,
    run: async () => {
      setState({ taskId, busy: true });
      try {
        const result = await tagger.review.modelOpinion(taskId);
        setState((s) => (s?.taskId === taskId ? { taskId, busy: false, result } : s));
      } catch (e) {
        setState((s) => (s?.taskId === taskId ? { taskId, busy: false, error: errorText(e) } : s));
      }
    },
  }] : []), [taskId, can, mine?.busy]);
  return { can, ...mine };
}

export function ReviewSide({ item, kind, colorOfLabel }: { item: ReviewItem; kind: AssetKind; colorOfLabel: (l: string) => string }) {
  const opinion = useModelOpinion(item.taskId, kind);
  const flags = new Map(opinion.result?.versions.map((v) => [v.annotator, v]));
  const statuses = useReview((s) => s.statuses);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const consensus = useReview((s) => s.consensus);
  const rows = useVirtualRows<HTMLDivElement>(item.clusters.length, ROW, 8, 400);
  // The current row is brought into view (the nearest edge), as the DOM's scrollIntoView would for a rendered row.
  useEffect(() => {
    const el = rows.ref.current;
    if (!el || cluster < 0) return;
    const top = cluster * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [cluster]);
  const labels = useMemo(() => item.versions.map((v) => new Map(v.objects.map((o) => [o.id, o.label]))), [item]);
  const labelOf = (v: number, id: string | null) => (id === null ? null : labels[v].get(id) ?? '?');
  const counts = useMemo(() => {
    const m = new Map(CLUSTER_STATUSES.map((s) => [s, 0]));
    for (const s of statuses) m.set(s, (m.get(s) ?? 0) + 1);
    return m;
  }, [statuses]);
  const open = item.clusters.length - (counts.get('agreed') ?? 0);
  return (
    <div className="rv-side">
      <section aria-label="Legend">
        <h3>Legend</h3>
        <ul className="rv-legend">
          {CLUSTER_STATUSES.map((s) => (
            <li key={s}><span className="rv-swatch" style={{ background: STATUS_COLOR[s] }} aria-hidden="true" />{STATUS_TEXT[s]} <span className="muted">({counts.get(s)})</span></li>
          ))}
          <li><span className="rv-swatch rv-swatch-dashed" aria-hidden="true" />proposed (not yet accepted)</li>
        </ul>
      </section>
      <section aria-label="Matched objects">
        <h3>Objects <span className="muted">({open} to resolve)</span></h3>
        <div className="rv-clusters-box" ref={rows.ref} onScroll={rows.onScroll}>
        <ol className="rv-clusters" style={{ height: item.clusters.length * ROW }}>
          {item.clusters.slice(rows.first, rows.last).map((members, i) => {
            const k = rows.first + i;
            const c = consensus.get(consensusId(k));
            const text = `${k + 1}: ${STATUS_TEXT[statuses[k]]}; ${members.map((id, v) => `${annotatorName(item.versions[v].annotator)} ${labelOf(v, id) ?? 'none'}`).join(', ')}; consensus ${c ? `${c.label}${c.attributes.proposed ? ' (proposed)' : ''}` : 'none'}`;
            return (
              <li key={k} style={{ top: k * ROW, height: ROW }} aria-setsize={item.clusters.length} aria-posinset={k + 1}>
                <button className="rv-cluster" aria-current={k === cluster || undefined} aria-label={text} onClick={() => useReview.setState({ cluster: k })}>
                  <span className="rv-swatch" style={{ background: STATUS_COLOR[statuses[k]] }} aria-hidden="true" />
                  <span className="rv-cluster-labels">
                    {members.map((id, v) => <span key={v} className={v === pane ? 'rv-focus-version' : undefined}>{labelOf(v, id) ?? '—'}</span>)}
                  </span>
                  <span className="rv-cluster-final" style={c ? { color: colorOfLabel(c.label) } : undefined}>→ {c ? c.label : 'left out'}{c?.attributes.proposed ? '?' : ''}</span>
                </button>
              </li>
            );
          })}
        </ol>
        </div>
      </section>
      <section aria-label="Versions">
        <h3>Versions {opinion.can ? <ActionButton id="review.modelOpinion" className="rv-ask" disabled={opinion.busy} showKey>{opinion.busy ? 'Asking the model…' : 'Ask the model'}</ActionButton> : null}</h3>
        {opinion.result ? <p className="muted rv-opinion-head">{opinion.result.model} is sure of {opinion.result.sure} {kind === 'image' ? 'object' : 'span'}{opinion.result.sure === 1 ? '' : 's'} here.</p> : null}
        {opinion.error ? <p role="alert" className="rv-warn">The model could not give its opinion: {opinion.error}</p> : null}
        <ul className="rv-versions">
          {item.versions.map((v, i) => {
            const f = flags.get(v.annotator);
            return (
              <li key={v.annotator} className={i === pane ? 'rv-focus-version' : undefined}>
                <strong title={v.annotator}>{annotatorName(v.annotator)}</strong> <span className="muted">{v.objects.length} objects · {v.source}{v.signer ? ' · signed' : ''}</span>
                {v.changed ? <div role="alert" className="rv-warn">Changed since it was stored: reopen before judging.</div> : null}
                {f ? <div className={f.flagged ? 'rv-flag' : 'rv-noflag muted'} aria-label={`Model opinion of ${annotatorName(v.annotator)}`}>{f.flagged ? `⚑ ${f.reasons.join(' ')}` : '✓ Nothing the model is sure of is missing or labelled otherwise.'}</div> : null}
              </li>
            );
          })}
        </ul>
        <table className="rv-pairs" aria-label="Agreement between annotators">
          <thead><tr><th>pair</th><th>agreed</th><th>mean IoU</th></tr></thead>
          <tbody>{item.pairs.map((p) => <tr key={`${p.a}-${p.b}`}><td>{annotatorName(p.a)} · {annotatorName(p.b)}</td><td>{p.matched}</td><td>{p.meanIoU.toFixed(2)}</td></tr>)}</tbody>
        </table>
      </section>
    </div>
  );
}
