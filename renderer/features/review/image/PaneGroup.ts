// Synchronized zoom and pan across the panes of an image under review: one view for all (the panes are the same
// size), changed by wheel or drag in any pane, applied to every pane in one animation frame, redrawn at rest.
import { fitView, zoomAt, toImage, type View } from '../../image/canvas/view.ts';
import { setStatusInfo } from '../../../stores/app.ts';
import { zoomText } from '../../image/canvas/view.ts';
import type { ImagePane } from './ImagePane.ts';

const REST_MS = 140;

export class PaneGroup {
  view: View | null = null;
  private readonly panes = new Set<ImagePane>();
  private raf = 0;
  private restAfterFrame = false;
  private moving = false;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private drag: { sx: number; sy: number; view: View } | null = null;
  /** Last frame's cost (ms), read by the bench. */
  lastFrameMs = 0;

  constructor(readonly image: { width: number; height: number }, private readonly onPick: (pane: ImagePane, x: number, y: number) => void) {}

  add(p: ImagePane): () => void {
    this.panes.add(p);
    const r = p.root;
    const ro = new ResizeObserver(() => {
      p.measure();
      if (!this.view && p.vw > 0 && p.vh > 0) this.setView(fitView(this.image.width, this.image.height, p.vw, p.vh), false);
      else if (this.view) p.rest(this.view);
    });
    ro.observe(r);
    const screen = (e: MouseEvent) => { const b = r.getBoundingClientRect(); return { sx: e.clientX - b.left, sy: e.clientY - b.top }; };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      if (!this.view) return;
      const { sx, sy } = screen(e);
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      this.setView(zoomAt(this.view, Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), sx, sy));
    };
    const down = (e: PointerEvent) => {
      if (!this.view || e.button === 2) return;
      const { sx, sy } = screen(e);
      this.drag = { sx, sy, view: this.view };
      try { r.setPointerCapture(e.pointerId); } catch { /* synthetic */ }
    };
    const move = (e: PointerEvent) => {
      const d = this.drag;
      if (!d) return;
      const { sx, sy } = screen(e);
      if (Math.abs(sx - d.sx) + Math.abs(sy - d.sy) > 3) r.classList.add('panning');
      this.setView({ ...d.view, tx: d.view.tx + sx - d.sx, ty: d.view.ty + sy - d.sy });
    };
    const up = (e: PointerEvent) => {
      const d = this.drag;
      this.drag = null;
      if (!d || !this.view) return;
      const { sx, sy } = screen(e);
      const panned = r.classList.contains('panning');
      r.classList.remove('panning');
      if (!panned && Math.abs(sx - d.sx) + Math.abs(sy - d.sy) <= 3) { const pt = toImage(this.view, sx, sy); this.onPick(p, pt.x, pt.y); }
    };
    r.addEventListener('wheel', wheel, { passive: false });
    r.addEventListener('pointerdown', down);
    r.addEventListener('pointermove', move);
    r.addEventListener('pointerup', up);
    if (this.view) { p.measure(); p.apply(this.view, false); p.rest(this.view); }
    return () => {
      ro.disconnect();
      r.removeEventListener('wheel', wheel);
      r.removeEventListener('pointerdown', down);
      r.removeEventListener('pointermove', move);
      r.removeEventListener('pointerup', up);
      this.panes.delete(p);
    };
  }

  setView(v: View, gesture = true): void {
    this.view = v;
    clearTimeout(this.restTimer);
    if (gesture) {
      this.moving = true;
      this.restTimer = setTimeout(() => this.rest(), REST_MS);
    }
    this.restAfterFrame ||= !gesture;
    if (!this.raf) this.raf = requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.raf = 0;
    const rest = this.restAfterFrame;
    this.restAfterFrame = false;
    const v = this.view;
    if (!v) return;
    const t0 = performance.now();
    for (const p of this.panes) p.apply(v, this.moving);
    this.lastFrameMs = performance.now() - t0;
    setStatusInfo({ zoomInfo: zoomText(v) });
    if (rest) this.rest();
  }

  private rest(): void {
    this.moving = false;
    if (this.view) for (const p of this.panes) p.rest(this.view);
  }

  zoom(factor: number): void {
    const p = this.panes.values().next().value;
    if (this.view && p) this.setView(zoomAt(this.view, factor, p.vw / 2, p.vh / 2), false);
  }

  fit(): void {
    const p = this.panes.values().next().value;
    if (p && p.vw) this.setView(fitView(this.image.width, this.image.height, p.vw, p.vh), false);
  }

  /** Pans (zooming out if needed) so the focused objects are in view in every pane. */
  reveal(): void {
    const v = this.view;
    const first = this.panes.values().next().value;
    if (!v || !first?.vw) return;
    let b: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
    for (const p of this.panes) {
      const f = p.focusBounds();
      if (f) b = b ? { minX: Math.min(b.minX, f.minX), minY: Math.min(b.minY, f.minY), maxX: Math.max(b.maxX, f.maxX), maxY: Math.max(b.maxY, f.maxY) } : f;
    }
    if (!b) { for (const p of this.panes) p.apply(v, false); return; }
    const { vw, vh } = first;
    const x0 = b.minX * v.scale + v.tx, y0 = b.minY * v.scale + v.ty, x1 = b.maxX * v.scale + v.tx, y1 = b.maxY * v.scale + v.ty;
    if (x0 >= 0 && y0 >= 0 && x1 <= vw && y1 <= vh) { for (const p of this.panes) p.apply(v, false); return; }
    const scale = Math.min(v.scale, (0.8 * vw) / Math.max(1, b.maxX - b.minX), (0.8 * vh) / Math.max(1, b.maxY - b.minY));
    this.setView({ scale, tx: vw / 2 - ((b.minX + b.maxX) / 2) * scale, ty: vh / 2 - ((b.minY + b.maxY) / 2) * scale }, false);
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    clearTimeout(this.restTimer);
    setStatusInfo({ zoomInfo: '' });
  }
}
