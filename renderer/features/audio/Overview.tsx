// The whole file at a glance: a coarse waveform, the window being viewed, the playhead. Click or drag to move
// the view there; arrow keys step by half a screen. It is the timeline's scrollbar (a slider for assistive tech).
import { useEffect, useRef, useState } from 'react';
import type { PeaksCache } from './peaksCache.ts';
import type { Player } from './player.ts';
import type { WaveView } from './waveView.ts';
import { formatTime } from './segmentModel.ts';

const H = 36;
const minmax = new Int32Array(2);

export function Overview({ view, player, peaks, sampleRate }: { view: WaveView; player: Player; peaks: PeaksCache | null; sampleRate: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [start, setStart] = useState(view.start);
  useEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext('2d', { alpha: false })!;
    let dirty = true;
    let raf = 0;
    let lastPlayX = -1;
    const mark = () => { dirty = true; setStart(Math.round(view.start)); };
    const unsubs = [view.subscribe(mark), player.subscribe(mark)];
    if (peaks) unsubs.push(peaks.subscribe(() => { dirty = true; }));
    const draw = () => {
      const W = canvas.clientWidth || 1;
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.floor(W * dpr)) {
        canvas.width = Math.floor(W * dpr);
        canvas.height = Math.floor(H * dpr);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      }
      const dark = document.documentElement.dataset.theme !== 'light';
      ctx.fillStyle = dark ? '#111316' : '#f0f0f0';
      ctx.fillRect(0, 0, W, H);
      const pxPerSec = W / Math.max(view.duration, 0.001);
      if (peaks) {
        const level = peaks.levelFor(sampleRate / pxPerSec);
        const ratio = sampleRate / pxPerSec / level.samplesPerPixel;
        ctx.fillStyle = dark ? '#4c7cb8' : '#6a93cf';
        for (let x = 0; x < W; x++) {
          const i0 = Math.floor(x * ratio);
          if (!peaks.range(level, i0, Math.max(i0 + 1, Math.floor((x + 1) * ratio)), minmax)) { dirty = true; continue; }
          const top = H / 2 - (minmax[1] * (H / 2 - 2)) / 128;
          ctx.fillRect(x, top, 1, Math.max(1, ((minmax[1] - minmax[0]) * (H / 2 - 2)) / 128));
        }
      }
      const x0 = view.start * pxPerSec, x1 = view.end * pxPerSec;
      ctx.fillStyle = 'rgba(255,255,255,0.16)';
      ctx.fillRect(x0, 0, Math.max(2, x1 - x0), H);
      ctx.strokeStyle = dark ? '#d6d9de' : '#333';
      ctx.strokeRect(x0 + 0.5, 0.5, Math.max(2, x1 - x0) - 1, H - 1);
      ctx.fillStyle = '#ff4d4d';
      ctx.fillRect(Math.round(player.time * pxPerSec), 0, 1, H);
    };
    const loop = () => {
      raf = requestAnimationFrame(loop);
      const px = Math.round(player.time * ((canvas.clientWidth || 1) / Math.max(view.duration, 0.001)));
      if (px !== lastPlayX) { lastPlayX = px; dirty = true; }
      if (!dirty) return;
      dirty = false;
      draw();
    };
    raf = requestAnimationFrame(loop);
    let dragging = false;
    const moveTo = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      const t = ((e.clientX - r.left) / r.width) * view.duration;
      view.scrollTo(t - (view.end - view.start) / 2);
    };
    const down = (e: PointerEvent) => { dragging = true; canvas.setPointerCapture(e.pointerId); moveTo(e); };
    const move = (e: PointerEvent) => { if (dragging) moveTo(e); };
    const up = () => { dragging = false; };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    return () => {
      cancelAnimationFrame(raf);
      for (const u of unsubs) u();
      canvas.removeEventListener('pointerdown', down);
      canvas.removeEventListener('pointermove', move);
      canvas.removeEventListener('pointerup', up);
    };
  }, [view, player, peaks, sampleRate]);
  const onKey = (e: React.KeyboardEvent) => {
    const span = view.end - view.start;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') view.scrollBy((span / 2) * view.pxPerSec);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') view.scrollBy((-span / 2) * view.pxPerSec);
    else if (e.key === 'Home') view.scrollTo(0);
    else if (e.key === 'End') view.scrollTo(view.duration);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <canvas
      ref={ref}
      className="au-overview"
      role="slider"
      aria-label="Overview"
      aria-valuemin={0}
      aria-valuemax={Math.round(view.duration)}
      aria-valuenow={Math.round(start)}
      aria-valuetext={`View starts at ${formatTime(start)}`}
      tabIndex={0}
      onKeyDown={onKey}
      style={{ height: H }}
    />
  );
}
