// A text item under review: one column per version and one for the draft, spans marked by match status, scrolled
// together. Each column is cut once into pieces (textPieces.ts) and built of blocks that re-render on their own, and
// the current cluster is outlined by its data attribute rather than by rendering the columns again, so J costs the
// same at 10,000 spans as at ten.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Asset } from '../../../shared/domain.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { mediaUrl } from '../../api/tagger.ts';
import { useReview } from './reviewStore.ts';
import { span, useLanes, type Colored } from './lanes.ts';
import { blocksOf, textPieces, type Piece } from './textPieces.ts';

const pick = (e: React.MouseEvent) => {
  const k = Number((e.target as HTMLElement).closest('mark')?.dataset.top ?? -1);
  if (k >= 0) useReview.setState({ cluster: k });
};

const Block = memo(function Block({ text, pieces }: { text: string; pieces: Piece<Colored>[] }) {
  return (
    <div className="rv-block">
      {pieces.map((p) => (p.top
        ? <mark key={p.from} data-k={p.covering.map((c) => c.cluster).filter((k) => k >= 0).join(' ')} data-top={p.top.cluster} style={{ background: `${p.top.color}44`, borderBottom: `2px ${p.top.o.origin === 'model' ? 'dashed' : 'solid'} ${p.top.color}` }} title={p.top.o.label}>{text.slice(p.from, p.to)}</mark>
        : <span key={p.from}>{text.slice(p.from, p.to)}</span>))}
    </div>
  );
});

export function TextColumns({ item, asset, colorOfLabel }: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  const lanes = useLanes(item, colorOfLabel);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const [text, setText] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const cols = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);
  useEffect(() => { let live = true; void fetch(mediaUrl(asset.id)).then((r) => r.text()).then((t) => live && setText(t)).catch(() => live && setText('')); return () => { live = false; }; }, [asset.id]);
  const blocks = useMemo(() => (text === null ? [] : lanes.map((l) => blocksOf(textPieces(text.length, l.objects, (c) => span(c.o)), text))), [text, lanes]);
  // The current cluster: outlined wherever one of its spans lies (also under a nested span), and brought into view.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    el.querySelectorAll('.rv-current').forEach((m) => m.classList.remove('rv-current'));
    if (cluster < 0) return;
    const marks = el.querySelectorAll<HTMLElement>(`mark[data-k~="${cluster}"]`);
    marks.forEach((m) => m.classList.add('rv-current'));
    // Into view in every column at once, only when it is not in view already (scrollIntoView laid out and scrolled
    // every column and the page each time: 0.4 s a press at 5,000 spans).
    const first = marks[0];
    const col = first?.closest<HTMLElement>('.rv-text');
    if (!first || !col) return;
    const at = first.getBoundingClientRect(), box = col.getBoundingClientRect();
    if (at.top >= box.top && at.bottom <= box.bottom) return;
    const top = Math.max(0, col.scrollTop + at.top - box.top - box.height / 2);
    syncing.current = true;
    cols.current.forEach((c) => { if (c) c.scrollTop = top; });
    requestAnimationFrame(() => { syncing.current = false; });
  }, [cluster, blocks]);
  const onScroll = (i: number) => {
    if (syncing.current) return;
    syncing.current = true;
    const top = cols.current[i]?.scrollTop ?? 0;
    cols.current.forEach((c, j) => { if (c && j !== i) c.scrollTop = top; });
    requestAnimationFrame(() => { syncing.current = false; });
  };
  if (text === null) return <div className="ws-empty muted" aria-busy="true">Loading the text…</div>;
  return (
    <div ref={root} className="rv-panes" style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}>
      {lanes.map((l, li) => (
        <section key={li} className={`rv-pane${l.pane === pane ? ' rv-pane-focused' : ''}`} aria-label={`${l.title} pane`} onClick={() => l.pane !== null && useReview.setState({ pane: l.pane })}>
          <header className="rv-pane-title">{l.title}</header>
          <div className="rv-text" ref={(el) => { cols.current[li] = el; }} onScroll={() => onScroll(li)} onClick={pick}>
            {blocks[li]?.map((b) => <Block key={b[0].from} text={text} pieces={b} />)}
          </div>
        </section>
      ))}
    </div>
  );
}
