// The view of one image pane: its zoom and pan (screen = image * scale + (tx, ty)), the size of its viewport, and
// whether a gesture is under way. Anything can observe it or set it, so several panes can be kept in step
// (`linkViews`): the review workspace shows versions of one image side by side, zoomed and panned together.
import { fitView, zoomAt, type View } from './view.ts';

/** How long the view must be still before what it shows is redrawn sharply. */
export const REST_MS = 140;

/** `moving` is true during a gesture (pan, wheel, pinch) and false once the view has rested. */
export type ViewListener = (view: View, moving: boolean) => void;

export interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

export class ViewState {
  private v: View = { scale: 1, tx: 0, ty: 0 };
  private w = 0;
  private h = 0;
  private moving_ = false;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<ViewListener>();

  /** `image` is the size of the picture in image pixels (for fit and reveal). */
  constructor(readonly image: { width: number; height: number }) {}

  get view(): View { return this.v; }
  get moving(): boolean { return this.moving_; }
  /** CSS size of the viewport; 0 until the pane has been laid out. */
  get width(): number { return this.w; }
  get height(): number { return this.h; }

  /**
   * Sets zoom and pan. With `gesture` (the default) the view counts as moving until it has been still for REST_MS;
   * without, it rests at once (buttons, fit, reveal).
   */
  set(v: View, gesture = true): void {
    this.v = v;
    clearTimeout(this.restTimer);
    if (gesture) {
      this.moving_ = true;
      this.restTimer = setTimeout(() => this.rest(), REST_MS);
    } else this.moving_ = false;
    this.emit();
  }

  private rest(): void {
    this.moving_ = false;
    this.emit();
  }

  private emit(): void {
    for (const fn of [...this.listeners]) fn(this.v, this.moving_);
  }

  /** Calls `fn` on every change of the view (and on rest after a gesture); returns the unsubscribe. */
  subscribe(fn: ViewListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The viewport was laid out or resized; the first real size fits the image. */
  resize(width: number, height: number): void {
    const first = !(this.w > 0 && this.h > 0);
    this.w = width;
    this.h = height;
    if (first && width > 0 && height > 0) this.fit();
    else this.emit();
  }

  fit(): void {
    if (this.w && this.h) this.set(fitView(this.image.width, this.image.height, this.w, this.h), false);
  }

  oneToOne(): void {
    this.zoomCentered(1 / this.v.scale);
  }

  zoomCentered(factor: number): void {
    this.set(zoomAt(this.v, factor, this.w / 2, this.h / 2), false);
  }

  /** Pans (and zooms out if needed) so the bounds are in view; leaves the view alone when they already are. */
  reveal(b: Bounds): void {
    if (!this.w) return;
    const v = this.v;
    const x0 = b.minX * v.scale + v.tx, y0 = b.minY * v.scale + v.ty, x1 = b.maxX * v.scale + v.tx, y1 = b.maxY * v.scale + v.ty;
    if (x0 >= 0 && y0 >= 0 && x1 <= this.w && y1 <= this.h) return;
    const scale = Math.min(v.scale, (0.8 * this.w) / Math.max(1, b.maxX - b.minX), (0.8 * this.h) / Math.max(1, b.maxY - b.minY));
    const cx = (b.minX + b.maxX) / 2, cy = (b.minY + b.maxY) / 2;
    this.set({ scale, tx: this.w / 2 - cx * scale, ty: this.h / 2 - cy * scale }, false);
  }

  dispose(): void {
    clearTimeout(this.restTimer);
    this.listeners.clear();
  }
}

function sameView(a: View, b: View): boolean {
  return a.scale === b.scale && a.tx === b.tx && a.ty === b.ty;
}

/**
 * Keeps views in step: zooming or panning one sets the others to the same transform (in image pixels, so panes
 * of one image show the same region). Returns the unlink.
 */
export function linkViews(views: readonly ViewState[]): () => void {
  let syncing = false;
  const offs = views.map((src) => src.subscribe((v, moving) => {
    if (syncing) return;
    syncing = true;
    try {
      for (const dst of views) if (dst !== src && (!sameView(dst.view, v) || dst.moving !== moving)) dst.set(v, moving);
    } finally { syncing = false; }
  }));
  return () => { for (const off of offs) off(); };
}
