// The cached bitmap of every shape that is not being edited. Drawn once per resting view (culled with the R-tree,
// batched into few paths per label color without breaking z order where shapes overlap, simplified at low zoom); while the user pans or zooms the bitmap is only
// moved and scaled with a CSS transform, and it is redrawn sharply when the gesture rests.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { isBox } from '../../../../shared/geometry/box.ts';
import type { Polygon } from '../../../../shared/geometry/polygon.ts';
import { simplifyRing } from '../../../../shared/geometry/simplify.ts';
import type { ShapeIndex, IndexItem } from './shapeIndex.ts';
import { zBatchSteps } from './zBatches.ts';
import { maskRaster, type MaskRaster } from './maskBitmap.ts';
import { viewBounds, type View } from './view.ts';

/** Extra screen pixels drawn around the view so a short pan does not reveal an empty edge. */
export const STATIC_PAD = 192;

export interface StaticRenderInput {
  index: ShapeIndex;
  view: View;
  /** CSS size of the viewport. */
  width: number;
  height: number;
  dpr: number;
  colorOf: (label: string) => string;
  /** Color per object instead of per label (review mode colors by match status). */
  colorFor?: (o: AnnotationObject) => string;
  exclude: ReadonlySet<string>;
  fillOpacity: number;
}

// Simplified outlines per object and tolerance bucket; objects are immutable, so identity is the cache key.
const simplified = new WeakMap<AnnotationObject, { bucket: number; pts: number[] }>();

function pointsAt(o: AnnotationObject, pts: number[], scale: number): number[] {
  if (pts.length <= 8 || scale >= 1) return pts;
  const bucket = Math.round(Math.log2(0.7 / scale));
  const hit = simplified.get(o);
  if (hit && hit.bucket === bucket) return hit.pts;
  const s = simplifyRing(pts, 2 ** bucket);
  simplified.set(o, { bucket, pts: s });
  return s;
}

/** Work per path: 48 outlines (or eight times as many tiny rectangles); small paths keep each fill/stroke cheap for
 *  the rasteriser and let a frame stop early. */
const OUTLINE_WORK = 8;
const CHUNK_WORK = 48 * OUTLINE_WORK;

/**
 * One redraw of the bitmap, done in slices across animation frames (`step` with a time budget) so that ten
 * thousand shapes on a CPU-only machine never freeze input; the previous bitmap stays on screen until it is done.
 */
export class StaticRender {
  private readonly batches: { color: string; dashed: boolean; list: IndexItem[] }[] = [];
  private b = 0;
  private i = 0;
  readonly view: View;
  /** The ids left out of this bitmap (the selection when it was started). */
  readonly exclude: ReadonlySet<string>;
  readonly started = performance.now();
  private ctx: CanvasRenderingContext2D;
  private prep: Generator<void, void> | null;

  constructor(readonly canvas: HTMLCanvasElement, private readonly input: StaticRenderInput) {
    const { view, width, height, dpr } = input;
    this.view = { ...view };
    this.exclude = input.exclude;
    const cw = Math.ceil((width + 2 * STATIC_PAD) * dpr);
    const ch = Math.ceil((height + 2 * STATIC_PAD) * dpr);
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
      canvas.style.width = `${width + 2 * STATIC_PAD}px`;
      canvas.style.height = `${height + 2 * STATIC_PAD}px`;
    }
    this.ctx = canvas.getContext('2d')!;
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.clearRect(0, 0, cw, ch);
    this.prep = this.prepare(viewBounds(view, width, height, STATIC_PAD));
  }

  /** Which shapes to draw and in which batches, in steps (see zBatchSteps): at 100,000 shapes this takes a few
   *  hundred milliseconds, spent in the same time slices as the drawing so input never waits behind it. */
  private *prepare(vb: ReturnType<typeof viewBounds>): Generator<void, void> {
    const { view, index } = this.input;
    // Batches share a style (color and dash) and keep z order across styles where shapes overlap (zBatches). The
    // index hands the shapes over in paint order; a style is looked up once per label, not built per shape.
    const keys: string[] = [];
    const styleIds = new Map<string, number>();
    const styleOfKey = (key: string) => {
      let k = styleIds.get(key);
      if (k === undefined) { styleIds.set(key, (k = keys.length)); keys.push(key); }
      return k;
    };
    const byLabel = [new Map<string, number>(), new Map<string, number>()];
    const visible: IndexItem[] = [];
    const styles: number[] = [];
    const { exclude, colorFor, colorOf } = this.input;
    const excluding = exclude.size > 0;
    const inView = index.inPaintOrder(vb.minX, vb.minY, vb.maxX, vb.maxY);
    for (let j = 0; j < inView.length; j++) {
      if (j % 4096 === 4095) yield;
      const it = inView[j];
      const o = it.obj;
      if (o.hidden || (excluding && exclude.has(o.id))) continue;
      const model = o.origin === 'model' ? 1 : 0;
      let k: number;
      if (colorFor) k = styleOfKey(`${colorFor(o)}|${model ? 'd' : 's'}`);
      else {
        const known = byLabel[model].get(o.label);
        if (known === undefined) byLabel[model].set(o.label, (k = styleOfKey(`${colorOf(o.label)}|${model ? 'd' : 's'}`)));
        else k = known;
      }
      visible.push(it);
      styles.push(k);
    }
    // Cells of 8 screen pixels; a shape reaches one pixel past its bounds (stroke and antialiasing).
    for (const { style, list } of yield* zBatchSteps(visible, (_, i) => styles[i], vb, 8 / view.scale, 1 / view.scale)) {
      const [color, dash] = keys[style].split('|');
      this.batches.push({ color, dashed: dash === 'd', list });
    }
  }

  /** Draws until `budgetMs` is used; true when the bitmap is complete. */
  step(budgetMs: number): boolean {
    const t0 = performance.now();
    if (this.prep) {
      for (;;) {
        if (this.prep.next().done) break;
        if (performance.now() - t0 > budgetMs) return false;
      }
      this.prep = null;
    }
    const { ctx, input, view } = this;
    const { dpr } = input;
    const s = view.scale;
    ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * (view.tx + STATIC_PAD), dpr * (view.ty + STATIC_PAD));
    ctx.lineWidth = 1.5 / s;
    const tiny = 3 / s;
    const half = 0.75 / s, least = 1 / s;
    while (this.b < this.batches.length) {
      const { color, dashed, list } = this.batches[this.b];
      ctx.fillStyle = color;
      ctx.strokeStyle = color;
      ctx.setLineDash(dashed ? [6 / s, 4 / s] : []);
      while (this.i < list.length) {
        ctx.beginPath();
        let outlines = 0, work = 0;
        let dots: Path2D | null = null;
        const masks: MaskRaster[] = [];
        for (; this.i < list.length && work < CHUNK_WORK; this.i++) {
          const bb = list[this.i];
          const o = bb.obj;
          const g = o.geometry;
          if (o.kind === 'box' && isBox(g)) {
            ctx.rect(g.x, g.y, g.w, g.h);
            outlines++;
            work += OUTLINE_WORK;
            const m = maskRaster(o, color);
            if (m) masks.push(m);
            continue;
          }
          // The index holds only polygons whose points it could bound (checked once, when it took them in).
          if (o.kind !== 'polygon' || (g as Polygon).points.length < 4) continue;
          if (bb.maxX - bb.minX < tiny && bb.maxY - bb.minY < tiny) {
            // A few screen pixels wide: its outline would cover it, so one opaque rectangle the size of the
            // stroked shape looks the same and costs a fill of four vertices (no stroke): at the whole-image
            // view of 100,000 shapes nearly every shape is one of these.
            (dots ??= new Path2D()).rect(bb.minX - half, bb.minY - half, Math.max(bb.maxX - bb.minX, least) + 2 * half, Math.max(bb.maxY - bb.minY, least) + 2 * half);
            work++;
            continue;
          }
          const pts = pointsAt(o, (g as Polygon).points, s);
          ctx.moveTo(pts[0], pts[1]);
          for (let k = 2; k < pts.length; k += 2) ctx.lineTo(pts[k], pts[k + 1]);
          ctx.closePath();
          // Further outlines of the same object (a multi-part COCO instance), each a closed subpath of this path.
          for (const r of (g as Polygon).rings ?? []) {
            if (r.length < 4) continue;
            ctx.moveTo(r[0], r[1]);
            for (let k = 2; k < r.length; k += 2) ctx.lineTo(r[k], r[k + 1]);
            ctx.closePath();
          }
          outlines++;
          work += OUTLINE_WORK;
        }
        if (outlines) {
          ctx.globalAlpha = input.fillOpacity;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.stroke();
        }
        if (dots) ctx.fill(dots);
        drawMasks(ctx, masks);
        if (performance.now() - t0 > budgetMs) return false;
      }
      this.b++;
      this.i = 0;
    }
    ctx.setLineDash([]);
    return true;
  }
}

/** Mask rasters at their image pixels (the context is in image coordinates), crisp at every zoom. */
export function drawMasks(ctx: Pick<CanvasRenderingContext2D, 'drawImage' | 'imageSmoothingEnabled'>, masks: readonly MaskRaster[]): void {
  if (!masks.length) return;
  ctx.imageSmoothingEnabled = false;
  for (const m of masks) ctx.drawImage(m.image, m.x, m.y, m.width, m.height);
  ctx.imageSmoothingEnabled = true;
}

/** CSS transform that shows a bitmap rendered at `rendered` as if it were drawn at `current`. */
export function staticTransform(rendered: View, current: View): string {
  const k = current.scale / rendered.scale;
  const dx = current.tx - rendered.tx * k;
  const dy = current.ty - rendered.ty * k;
  return `translate(${dx}px, ${dy}px) scale(${k})`;
}
