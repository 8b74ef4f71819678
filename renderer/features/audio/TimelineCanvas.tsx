// The waveform with its ruler and tier lanes on one canvas, redrawn in a requestAnimationFrame loop only when
// something changed (scroll, zoom, document, selection, peaks arriving) or while playing.
import { useEffect, useRef } from 'react';
import type { TierDef } from '../../../shared/domain.ts';
import { useApp, setStatusInfo } from '../../stores/app.ts';
import { editsRefused, refuseReadOnly, useDocument } from '../document/documentStore.ts';
import { useAudioUi } from './audioStore.ts';
import { selectOne, selectedId, useSelection } from '../workspace/selection.ts';
import { canvasHeight, drawFrame, type FrameInput } from './drawTimeline.ts';
import type { PeaksCache } from './peaksCache.ts';
import type { SpectrogramCache } from './spectrogramCache.ts';
import type { Player } from './player.ts';
import { segmentAt, type SegmentIndex } from './segmentIndex.ts';
import { createSegment, setTimes } from './segmentEdits.ts';
import { formatTime } from './segmentModel.ts';
import { clampTime, edgeAt, moveTo, pressAt, zoneAt, type Gesture, type GestureContext } from './timelineInput.ts';
import type { WaveView } from './waveView.ts';

export interface TimelineProps {
  view: WaveView;
  player: Player;
  peaks: PeaksCache | null;
  spectrogram: SpectrogramCache | null;
  sampleRate: number;
  tiers: TierDef[];
  indexRef: { current: SegmentIndex };
  labelColor: (label: string) => string;
  labelName: (label: string) => string;
}

export function TimelineCanvas(props: TimelineProps) {
  const { view, player, tiers } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const height = canvasHeight(tiers.length);

  useEffect(() => {
    const host = hostRef.current!;
    const canvas = canvasRef.current!;
    const ctx = canvas.getContext('2d', { alpha: false })!;
    let dirty = true;
    let raf = 0;
    let hoverX: number | null = null;
    let gesture: Gesture | null = null;
    const mark = () => { dirty = true; };
    const unsubs = [view.subscribe(mark), player.subscribe(mark), useAudioUi.subscribe(mark), useSelection.subscribe(mark), useDocument.subscribe(mark)];
    if (props.peaks) unsubs.push(props.peaks.subscribe(mark));
    if (props.spectrogram) unsubs.push(props.spectrogram.subscribe(mark));

    const resize = () => {
      const w = Math.max(100, Math.floor(host.clientWidth));
      const dpr = window.devicePixelRatio || 1;
      const h = canvasHeight(propsRef.current.tiers.length);
      canvas.width = Math.floor(w * dpr);
      canvas.height = Math.floor(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      view.setWidth(w);
      dirty = true;
    };
    const ro = new ResizeObserver(resize);
    ro.observe(host);
    resize();

    const frame = (): FrameInput => {
      const p = propsRef.current;
      const ui = useAudioUi.getState();
      return {
        view, peaks: p.peaks, spectrogram: p.spectrogram, showSpectrogram: ui.spectrogram, sampleRate: p.sampleRate, index: p.indexRef.current, tiers: p.tiers, activeTier: ui.activeTier,
        labelColor: p.labelColor, labelName: p.labelName, selectedId: selectedId(), playhead: player.time, hoverX,
        pendingStart: ui.pendingStart, preview: gesture && (gesture.kind === 'creating' || gesture.kind === 'resizing' || gesture.kind === 'moving') ? gesture.preview : null,
        dark: document.documentElement.dataset.theme !== 'light',
      };
    };
    const loop = () => {
      raf = requestAnimationFrame(loop);
      player.tick();
      if (player.playing) {
        // Page-turn follow: when the playhead leaves the view, the next screen comes in.
        const t = player.time;
        if (!gesture && (t > view.end || t < view.start)) view.scrollTo(t - (view.end - view.start) * 0.05);
        dirty = true;
      }
      if (!dirty) return;
      dirty = false;
      const f = frame();
      const complete = drawFrame(ctx, f);
      host.dataset.ready = String(complete && !!propsRef.current.peaks);
      host.dataset.view = f.showSpectrogram && f.spectrogram ? 'spectrogram' : 'waveform';
    };
    raf = requestAnimationFrame(loop);

    const ctxFor = (): GestureContext => {
      const ui = useAudioUi.getState();
      return { index: propsRef.current.indexRef.current, view, tiers: propsRef.current.tiers, activeTier: ui.activeTier, selectedId: selectedId(), currentLabel: useSelection.getState().currentLabel ?? '', editable: !editsRefused() };
    };
    const place = () => ({ index: propsRef.current.indexRef.current, tiers: propsRef.current.tiers });
    const local = (e: { clientX: number; clientY: number }) => {
      const r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      host.focus({ preventScroll: true });
      const { x, y } = local(e);
      gesture = pressAt(x, y, ctxFor(), e.shiftKey);
      if (!gesture) return;
      canvas.setPointerCapture(e.pointerId);
      if (gesture.kind === 'seeking') player.seek(clampTime(view.timeAt(x), view.duration));
      if (gesture.kind === 'resizing') selectOne(gesture.seg.id, true);
      dirty = true;
    };
    const onMove = (e: PointerEvent) => {
      const { x, y } = local(e);
      hoverX = x;
      const t = clampTime(view.timeAt(x), view.duration);
      const zone = zoneAt(y, propsRef.current.tiers);
      setStatusInfo({ cursorInfo: `${formatTime(t)}${zone.kind === 'lane' ? ` · ${propsRef.current.tiers.find((d) => d.id === zone.tier)?.name ?? ''}` : ''}` });
      if (gesture) {
        if (gesture.kind === 'seeking') player.seek(t);
        else if (gesture.kind !== 'refused') {
          gesture = moveTo(gesture, x, ctxFor());
          if (gesture.kind === 'refused') refuseReadOnly(); // says read-only (or still opening), as the image canvas does
          if (gesture.kind === 'moving') {
            canvas.style.cursor = 'grabbing';
            if (selectedId() !== gesture.seg.id) selectOne(gesture.seg.id, true);
          }
        }
      } else {
        const index = propsRef.current.indexRef.current;
        // A task that cannot be edited offers no handles to grab: the cursor says so before any drag.
        const editable = !editsRefused();
        const edge = editable && zone.kind === 'lane' ? edgeAt(index, view, zone.tier, x, selectedId()) : null;
        const body = !edge && zone.kind === 'lane' && !e.shiftKey ? segmentAt(index, zone.tier, view.timeAt(x)) : null;
        canvas.style.cursor = zone.kind === 'ruler' ? 'pointer' : !editable ? 'default' : edge ? 'ew-resize' : body && !body.locked ? 'grab' : 'crosshair';
      }
      dirty = true;
    };
    const onUp = (e: PointerEvent) => {
      const g = gesture;
      gesture = null;
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      dirty = true;
      if (!g) return;
      const { x } = local(e);
      if (g.kind === 'pressing') {
        if (g.tier !== useAudioUi.getState().activeTier && zoneAt(local(e).y, propsRef.current.tiers).kind === 'lane') useAudioUi.setState({ activeTier: g.tier });
        if (g.onSegment) selectOne(g.onSegment.id, true);
        else player.seek(clampTime(view.timeAt(x), view.duration));
      } else if (g.kind === 'creating') {
        const p = g.preview;
        // (drawn from inside a segment of an exclusive tier, its gap was not the anchor's: createSegment refuses it)
        if (p.end - p.start > 0 && createSegment(place(), p.start, p.end, g.tier, useSelection.getState().currentLabel ?? '')) useAudioUi.setState({ activeTier: g.tier });
      } else if (g.kind === 'resizing') {
        const p = g.preview;
        if ((p.start !== g.seg.start || p.end !== g.seg.end) && p.end > p.start) setTimes(place(), g.seg.id, p.start, p.end);
      } else if (g.kind === 'moving') {
        const p = g.preview;
        if (p.start !== g.seg.start) setTimes(place(), g.seg.id, p.start, p.end, undefined, 'Move segment');
      }
    };
    const onLeave = () => {
      hoverX = null;
      useApp.setState({ cursorInfo: '' });
      dirty = true;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && gesture) {
        gesture = null;
        dirty = true;
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { x } = local(e);
      if (e.ctrlKey || e.metaKey) view.zoomTo(view.pxPerSec * Math.exp(-e.deltaY * 0.002), x);
      else view.scrollBy(Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY);
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointercancel', onUp);
    canvas.addEventListener('pointerleave', onLeave);
    host.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey, true);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
      for (const u of unsubs) u();
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
      canvas.removeEventListener('pointerleave', onLeave);
      host.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [view, player, props.peaks, props.spectrogram]);

  return (
    <div
      ref={hostRef}
      className="au-timeline"
      role="application"
      aria-label="Waveform"
      aria-roledescription="waveform and segment lanes"
      aria-describedby="au-wave-help"
      aria-busy={!props.peaks}
      tabIndex={0}
      style={{ height }}
    >
      <canvas ref={canvasRef} />
      <p id="au-wave-help" className="au-sr-only">
        Drag in a lane to add a segment (Shift+drag over one to overlap it), drag an edge to adjust it, drag a segment to move it, Alt+arrows move the selected one, click to seek. Ctrl+wheel or + and − zoom, wheel scrolls.
      </p>
    </div>
  );
}
