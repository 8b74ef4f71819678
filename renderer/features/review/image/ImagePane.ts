// One read-only pane of an image under review: the picture (the image workspace's ImageLayer), a cached bitmap of
// the pane's shapes (its StaticRender, colored per object) moved with a CSS transform while the view changes and
// redrawn sharply at rest, and a small canvas on top outlining the objects of the cluster the validator is on.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { ImageLayer, type Pyramid } from '../../image/canvas/imageLayer.ts';
import { ShapeIndex } from '../../image/canvas/shapeIndex.ts';
import { StaticRender, staticTransform, STATIC_PAD } from '../../image/canvas/staticLayer.ts';
import type { View } from '../../image/canvas/view.ts';
import { isBox } from '../../../../shared/geometry/box.ts';
import { isPolygon } from '../../../../shared/geometry/polygon.ts';

export interface PaneContent {
  objects: readonly AnnotationObject[];
  colorFor: (o: AnnotationObject) => string;
  /** Ids outlined as the current cluster. */
  focus: readonly string[];
}

export interface PaneAsset { id: string; width: number; height: number; pyramid: Pyramid | null }

export class ImagePane {
  index = new ShapeIndex();
  private readonly image: ImageLayer;
  private readonly bitmap = document.createElement('canvas');
  private readonly top = document.createElement('canvas');
  private content: PaneContent = { objects: [], colorFor: () => '#ccc', focus: [] };
  private rendered: View | null = null;
  private view: View | null = null;
  vw = 0;
  vh = 0;
  /** Called when the validator clicks in this pane (it becomes the focused version). */
  onFocus: (() => void) | undefined;

  constructor(readonly root: HTMLDivElement, asset: PaneAsset, onError: (m: string) => void) {
    this.image = new ImageLayer(root, asset.id, asset.width, asset.height, asset.pyramid, onError);
    this.bitmap.className = 'static-layer';
    this.bitmap.style.left = this.bitmap.style.top = `${-STATIC_PAD}px`;
    this.bitmap.style.transformOrigin = `${STATIC_PAD}px ${STATIC_PAD}px`;
    this.top.className = 'rv-focus-layer';
    root.append(this.bitmap, this.top);
  }

  measure(): void {
    this.vw = this.root.clientWidth;
    this.vh = this.root.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    this.top.width = Math.max(1, Math.round(this.vw * dpr));
    this.top.height = Math.max(1, Math.round(this.vh * dpr));
    this.top.style.width = `${this.vw}px`;
    this.top.style.height = `${this.vh}px`;
  }

  setContent(c: PaneContent): void {
    if (c.objects !== this.content.objects) {
      this.index = new ShapeIndex();
      this.index.sync(new Map(c.objects.map((o) => [o.id, o])));
    }
    this.content = c;
    if (this.view) this.rest(this.view);
  }

  /** During a gesture: the picture and the bitmap follow by CSS transform; only the focus outline is redrawn. */
  apply(v: View, moving: boolean): void {
    this.view = v;
    this.image.setView(v, moving);
    if (this.rendered) this.bitmap.style.transform = staticTransform(this.rendered, v);
    this.bitmap.classList.toggle('moving', moving);
    this.drawFocus();
  }

  /** At rest: the right image tiles, and the shapes redrawn sharply for this view. */
  rest(v: View): void {
    this.view = v;
    this.image.rest(v, this.vw, this.vh);
    if (!this.vw) return;
    const job = new StaticRender(this.bitmap, { index: this.index, view: v, width: this.vw, height: this.vh, dpr: window.devicePixelRatio || 1, colorOf: () => '#ccc', colorFor: this.content.colorFor, exclude: new Set(), fillOpacity: 0.15 });
    job.step(Infinity);
    this.rendered = job.view;
    this.bitmap.style.transform = staticTransform(job.view, v);
    this.bitmap.classList.remove('moving');
    this.drawFocus();
  }

  private drawFocus(): void {
    const ctx = this.top.getContext('2d');
    const v = this.view;
    if (!ctx || !v) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.top.width, this.top.height);
    ctx.setTransform(dpr * v.scale, 0, 0, dpr * v.scale, dpr * v.tx, dpr * v.ty);
    for (const id of this.content.focus) {
      const o = this.index.boundsOf(id)?.obj;
      if (!o) continue;
      ctx.beginPath();
      const g = o.geometry;
      if (o.kind === 'box' && isBox(g)) ctx.rect(g.x, g.y, g.w, g.h);
      else if (o.kind === 'polygon' && isPolygon(g)) {
        ctx.moveTo(g.points[0], g.points[1]);
        for (let k = 2; k < g.points.length; k += 2) ctx.lineTo(g.points[k], g.points[k + 1]);
        ctx.closePath();
      }
      ctx.lineWidth = 5 / v.scale;
      ctx.strokeStyle = 'rgba(0,0,0,0.7)';
      ctx.stroke();
      ctx.lineWidth = 2.5 / v.scale;
      ctx.strokeStyle = this.content.colorFor(o);
      ctx.stroke();
    }
  }

  /** Bounds of the focused objects (image pixels), for revealing them. */
  focusBounds(): { minX: number; minY: number; maxX: number; maxY: number } | null {
    let b: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
    for (const id of this.content.focus) {
      const it = this.index.boundsOf(id);
      if (!it) continue;
      b = b ? { minX: Math.min(b.minX, it.minX), minY: Math.min(b.minY, it.minY), maxX: Math.max(b.maxX, it.maxX), maxY: Math.max(b.maxY, it.maxY) } : { minX: it.minX, minY: it.minY, maxX: it.maxX, maxY: it.maxY };
    }
    return b;
  }

  destroy(): void {
    this.image.destroy();
    this.bitmap.remove();
    this.top.remove();
  }
}
