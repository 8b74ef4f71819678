// Audio and text items under review. Audio: one lane per version and one for the draft consensus on a shared time
// axis (one scroll, one zoom, one playhead for all), segments colored by match status. Text: one column per version
// and the draft, spans marked by status, scrolled together. Clicking an object goes to its cluster.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationObject, Asset } from '../../../shared/domain.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { mediaUrl } from '../../api/tagger.ts';
import { useReview } from './reviewStore.ts';
import { STATUS_COLOR, annotatorName } from './statusStyle.ts';

type Colored = { o: AnnotationObject; cluster: number; color: string };

function useLanes(item: ReviewItem, colorOfLabel: (l: string) => string): { title: string; objects: Colored[]; pane: number | null }[] {
  const statuses = useReview((s) => s.statuses);
  const consensus = useReview((s) => s.consensus);
  const overlay = useReview((s) => s.overlay);
  return useMemo(() => {
    const lanes = item.versions.map((v, i) => {
      const clusterOf = new Map(item.clusters.flatMap((c, k) => (c[i] === null ? [] : [[c[i]!, k] as const])));
      return { title: annotatorName(v.annotator), pane: i as number | null, objects: v.objects.map((o) => { const k = clusterOf.get(o.id) ?? -1; return { o, cluster: k, color: STATUS_COLOR[statuses[k] ?? 'extra'] }; }) };
    });
    const merged = overlay ? [{ title: `Overlay: ${item.versions.map((v) => annotatorName(v.annotator)).join(', ')}`, pane: null, objects: lanes.flatMap((l) => l.objects) }] : lanes;
    return [...merged, { title: 'Consensus (your draft)', pane: null, objects: [...consensus.values()].map((o) => ({ o, cluster: Number(o.id.slice(1)) - 1, color: colorOfLabel(o.label) })) }];
  }, [item, statuses, consensus, overlay, colorOfLabel]);
}

const span = (o: AnnotationObject) => o.geometry as { start: number; end: number };

function AudioLanes({ item, asset, colorOfLabel }: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  const lanes = useLanes(item, colorOfLabel);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const duration = Math.max(1, (asset.durationMs ?? 0) / 1000, ...lanes.flatMap((l) => l.objects.map((c) => span(c.o).end)));
  const [pxPerSec, setPx] = useState(120);
  const [time, setTime] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (cluster < 0 || !scroller.current) return;
    const o = lanes.flatMap((l) => l.objects).find((c) => c.cluster === cluster)?.o;
    if (!o) return;
    const x = span(o).start * pxPerSec, el = scroller.current;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 100) el.scrollLeft = Math.max(0, x - 80);
    setTime(span(o).start);
    if (audio.current) audio.current.currentTime = span(o).start;
  }, [cluster]);
  const width = duration * pxPerSec;
  return (
    <div className="rv-audio">
      <div className="rv-audio-bar">
        <audio ref={audio} src={mediaUrl(asset.id)} controls aria-label="Play the recording" onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)} />
        <span className="muted">{time.toFixed(2)} s</span>
        <button onClick={() => setPx((p) => Math.min(2000, p * 1.5))} aria-label="Zoom in (time)">+</button>
        <button onClick={() => setPx((p) => Math.max(10, p / 1.5))} aria-label="Zoom out (time)">−</button>
      </div>
      <div className="rv-lanes" ref={scroller} onWheel={(e) => { if (e.ctrlKey) { e.preventDefault(); setPx((p) => Math.min(2000, Math.max(10, p * Math.exp(-e.deltaY * 0.002)))); } }}>
        <div style={{ width, position: 'relative' }}>
          {lanes.map((l, li) => (
            <div key={li} className={`rv-lane${l.pane === pane ? ' rv-pane-focused' : ''}`} aria-label={`${l.title} lane`} onClick={() => l.pane !== null && useReview.setState({ pane: l.pane })}>
              <span className="rv-lane-title">{l.title}</span>
              {l.objects.map((c) => (
                <button key={`${c.o.id}`} className={`rv-seg${c.cluster === cluster ? ' rv-current' : ''}${c.o.origin === 'model' ? ' rv-proposed' : ''}`} style={{ left: span(c.o).start * pxPerSec, width: Math.max(2, (span(c.o).end - span(c.o).start) * pxPerSec), background: `${c.color}55`, borderColor: c.color }}
                  title={`${c.o.label} ${span(c.o).start.toFixed(2)}–${span(c.o).end.toFixed(2)} s`} aria-label={`${l.title}: ${c.o.label} ${span(c.o).start.toFixed(2)} to ${span(c.o).end.toFixed(2)} s`} tabIndex={-1}
                  onClick={() => c.cluster >= 0 && useReview.setState({ cluster: c.cluster })}>{c.o.label}</button>
              ))}
            </div>
          ))}
          <div className="rv-playhead" style={{ left: time * pxPerSec }} aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}

/** The text cut at every span edge; each piece shows the span it belongs to (the current cluster's first, else the innermost). */
function pieces(text: string, objs: Colored[], cluster: number): { from: number; to: number; c: Colored | null }[] {
  const edges = new Set([0, text.length]);
  for (const c of objs) { edges.add(Math.max(0, Math.min(text.length, span(c.o).start))); edges.add(Math.max(0, Math.min(text.length, span(c.o).end))); }
  const cuts = [...edges].sort((a, b) => a - b);
  const out: { from: number; to: number; c: Colored | null }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i], to = cuts[i + 1];
    const cover = objs.filter((c) => span(c.o).start <= from && span(c.o).end >= to);
    const c = cover.find((x) => x.cluster === cluster) ?? cover.sort((a, b) => span(a.o).end - span(a.o).start - (span(b.o).end - span(b.o).start))[0] ?? null;
    out.push({ from, to, c });
  }
  return out;
}

function TextColumns({ item, asset, colorOfLabel }: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  const lanes = useLanes(item, colorOfLabel);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const [text, setText] = useState<string | null>(null);
  const cols = useRef<(HTMLDivElement | null)[]>([]);
  const syncing = useRef(false);
  useEffect(() => { let live = true; void fetch(mediaUrl(asset.id)).then((r) => r.text()).then((t) => live && setText(t)).catch(() => live && setText('')); return () => { live = false; }; }, [asset.id]);
  useEffect(() => { cols.current[0]?.parentElement?.querySelector('.rv-current')?.scrollIntoView({ block: 'center' }); }, [cluster]);
  const onScroll = (i: number) => {
    if (syncing.current) return;
    syncing.current = true;
    const top = cols.current[i]?.scrollTop ?? 0;
    cols.current.forEach((c, j) => { if (c && j !== i) c.scrollTop = top; });
    requestAnimationFrame(() => { syncing.current = false; });
  };
  if (text === null) return <div className="ws-empty muted" aria-busy="true">Loading the text…</div>;
  return (
    <div className="rv-panes" style={{ gridTemplateColumns: `repeat(${lanes.length}, minmax(0, 1fr))` }}>
      {lanes.map((l, li) => (
        <section key={li} className={`rv-pane${l.pane === pane ? ' rv-pane-focused' : ''}`} aria-label={`${l.title} pane`} onClick={() => l.pane !== null && useReview.setState({ pane: l.pane })}>
          <header className="rv-pane-title">{l.title}</header>
          <div className="rv-text" ref={(el) => { cols.current[li] = el; }} onScroll={() => onScroll(li)}>
            {pieces(text, l.objects, cluster).map((p) => (p.c
              ? <mark key={p.from} className={p.c.cluster === cluster ? 'rv-current' : undefined} style={{ background: `${p.c.color}44`, borderBottom: `2px ${p.c.o.origin === 'model' ? 'dashed' : 'solid'} ${p.c.color}` }} title={p.c.o.label}
                onClick={() => { const k = p.c!.cluster; if (k >= 0) useReview.setState({ cluster: k }); }}>{text.slice(p.from, p.to)}</mark>
              : <span key={p.from}>{text.slice(p.from, p.to)}</span>))}
          </div>
        </section>
      ))}
    </div>
  );
}

export function IntervalReview(props: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  return props.asset.kind === 'audio' ? <AudioLanes {...props} /> : <TextColumns {...props} />;
}

