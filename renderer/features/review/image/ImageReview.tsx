// The image item under review: one pane per annotator's version (or all versions overlaid in one) and the
// validator's draft consensus, all with the same zoom and pan. Objects are colored by match status; the cluster the
// validator is on is outlined in every pane. Clicking an object goes to its cluster and focuses that pane.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationObject, Asset } from '../../../../shared/domain.ts';
import type { ReviewItem } from '../../../../shared/api/review.ts';
import { consensusId } from '../../../../shared/api/review.ts';
import { loadPyramid, type Pyramid } from '../../image/canvas/imageLayer.ts';
import { ImagePane, type PaneContent } from './ImagePane.ts';
import { PaneGroup } from './PaneGroup.ts';
import { paneColumns, type Size } from './paneGrid.ts';
import { useReview } from '../reviewStore.ts';
import { STATUS_COLOR, ANNOTATOR_COLORS, annotatorName } from '../statusStyle.ts';
import '../../image/image.css';

/** The view controls of the open image item (fit, zoom), for the review actions. */
export const imageReviewView: { group: PaneGroup | null } = { group: null };

function Pane({ group, asset, pyramid, content, title, focused, status, colorOfLabel, onFocus }: { group: PaneGroup; asset: Asset; pyramid: Pyramid | null; content: PaneContent; title: string; focused: boolean; status: boolean; colorOfLabel: (l: string) => string; onFocus?: () => void }) {
  const root = useRef<HTMLDivElement>(null);
  const pane = useRef<ImagePane | null>(null);
  useEffect(() => {
    const p = new ImagePane(root.current!, { id: asset.id, width: asset.width ?? 0, height: asset.height ?? 0, pyramid }, colorOfLabel, status);
    pane.current = p;
    p.onFocus = onFocus;
    p.setContent(content);
    const off = group.add(p);
    return () => { off(); p.destroy(); pane.current = null; };
  }, [group, asset.id, pyramid, colorOfLabel]);
  useEffect(() => { if (pane.current) pane.current.onFocus = onFocus; }, [onFocus]);
  useEffect(() => { pane.current?.setContent(content); }, [content]);
  return (
    <section className={`rv-pane${focused ? ' rv-pane-focused' : ''}`} aria-label={`${title} pane`} aria-current={focused || undefined}>
      <header className="rv-pane-title">{title}</header>
      <div ref={root} className="rv-canvas" data-testid="review-pane" />
    </section>
  );
}

export function ImageReview({ item, asset, colorOfLabel }: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  const cluster = useReview((s) => s.cluster);
  const paneIndex = useReview((s) => s.pane);
  const overlay = useReview((s) => s.overlay);
  const statuses = useReview((s) => s.statuses);
  const consensus = useReview((s) => s.consensus);
  const [pyramid, setPyramid] = useState<Pyramid | null | undefined>(undefined);
  useEffect(() => { let live = true; void loadPyramid(asset.id).then((p) => live && setPyramid(p)); return () => { live = false; }; }, [asset.id]);

  // object id → cluster, per version
  const clusterOf = useMemo(() => item.versions.map((_, v) => new Map(item.clusters.flatMap((c, k) => (c[v] === null ? [] : [[c[v]!, k] as const])))), [item]);
  const group = useMemo(() => new PaneGroup((p, x, y, tol) => {
    const o = p.image.index.hit(x, y, tol);
    if (!o) return;
    const k = typeof o.attributes.__cluster === 'number' ? o.attributes.__cluster : -1;
    if (k >= 0) useReview.setState({ cluster: k });
  }), [asset.id, asset.width, asset.height]);
  useEffect(() => { imageReviewView.group = group; return () => { group.destroy(); if (imageReviewView.group === group) imageReviewView.group = null; }; }, [group]);

  const tag = (o: AnnotationObject, k: number, id = o.id): AnnotationObject => ({ ...o, id, attributes: { ...o.attributes, __cluster: k } });
  const versionContents = useMemo(() => item.versions.map((v, i) => {
    const objects = v.objects.map((o) => tag(o, clusterOf[i].get(o.id) ?? -1));
    const id = cluster >= 0 ? item.clusters[cluster][i] : null;
    return { objects, colorFor: (o: AnnotationObject) => STATUS_COLOR[statuses[o.attributes.__cluster as number] ?? 'extra'], focus: id ? [id] : [] } satisfies PaneContent;
  }), [item, statuses, clusterOf, cluster]);
  const overlayContent = useMemo((): PaneContent => {
    const objects = item.versions.flatMap((v, i) => v.objects.map((o) => ({ ...tag(o, clusterOf[i].get(o.id) ?? -1, `${i}\u0000${o.id}`), attributes: { ...o.attributes, __cluster: clusterOf[i].get(o.id) ?? -1, __version: i } })));
    const focus = cluster >= 0 ? item.clusters[cluster].flatMap((id, i) => (id === null ? [] : [`${i}\u0000${id}`])) : [];
    return { objects, colorFor: (o) => ANNOTATOR_COLORS[(o.attributes.__version as number) % ANNOTATOR_COLORS.length], focus };
  }, [item, clusterOf, cluster]);
  const consensusContent = useMemo((): PaneContent => {
    const objects = [...consensus.values()].map((o) => tag(o, Number(o.id.slice(1)) - 1));
    return { objects, colorFor: (o) => colorOfLabel(o.label), focus: cluster >= 0 ? [consensusId(cluster)] : [] };
  }, [consensus, cluster, colorOfLabel]);

  useEffect(() => { if (cluster >= 0) requestAnimationFrame(() => group.reveal()); }, [cluster, group]);

  // The grid is chosen from the room measured before the panes first lay out, so they fit the picture at its size.
  const box = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<Size | null>(null);
  const ready = pyramid !== undefined && !!asset.width && !!asset.height;
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setArea((a) => (a && a.width === el.clientWidth && a.height === el.clientHeight ? a : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ready]);
  const n = (overlay ? 1 : item.versions.length) + 1;
  const cols = area ? paneColumns(n, area, { width: asset.width ?? 0, height: asset.height ?? 0 }) : n;
  // A new grid (the window resized, overlay toggled) fits the picture to the panes' new size.
  const laidOut = useRef(cols);
  useEffect(() => {
    if (laidOut.current === cols) return;
    laidOut.current = cols;
    const frame = requestAnimationFrame(() => group.fit());
    return () => cancelAnimationFrame(frame);
  }, [cols, group]);

  if (pyramid === undefined) return <div className="ws-empty muted" aria-busy="true">Preparing the image…</div>;
  if (!asset.width || !asset.height) return <div className="ws-empty" role="alert">This image has no known size, so it cannot be reviewed.</div>;
  return (
    <div ref={box} className="rv-panes" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridAutoRows: 'minmax(0, 1fr)' }} data-overlay={overlay || undefined} data-columns={cols}>
      {!area ? null : overlay
        ? <Pane key="overlay" group={group} asset={asset} pyramid={pyramid} content={overlayContent} status colorOfLabel={colorOfLabel} title={`Overlay: ${item.versions.map((v) => annotatorName(v.annotator)).join(', ')}`} focused />
        : item.versions.map((v, i) => (
          <Pane key={v.annotator} group={group} asset={asset} pyramid={pyramid} content={versionContents[i]} status={i === 0} colorOfLabel={colorOfLabel} title={annotatorName(v.annotator)} focused={i === paneIndex} onFocus={() => useReview.setState({ pane: i })} />
        ))}
      {area ? <Pane key="@consensus" group={group} asset={asset} pyramid={pyramid} content={consensusContent} status={false} colorOfLabel={colorOfLabel} title="Consensus (your draft)" focused={false} /> : null}
    </div>
  );
}
