// The frame loop of one image pane: at most one redraw per animation frame, of only what changed. Layers, bottom to
// top: the picture (its own CSS transform), the cached bitmap of resting shapes (double-buffered: the front canvas
// stays on screen, moved by CSS while the view moves, while the back one is redrawn in slices and then swapped in),
// and one live Konva layer with the selection, handles and drafts.
import Konva from 'konva';
import { StaticRender, staticTransform, STATIC_PAD } from './staticLayer.ts';
import type { ShapeIndex } from './shapeIndex.ts';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import type { ImageLayer } from './imageLayer.ts';
import type { ViewState } from './viewState.ts';
import type { Pen, ScreenRect } from './overlay.ts';

const noop = () => {};
/** Draws nothing: a dry run of the live layer measures where it would draw. */
const NULL_PEN: Pen = { fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, imageSmoothingEnabled: true, beginPath: noop, closePath: noop, rect: noop, moveTo: noop, lineTo: noop, arc: noop, fill: noop, stroke: noop, fillRect: noop, strokeRect: noop, setLineDash: noop, drawImage: noop };

export type Redraw = 'view' | 'overlay' | 'static';

export interface FrameScene {
  readonly view: ViewState;
  readonly image: ImageLayer;
  readonly index: ShapeIndex;
  colorOf(label: string): string;
  /** Color per object instead of per label (review panes color by match status). */
  colorFor?: (o: AnnotationObject) => string;
  fillOpacity(): number;
  /** Ids drawn on the live layer instead of the bitmap (the selection). */
  live(): Iterable<string>;
  /** Draws the live layer; `pending` are shapes the bitmap on screen still leaves out. Returns where it drew. */
  drawLive(pen: Pen, pending: ReadonlySet<string>): ScreenRect | null;
  /** True when the live layer would draw nothing besides `pending` (no selection, hover or draft). */
  liveEmpty?(): boolean;
  /** True while the pointer drags something: the bitmap waits until it ends. */
  busy(): boolean;
  /** Called after each frame (status bar updates and the like). */
  afterFrame?(): void;
  /** Called when a bitmap has been swapped in. */
  onBitmap?(): void;
}

export class FrameLoop {
  /** Double buffer: the front bitmap stays on screen while the back one is redrawn in slices. */
  private readonly canvases = [document.createElement('canvas'), document.createElement('canvas')];
  private front = 0;
  private job: StaticRender | null = null;
  private readonly stage: Konva.Stage;
  private renderedView: StaticRender['view'] | null = null;
  /** What the bitmap on screen leaves out; the live layer draws those that are no longer live until the next lands. */
  private frontExcluded: ReadonlySet<string> = new Set<string>();
  /** What the bitmap being drawn (or on screen) leaves out. */
  private excluded: ReadonlySet<string> = new Set<string>();
  private readonly layer = new Konva.Layer({ listening: false });
  /** The live layer's element: only as large as what it draws, moved to it, hidden while it draws nothing. */
  private readonly liveEl = document.createElement('div');
  private paneW = 0;
  private paneH = 0;
  private pending: ReadonlySet<string> = new Set<string>();
  private raf = 0;
  private readonly needs = { view: true, overlay: true, static: true };
  private stopped = false;
  /** The live layer is hidden and would still draw nothing: moving the view does not measure it again. */
  private liveBlank = false;

  constructor(root: HTMLElement, private readonly scene: FrameScene) {
    for (const c of this.canvases) {
      c.className = 'static-layer';
      c.style.left = c.style.top = `${-STATIC_PAD}px`;
      c.style.transformOrigin = `${STATIC_PAD}px ${STATIC_PAD}px`;
      c.hidden = c !== this.canvases[0];
      root.appendChild(c);
    }
    const live = this.liveEl;
    live.className = 'live-layer';
    live.hidden = true;
    root.appendChild(live);
    this.stage = new Konva.Stage({ container: live, width: 1, height: 1, listening: false });
    this.stage.add(this.layer);
    // One custom shape draws the whole live layer through Konva's context (its public custom-shape API).
    this.layer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => { scene.drawLive(ctx, this.pending); } }));
  }

  /** Shapes left out of the bitmap on screen that are no longer live: the live layer draws them until the next bitmap. */
  private pendingLive(): ReadonlySet<string> {
    if (!this.frontExcluded.size) return this.frontExcluded;
    const live = new Set(this.scene.live());
    const out = new Set<string>();
    for (const id of this.frontExcluded) if (!live.has(id)) out.add(id);
    return out;
  }

  /** True when a change of these ids needs a new bitmap (they are drawn in it, not on the live layer). */
  inBitmap(id: string): boolean {
    return !this.excluded.has(id);
  }

  /** True when the bitmap leaves out exactly these ids. */
  excludes(ids: readonly string[]): boolean {
    return ids.length === this.excluded.size && ids.every((id) => this.excluded.has(id));
  }

  /** True when the bitmap on screen is the last one asked for (none is being drawn or waiting to be). */
  get settled(): boolean {
    return !!this.renderedView && !this.job && !this.needs.static;
  }

  resize(width: number, height: number): void {
    this.paneW = width;
    this.paneH = height;
  }

  /**
   * Draws the live layer on a canvas fitted to what it shows (a dry run of the drawing measures that), in steps of
   * 64 px so a drag seldom reallocates it. The picture and the bitmap under it are compositor layers (so the first
   * frame of a gesture makes none), which makes the live canvas one too; without a GPU each of its frames is
   * uploaded and blended whole, so a pane-sized one doubled every drag and hover frame.
   */
  private drawLive(): void {
    this.pending = this.pendingLive();
    const r = this.scene.drawLive(NULL_PEN, this.pending);
    const x0 = Math.max(0, Math.floor(r?.x0 ?? 0)), y0 = Math.max(0, Math.floor(r?.y0 ?? 0));
    const x1 = Math.min(this.paneW, Math.ceil(r?.x1 ?? 0)), y1 = Math.min(this.paneH, Math.ceil(r?.y1 ?? 0));
    if (!r || x1 <= x0 || y1 <= y0) { this.liveEl.hidden = true; return; }
    const w = Math.ceil((x1 - x0) / 64) * 64, h = Math.ceil((y1 - y0) / 64) * 64;
    if (w !== this.stage.width() || h !== this.stage.height()) this.stage.size({ width: w, height: h });
    this.liveEl.style.transform = `translate(${x0}px, ${y0}px)`;
    this.layer.position({ x: -x0, y: -y0 });
    this.liveEl.hidden = false;
    this.layer.draw();
  }

  request(what: Redraw): void {
    // A late image load or store update after the pane closed must not start frames.
    if (this.stopped) return;
    this.needs[what] = true;
    if (!this.raf) this.raf = requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.raf = 0;
    const n = this.needs;
    const scene = this.scene;
    const vs = scene.view;
    const view = vs.view;
    if (n.view) {
      scene.image.setView(view, vs.moving);
      const front = this.canvases[this.front];
      if (this.renderedView) front.style.transform = staticTransform(this.renderedView, view);
    }
    if (vs.moving && this.job) { this.job = null; n.static = true; }
    if (n.static && !vs.moving && vs.width > 0) {
      n.static = false;
      this.excluded = new Set(scene.live());
      this.job = new StaticRender(this.canvases[1 - this.front], { index: scene.index, view, width: vs.width, height: vs.height, dpr: window.devicePixelRatio || 1, colorOf: (l) => scene.colorOf(l), colorFor: scene.colorFor, exclude: this.excluded, fillOpacity: scene.fillOpacity() });
    }
    // While a drag is under way the pointer has priority; the bitmap finishes when it ends (pointer-up redraws).
    if (this.job && !scene.busy()) this.stepStatic();
    if (n.view || n.overlay) {
      const blank = !!scene.liveEmpty?.() && this.pendingLive().size === 0;
      if (!(blank && this.liveBlank)) this.drawLive();
      this.liveBlank = blank;
    }
    n.view = n.overlay = false;
    scene.afterFrame?.();
  }

  /** Draws a slice of the pending bitmap; shows it when complete, else asks for another frame. */
  private stepStatic(): void {
    const job = this.job!;
    if (!job.step(10)) { this.raf ||= requestAnimationFrame(() => this.frame()); return; }
    this.job = null;
    const old = this.canvases[this.front];
    job.canvas.style.transform = staticTransform(job.view, this.scene.view.view);
    job.canvas.hidden = false;
    old.hidden = true;
    this.front = 1 - this.front;
    this.renderedView = job.view;
    this.frontExcluded = job.exclude;
    this.request('overlay');
    // Only the latest is kept (a long session must not pile up entries); the bench reads it.
    performance.clearMeasures('image-static-render');
    performance.measure('image-static-render', { start: job.started });
    this.scene.onBitmap?.();
  }

  destroy(): void {
    this.stopped = true;
    cancelAnimationFrame(this.raf);
    this.stage.destroy();
    for (const c of this.canvases) c.remove();
  }
}
