// Paints the spectrogram into the waveform's band of the timeline: one column of bands per screen pixel (the
// louder of the stored columns it covers), low frequencies at the bottom, through a 256-color ramp, written into
// an ImageData of CSS width × bands and scaled onto the canvas in one drawImage; and its frequency axis.
import { SPECTROGRAM_BINS } from '../../../shared/api/audio.ts';
import type { SpectrogramCache } from './spectrogramCache.ts';
import { SPECTRO_CHUNK } from './spectrogramCache.ts';
import type { WaveView } from './waveView.ts';

/** Dark blue → purple → orange → pale yellow (an inferno-like ramp), as little-endian RGBA words. */
const RAMP = (() => {
  const stops: [number, number, number, number][] = [[0, 0, 0, 4], [0.25, 40, 11, 84], [0.5, 137, 34, 106], [0.7, 227, 89, 51], [0.85, 249, 160, 20], [1, 252, 255, 164]];
  const out = new Uint32Array(256);
  for (let v = 0; v < 256; v++) {
    const x = v / 255;
    let k = 0;
    while (k < stops.length - 2 && x > stops[k + 1][0]) k++;
    const [a, b] = [stops[k], stops[k + 1]];
    const u = (x - a[0]) / (b[0] - a[0]);
    const c = (i: number) => Math.round(a[i] + (b[i] - a[i]) * u);
    out[v] = (255 << 24) | (c(3) << 16) | (c(2) << 8) | c(1);
  }
  return out;
})();

let scratch: { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D; image: ImageData } | null = null;

function surface(width: number) {
  if (!scratch || scratch.image.width !== width) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, SPECTROGRAM_BINS) : Object.assign(document.createElement('canvas'), { width, height: SPECTROGRAM_BINS });
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
    scratch = { canvas, ctx, image: ctx.createImageData(width, SPECTROGRAM_BINS) };
  }
  return scratch;
}

/** Draws into [top, top + height) of the canvas; returns false while some visible columns are still loading. */
export function drawSpectrogram(ctx: CanvasRenderingContext2D, view: WaveView, spec: SpectrogramCache, top: number, height: number): boolean {
  const W = Math.max(1, Math.round(view.width));
  const s = surface(W);
  const px = new Uint32Array(s.image.data.buffer);
  const { sampleRate } = spec.info;
  const samplesPerScreenPx = sampleRate / view.pxPerSec;
  const level = spec.levelFor(samplesPerScreenPx);
  const ratio = samplesPerScreenPx / level.hop; // stored columns per screen pixel (≥ 1 unless zoomed in past the finest)
  const startCol = (view.start * sampleRate) / level.hop;
  const max = new Uint8Array(SPECTROGRAM_BINS);
  let complete = true;
  for (let x = 0; x < W; x++) {
    const a = startCol + x * ratio;
    const i0 = Math.floor(a);
    const i1 = Math.min(level.length, Math.max(i0 + 1, Math.floor(a + ratio)));
    max.fill(0);
    let have = false;
    for (let i = i0; i < i1; i++) {
      const chunk = spec.chunkOf(level, i);
      if (!chunk) { complete = false; break; }
      const off = (i % SPECTRO_CHUNK) * SPECTROGRAM_BINS;
      if (off >= chunk.length) break;
      for (let b = 0; b < SPECTROGRAM_BINS; b++) if (chunk[off + b] > max[b]) max[b] = chunk[off + b];
      have = true;
    }
    for (let b = 0, row = (SPECTROGRAM_BINS - 1) * W + x; b < SPECTROGRAM_BINS; b++, row -= W) px[row] = have ? RAMP[max[b]] : RAMP[0];
  }
  s.ctx.putImageData(s.image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(s.canvas, 0, 0, W, SPECTROGRAM_BINS, 0, top, view.width, height);
  return complete;
}

/** Frequencies to label on the spectrogram's axis: round steps (100 Hz … 5 kHz) leaving at least `minGapPx`
 *  between labels, from the first step up to below Nyquist. */
export function hzTicks(nyquist: number, height: number, minGapPx = 22): number[] {
  const steps = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];
  const step = steps.find((s) => (s / nyquist) * height >= minGapPx) ?? steps[steps.length - 1];
  const out: number[] = [];
  for (let f = step; f < nyquist - step * 0.25; f += step) out.push(f);
  return out;
}

export function formatHz(f: number): string {
  return f >= 1000 ? `${+(f / 1000).toFixed(1)} kHz` : `${f} Hz`;
}

/** The frequency axis over the spectrogram's left edge (low frequencies at the bottom, 0 Hz to Nyquist). */
export function drawHzAxis(ctx: CanvasRenderingContext2D, sampleRate: number, top: number, height: number): void {
  const nyquist = sampleRate / 2;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const f of hzTicks(nyquist, height)) {
    const y = Math.round(top + height * (1 - f / nyquist)) + 0.5;
    const text = formatHz(f);
    const w = ctx.measureText(text).width;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.fillRect(0, y - 6, w + 10, 12);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(4, y);
    ctx.stroke();
    ctx.fillStyle = '#fff';
    ctx.fillText(text, 6, y);
  }
}
