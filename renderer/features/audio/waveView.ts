// The visible window of the timeline: zoom (pixels per second) and the time at the left edge. Mutable on
// purpose: scrolling and zooming happen every frame and must not re-render React; listeners are told instead.
import { Listeners } from './listeners.ts';

export const MAX_PX_PER_SEC = 4000;

export class WaveView {
  pxPerSec = 100;
  start = 0;
  width = 800;
  private listeners = new Listeners();

  constructor(readonly duration: number) {}

  get end(): number {
    return this.start + this.width / this.pxPerSec;
  }

  /** Zoomed out as far as the whole file fitting the width. */
  get minPxPerSec(): number {
    return Math.min(MAX_PX_PER_SEC, this.width / Math.max(this.duration, 0.001));
  }

  timeAt(x: number): number {
    return this.start + x / this.pxPerSec;
  }

  xAt(t: number): number {
    return (t - this.start) * this.pxPerSec;
  }

  subscribe(fn: () => void): () => void {
    return this.listeners.subscribe(fn);
  }

  setWidth(w: number) {
    if (w <= 0 || w === this.width) return;
    this.width = w;
    this.pxPerSec = Math.max(this.pxPerSec, this.minPxPerSec);
    this.clamp();
    this.listeners.notify();
  }

  /** Sets the zoom keeping the time under screen x where it is (zoom goes to the cursor). */
  zoomTo(pxPerSec: number, anchorX = this.width / 2) {
    const t = this.timeAt(anchorX);
    this.pxPerSec = Math.min(MAX_PX_PER_SEC, Math.max(this.minPxPerSec, pxPerSec));
    this.start = t - anchorX / this.pxPerSec;
    this.clamp();
    this.listeners.notify();
  }

  scrollTo(start: number) {
    const before = this.start;
    this.start = start;
    this.clamp();
    if (this.start !== before) this.listeners.notify();
  }

  scrollBy(px: number) {
    this.scrollTo(this.start + px / this.pxPerSec);
  }

  /** Scrolls the least needed to show [t0, t1] (or t0 when the span is wider than the view), with a margin. */
  reveal(t0: number, t1 = t0) {
    const span = this.width / this.pxPerSec;
    const margin = Math.min(span * 0.1, 2);
    if (t0 >= this.start + margin && t1 <= this.end - margin) return;
    if (t1 - t0 > span - 2 * margin || t0 < this.start + margin) this.scrollTo(t0 - margin);
    else this.scrollTo(t1 + margin - span);
  }

  private clamp() {
    const span = this.width / this.pxPerSec;
    this.start = Math.max(0, Math.min(this.start, Math.max(0, this.duration - span)));
  }
}

/** The ruler's tick spacing for a zoom: labels at least ~90 px apart. */
const STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
export function tickStep(pxPerSec: number, minPx = 90): number {
  for (const s of STEPS) if (s * pxPerSec >= minPx) return s;
  return STEPS[STEPS.length - 1];
}

export function formatTick(t: number, step: number): string {
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  const ss = s.toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
