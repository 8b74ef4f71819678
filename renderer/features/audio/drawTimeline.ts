// Paints one frame of the timeline canvas: ruler, waveform from peaks, tier lanes with only the visible segments
// (looked up in the sorted index), the pending mark, the drag preview, the hover line and the playhead.
import type { TierDef } from '../../../shared/domain.ts';
import type { PeaksCache } from './peaksCache.ts';
import type { SpectrogramCache } from './spectrogramCache.ts';
import { drawHzAxis, drawSpectrogram } from './drawSpectrogram.ts';
import { forEachVisible, type SegmentIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import { formatTick, tickStep, type WaveView } from './waveView.ts';

export const RULER_H = 22;
export const WAVE_H = 120;
export const LANE_H = 34;

export interface FrameInput {
  view: WaveView;
  peaks: PeaksCache | null;
  /** Shown instead of the waveform when on; null while it is being computed (the waveform stays meanwhile). */
  spectrogram: SpectrogramCache | null;
  showSpectrogram: boolean;
  sampleRate: number;
  index: SegmentIndex;
  tiers: TierDef[];
  activeTier: string;
  labelColor: (label: string) => string;
  labelName: (label: string) => string;
  selectedId: string | null;
  playhead: number;
  hoverX: number | null;
  pendingStart: number | null;
  /** A segment being drawn or resized, drawn instead of its stored version. */
  preview: Segment | null;
  dark: boolean;
}

export function laneTop(i: number): number {
  return RULER_H + WAVE_H + i * LANE_H;
}

export function canvasHeight(tierCount: number): number {
  return laneTop(Math.max(1, tierCount));
}

const minmax = new Int32Array(2);

/** Draws the frame; returns false while some visible peaks are still loading. */
export function drawFrame(ctx: CanvasRenderingContext2D, f: FrameInput): boolean {
  const { view } = f;
  const W = view.width;
  const H = canvasHeight(f.tiers.length);
  const fg = f.dark ? '#d6d9de' : '#222';
  const muted = f.dark ? '#7d848e' : '#777';
  ctx.fillStyle = f.dark ? '#15171a' : '#fafafa';
  ctx.fillRect(0, 0, W, H);
  drawRuler(ctx, f, W, fg, muted);
  const complete = f.showSpectrogram && f.spectrogram ? drawSpectrogram(ctx, view, f.spectrogram, RULER_H, WAVE_H) : drawWave(ctx, f, W);
  if (f.showSpectrogram && !f.spectrogram) {
    ctx.fillStyle = muted;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.fillText('Computing the spectrogram… (progress and Cancel in the status bar)', 8, RULER_H + 6);
  }
  drawLanes(ctx, f, W, fg);
  if (f.showSpectrogram && f.spectrogram) drawHzAxis(ctx, f.spectrogram.info.sampleRate, RULER_H, WAVE_H);
  // Selected segment's span across the waveform, so what is played is visible where the sound is.
  const sel = f.preview ?? (f.selectedId ? f.index.byId.get(f.selectedId) ?? null : null);
  if (sel) {
    const x0 = view.xAt(sel.start), x1 = view.xAt(sel.end);
    if (x1 >= 0 && x0 <= W) {
      ctx.fillStyle = hexA(f.labelColor(sel.label), 0.18);
      ctx.fillRect(x0, RULER_H, Math.max(1, x1 - x0), WAVE_H);
    }
  }
  if (f.pendingStart !== null) {
    const x = Math.round(view.xAt(f.pendingStart)) + 0.5;
    ctx.strokeStyle = '#ffd166';
    ctx.setLineDash([4, 3]);
    ctx.beginPath(); ctx.moveTo(x, RULER_H); ctx.lineTo(x, H); ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#ffd166';
    ctx.fillText('[', x + 3, RULER_H + 12);
  }
  if (f.hoverX !== null) {
    ctx.fillStyle = hexA(fg, 0.35);
    ctx.fillRect(Math.round(f.hoverX), RULER_H, 1, H - RULER_H);
  }
  const px = view.xAt(f.playhead);
  if (px >= -1 && px <= W + 1) {
    ctx.fillStyle = '#ff4d4d';
    ctx.fillRect(Math.round(px) - 1, 0, 2, H);
  }
  return complete;
}

function drawRuler(ctx: CanvasRenderingContext2D, f: FrameInput, W: number, fg: string, muted: string) {
  const { view } = f;
  const step = tickStep(view.pxPerSec);
  const minor = step / 5;
  ctx.fillStyle = muted;
  const first = Math.floor(view.start / minor) * minor;
  for (let t = first; t <= view.end; t += minor) {
    const x = Math.round(view.xAt(t)) + 0.5;
    const major = Math.abs(t / step - Math.round(t / step)) < 1e-6;
    ctx.fillRect(x, major ? 8 : 15, 1, major ? RULER_H - 8 : RULER_H - 15);
  }
  ctx.fillStyle = fg;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (let t = Math.floor(view.start / step) * step; t <= view.end; t += step) {
    ctx.fillText(formatTick(t + 1e-9, step), Math.round(view.xAt(t)) + 3, 1);
  }
  ctx.fillStyle = muted;
  ctx.fillRect(0, RULER_H - 1, W, 1);
}

function drawWave(ctx: CanvasRenderingContext2D, f: FrameInput, W: number): boolean {
  const { view, peaks } = f;
  const mid = RULER_H + WAVE_H / 2;
  const half = WAVE_H / 2 - 4;
  ctx.fillStyle = f.dark ? '#5fa8ff' : '#2f6fd0';
  if (!peaks) {
    ctx.fillRect(0, mid, W, 1);
    return false;
  }
  let complete = true;
  const samplesPerScreenPx = f.sampleRate / view.pxPerSec;
  const level = peaks.levelFor(samplesPerScreenPx);
  // Level pixels per screen pixel; below 1 when zoomed in past the finest level (each peak spans columns).
  const ratio = samplesPerScreenPx / level.samplesPerPixel;
  const startIdx = (view.start * f.sampleRate) / level.samplesPerPixel;
  const scale = half / 128;
  for (let x = 0; x < W; x++) {
    const a = startIdx + x * ratio;
    const i0 = Math.floor(a);
    const i1 = Math.max(i0 + 1, Math.floor(a + ratio));
    if (!peaks.range(level, i0, i1, minmax)) {
      if (i0 >= level.length) continue;
      complete = false;
      if (!peaks.fallback(level, i0, i1, minmax)) {
        ctx.fillRect(x, mid, 1, 1);
        continue;
      }
    }
    const top = mid - minmax[1] * scale;
    const h = Math.max(1, (minmax[1] - minmax[0]) * scale);
    ctx.fillRect(x, top, 1, h);
  }
  return complete;
}

function drawLanes(ctx: CanvasRenderingContext2D, f: FrameInput, W: number, fg: string) {
  const { view } = f;
  const t0 = view.start, t1 = view.end;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  f.tiers.forEach((tier, i) => {
    const y = laneTop(i);
    ctx.fillStyle = tier.id === f.activeTier ? (f.dark ? '#23272d' : '#eef2f7') : (f.dark ? '#1b1d21' : '#f4f4f4');
    ctx.fillRect(0, y, W, LANE_H);
    ctx.fillStyle = f.dark ? '#2c3036' : '#ddd';
    ctx.fillRect(0, y, W, 1);
    // Zoomed out over thousands of segments, most are under a pixel wide: one drawn 2-px mark stands for every tiny
    // segment starting under it, so a lane costs at most about one rect per two pixels however many it holds.
    let tinyEnd = -Infinity;
    forEachVisible(f.index, tier.id, t0, t1, (s) => {
      if (s.hidden || (f.preview && f.preview.id === s.id)) return;
      const x0 = view.xAt(s.start);
      const tiny = view.xAt(s.end) - x0 < 2 && s.id !== f.selectedId;
      if (tiny) {
        if (x0 < tinyEnd) return;
        tinyEnd = x0 + 2;
      }
      drawSegment(ctx, f, s, y, fg);
    });
    if (f.preview && f.preview.tier === tier.id) drawSegment(ctx, f, f.preview, y, fg);
  });
}

function drawSegment(ctx: CanvasRenderingContext2D, f: FrameInput, s: Segment, y: number, fg: string) {
  const x0 = Math.max(-2, f.view.xAt(s.start));
  const x1 = Math.min(f.view.width + 2, f.view.xAt(s.end));
  const w = Math.max(2, x1 - x0);
  const color = f.labelColor(s.label);
  const selected = s.id === f.selectedId;
  const suggested = s.origin === 'model';
  ctx.fillStyle = hexA(color, suggested ? 0.18 : selected ? 0.75 : 0.45);
  ctx.fillRect(x0, y + 3, w, LANE_H - 6);
  ctx.strokeStyle = selected ? fg : color;
  ctx.lineWidth = selected ? 2 : 1;
  if (suggested) ctx.setLineDash([5, 3]);
  ctx.strokeRect(x0 + 0.5, y + 3.5, w - 1, LANE_H - 7);
  if (suggested) ctx.setLineDash([]);
  ctx.lineWidth = 1;
  if (w > 36) {
    const text = `${s.locked ? 'locked · ' : ''}${suggested ? 'suggested · ' : ''}${f.labelName(s.label)}${s.transcript ? ` · ${s.transcript}` : ''}`;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0 + 3, y, w - 6, LANE_H);
    ctx.clip();
    ctx.fillStyle = fg;
    ctx.fillText(text, Math.max(x0 + 4, 4), y + LANE_H / 2);
    ctx.restore();
  }
}

const alphaCache = new Map<string, string>();
/** "#rrggbb" + alpha → rgba(); cached because it runs for every visible segment each frame. */
export function hexA(hex: string, a: number): string {
  const key = `${hex}/${a}`;
  let v = alphaCache.get(key);
  if (!v) {
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    v = m ? `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${a})` : hex;
    alphaCache.set(key, v);
  }
  return v;
}
