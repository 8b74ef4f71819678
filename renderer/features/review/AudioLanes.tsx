// An audio item under review: one lane per version and one for the draft consensus on a shared time axis (one
// scroll, one zoom, one playhead for all), segments colored by match status. Only the segments within a screen of
// the visible time are in the page (the waveform's sorted index per lane), so a long recording with tens of
// thousands of segments scrolls and walks by J as fast as a short one.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Asset } from '../../../shared/domain.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { mediaUrl } from '../../api/tagger.ts';
import { useReview } from './reviewStore.ts';
import { buildIndex, forEachVisible } from '../audio/segmentIndex.ts';
import { span, useLanes, type Colored } from './lanes.ts';
import { useActions } from '../../actions/registry.ts';
import { ActionButton } from '../../actions/ActionButton.tsx';

/** The widest the time axis may get, in pixels (browsers stop laying out past about 16 million). */
const MAX_WIDTH = 8_000_000;
const LANE = 'lane';

export function AudioLanes({ item, asset, colorOfLabel }: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  const lanes = useLanes(item, colorOfLabel);
  const cluster = useReview((s) => s.cluster);
  const pane = useReview((s) => s.pane);
  const duration = useMemo(() => Math.max(1, (asset.durationMs ?? 0) / 1000, ...lanes.map((l) => l.objects.reduce((m, c) => Math.max(m, span(c.o).end), 0))), [asset.durationMs, lanes]);
  const maxPx = Math.max(10, Math.min(2000, MAX_WIDTH / duration));
  const [zoom, setPx] = useState(120);
  const pxPerSec = Math.min(zoom, maxPx);
  const audio = useRef<HTMLAudioElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ left: 0, width: 0 });
  // Each lane's segments sorted by start with a running maximum of ends: the visible ones are found by binary search.
  // Each cluster's segments across the lanes, in lane order: J and Shift+Space look them up instead of copying every lane.
  const byCluster = useMemo(() => {
    const m = new Map<number, Colored[]>();
    for (const l of lanes) for (const c of l.objects) if (c.cluster >= 0) { const list = m.get(c.cluster); if (list) list.push(c); else m.set(c.cluster, [c]); }
    return m;
  }, [lanes]);
  const indexes = useMemo(() => lanes.map((l) => buildIndex(l.objects.map((c, i) => ({ id: String(i), start: span(c.o).start, end: span(c.o).end, tier: LANE, label: '', origin: 'human' as const, locked: false, hidden: false, transcript: '' })))), [lanes]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    // The view is kept in whole screens: a scroll re-renders the lanes once per screen crossed, not every frame.
    const measure = () => {
      frame = 0;
      const width = Math.max(1, el.clientWidth), left = Math.floor(el.scrollLeft / width) * width;
      setView((v) => (v.left === left && v.width === width ? v : { left, width }));
    };
    const soon = () => { if (!frame) frame = requestAnimationFrame(measure); };
    measure();
    el.addEventListener('scroll', soon, { passive: true });
    const ro = new ResizeObserver(soon);
    ro.observe(el);
    return () => { el.removeEventListener('scroll', soon); ro.disconnect(); cancelAnimationFrame(frame); };
  }, []);

  // Space plays and pauses as in the annotator's timeline; Shift+Space plays the current object (from the earliest
  // start to the latest end of its versions) and stops at its end, so a validator listens to what is judged.
  // The stop is watched each frame only while such a play runs (timeupdate comes 4 times a second: too coarse).
  const stopAt = useRef<number | null>(null);
  const watching = useRef(0);
  useEffect(() => () => cancelAnimationFrame(watching.current), []);
  useActions(() => {
    const playPause = () => {
      const a = audio.current;
      if (!a) return;
      stopAt.current = null;
      if (a.paused) void a.play().catch(() => undefined);
      else a.pause();
    };
    const playCurrent = () => {
      const a = audio.current;
      const { cluster: k } = useReview.getState();
      const members = k >= 0 ? byCluster.get(k) ?? [] : [];
      if (!a || !members.length) return;
      a.currentTime = Math.min(...members.map((c) => span(c.o).start));
      stopAt.current = Math.max(...members.map((c) => span(c.o).end));
      void a.play().catch(() => undefined);
      cancelAnimationFrame(watching.current);
      const watch = () => {
        if (stopAt.current === null) return;
        if (a.currentTime >= stopAt.current) { a.pause(); stopAt.current = null; return; }
        watching.current = requestAnimationFrame(watch);
      };
      watching.current = requestAnimationFrame(watch);
    };
    return [
      { id: 'review.play', title: 'Play or pause', group: 'Review', keys: ['Space'], run: playPause },
      { id: 'review.playCurrent', title: 'Play the current object', group: 'Review', keys: ['Shift+Space'], run: playCurrent },
    ];
  }, [lanes]);

  useEffect(() => {
    if (cluster < 0 || !scroller.current) return;
    const o = byCluster.get(cluster)?.[0]?.o;
    if (!o) return;
    const x = span(o).start * pxPerSec, el = scroller.current;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 100) el.scrollLeft = Math.max(0, x - 80);
    if (audio.current) audio.current.currentTime = span(o).start;
  }, [cluster]);

  // The screen the view starts in and one on either side are drawn, so the view never reaches an undrawn edge.
  const t0 = (view.left - view.width) / pxPerSec, t1 = (view.left + 3 * view.width) / pxPerSec;
  const visible = (li: number): Colored[] => {
    const out: Colored[] = [];
    forEachVisible(indexes[li], LANE, t0, t1, (s) => out.push(lanes[li].objects[Number(s.id)]));
    return out;
  };
  return (
    <div className="rv-audio">
      <div className="rv-audio-bar">
        <audio ref={audio} src={mediaUrl(asset.id)} controls aria-label="Play the recording" />
        <PlayTime audio={audio}>{(t) => <span className="muted">{t.toFixed(2)} s</span>}</PlayTime>
        <ActionButton id="review.playCurrent" showKey>Play current</ActionButton>
        <button onClick={() => setPx((p) => Math.min(maxPx, p * 1.5))} aria-label="Zoom in (time)">+</button>
        <button onClick={() => setPx((p) => Math.max(10, Math.min(maxPx, p) / 1.5))} aria-label="Zoom out (time)">−</button>
      </div>
      <div className="rv-lanes" ref={scroller} onWheel={(e) => { if (e.ctrlKey) { e.preventDefault(); setPx((p) => Math.min(maxPx, Math.max(10, Math.min(maxPx, p) * Math.exp(-e.deltaY * 0.002)))); } }}>
        <div style={{ width: duration * pxPerSec, position: 'relative' }}>
          {lanes.map((l, li) => (
            <div key={li} className={`rv-lane${l.pane === pane ? ' rv-pane-focused' : ''}`} aria-label={`${l.title} lane`} onClick={() => l.pane !== null && useReview.setState({ pane: l.pane })}>
              <span className="rv-lane-title">{l.title}</span>
              {visible(li).map((c) => (
                <button key={`${c.o.id}`} className={`rv-seg${c.cluster === cluster ? ' rv-current' : ''}${c.o.origin === 'model' ? ' rv-proposed' : ''}`} style={{ left: span(c.o).start * pxPerSec, width: Math.max(2, (span(c.o).end - span(c.o).start) * pxPerSec), background: `${c.color}55`, borderColor: c.color }}
                  title={`${c.o.label} ${span(c.o).start.toFixed(2)}–${span(c.o).end.toFixed(2)} s`} aria-label={`${l.title}: ${c.o.label} ${span(c.o).start.toFixed(2)} to ${span(c.o).end.toFixed(2)} s`} tabIndex={-1}
                  onClick={() => c.cluster >= 0 && useReview.setState({ cluster: c.cluster })}>{c.o.label}</button>
              ))}
            </div>
          ))}
          <PlayTime audio={audio}>{(t) => <div className="rv-playhead" style={{ left: t * pxPerSec }} aria-hidden="true" />}</PlayTime>
        </div>
      </div>
    </div>
  );
}

/** The player's time, followed by this small part alone: playing re-renders the playhead and the time, not the lanes. */
function PlayTime({ audio, children }: { audio: React.RefObject<HTMLAudioElement | null>; children: (t: number) => React.ReactNode }) {
  const [t, setT] = useState(0);
  useEffect(() => {
    const a = audio.current;
    if (!a) return;
    const on = () => setT(a.currentTime);
    a.addEventListener('timeupdate', on);
    a.addEventListener('seeked', on);
    return () => { a.removeEventListener('timeupdate', on); a.removeEventListener('seeked', on); };
  }, [audio]);
  return <>{children(t)}</>;
}
