// The side of review mode: the legend (what each color means, with counts), the matched objects of the item (each a
// row with every version's label; the current one highlighted and clickable), and who made each version.
import { useEffect, useRef } from 'react';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { consensusId } from '../../../shared/api/review.ts';
import { CLUSTER_STATUSES } from '../../../shared/agreement/clusterStatus.ts';
import { useReview } from './reviewStore.ts';
import { STATUS_COLOR, STATUS_TEXT, annotatorName } from './statusStyle.ts';

export function ReviewSide({ item, colorOfLabel }: { item: ReviewItem; colorOfLabel: (l: string) => string }) {
  const statuses = useReview((s) => s.statuses);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const consensus = useReview((s) => s.consensus);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => { list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' }); }, [cluster]);
  const labelOf = (v: number, id: string | null) => (id === null ? null : item.versions[v].objects.find((o) => o.id === id)?.label ?? '?');
  const counts = new Map(CLUSTER_STATUSES.map((s) => [s, statuses.filter((x) => x === s).length]));
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
        <h3>Objects <span className="muted">({statuses.filter((s) => s !== 'agreed').length} to resolve)</span></h3>
        <ol className="rv-clusters" ref={list}>
          {item.clusters.map((members, k) => {
            const c = consensus.get(consensusId(k));
            const text = `${k + 1}: ${STATUS_TEXT[statuses[k]]}; ${members.map((id, v) => `${annotatorName(item.versions[v].annotator)} ${labelOf(v, id) ?? 'none'}`).join(', ')}; consensus ${c ? `${c.label}${c.attributes.proposed ? ' (proposed)' : ''}` : 'none'}`;
            return (
              <li key={k}>
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
      </section>
      <section aria-label="Versions">
        <h3>Versions</h3>
        <ul className="rv-versions">
          {item.versions.map((v, i) => (
            <li key={v.annotator} className={i === pane ? 'rv-focus-version' : undefined}>
              <strong title={v.annotator}>{annotatorName(v.annotator)}</strong> <span className="muted">{v.objects.length} objects · {v.source}{v.signer ? ' · signed' : ''}</span>
              {v.changed ? <div role="alert" className="rv-warn">Changed since it was stored: reopen before judging.</div> : null}
            </li>
          ))}
        </ul>
        <table className="rv-pairs" aria-label="Agreement between annotators">
          <thead><tr><th>pair</th><th>agreed</th><th>mean IoU</th></tr></thead>
          <tbody>{item.pairs.map((p) => <tr key={`${p.a}-${p.b}`}><td>{annotatorName(p.a)} · {annotatorName(p.b)}</td><td>{p.matched}</td><td>{p.meanIoU.toFixed(2)}</td></tr>)}</tbody>
        </table>
      </section>
    </div>
  );
}
