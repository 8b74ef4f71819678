// The cached bitmap of every shape that is not being edited. Drawn once per resting view (culled with the R-tree,
// batched into one path per label color, simplified at low zoom); while the user pans or zooms the bitmap is only
// moved and scaled with a CSS transform, and it is redrawn sharply when the gesture rests.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { isBox } from '../../../../shared/geometry/box.ts';
import { isPolygon } from '../../../../shared/geometry/polygon.ts';
import { simplifyRing } from '../../../../shared/geometry/simplify.ts';
import type { ShapeIndex } from './shapeIndex.ts';
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

export function renderStatic(canvas: HTMLCanvasElement, input: StaticRenderInput): number {
  const { view, width, height, dpr, index } = input;
  const cw = Math.ceil((width + 2 * STATIC_PAD) * dpr);
  const ch = Math.ceil((height + 2 * STATIC_PAD) * dpr);
  if (canvas.width !== cw || canvas.height !== ch) {
    canvas.width = cw;
    canvas.height = ch;
    canvas.style.width = `${width + 2 * STATIC_PAD}px`;
    canvas.style.height = `${height + 2 * STATIC_PAD}px`;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, cw, ch);
  const vb = viewBounds(view, width, height, STATIC_PAD);
  const items = index.search(vb.minX, vb.minY, vb.maxX, vb.maxY);
  // Group by color and dash so each group is one path: thousands of fill/stroke calls would dominate otherwise.
  const groups = new Map<string, AnnotationObject[]>();
  for (const it of items) {
    const o = it.obj;
    if (o.hidden || input.exclude.has(o.id)) continue;
    const key = `${input.colorOf(o.label)}|${o.origin === 'model' ? 'd' : 's'}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(o);
  }
  const s = view.scale;
  ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * (view.tx + STATIC_PAD), dpr * (view.ty + STATIC_PAD));
  ctx.lineJoin = 'round';
  ctx.lineWidth = 1.5 / s;
  const tiny = 3 / s;
  let drawn = 0;
  for (const [key, list] of groups) {
    const [color, dash] = key.split('|');
    ctx.beginPath();
    for (const o of list) {
      drawn++;
      const g = o.geometry;
      if (o.kind === 'box' && isBox(g)) { ctx.rect(g.x, g.y, g.w, g.h); continue; }
      if (o.kind !== 'polygon' || !isPolygon(g) || g.points.length < 4) continue;
      const raw = g.points;
      const it = index.boundsOf(o.id);
      if (it && it.maxX - it.minX < tiny && it.maxY - it.minY < tiny) {
        // A few screen pixels wide: a rectangle looks the same and costs four vertices.
        ctx.rect(it.minX, it.minY, Math.max(it.maxX - it.minX, 1 / s), Math.max(it.maxY - it.minY, 1 / s));
        continue;
      }
      const pts = pointsAt(o, raw, s);
      ctx.moveTo(pts[0], pts[1]);
      for (let i = 2; i < pts.length; i += 2) ctx.lineTo(pts[i], pts[i + 1]);
      ctx.closePath();
    }
    ctx.globalAlpha = input.fillOpacity;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = color;
    ctx.setLineDash(dash === 'd' ? [6 / s, 4 / s] : []);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  return drawn;
}

/** CSS transform that shows a bitmap rendered at `rendered` as if it were drawn at `current`. */
export function staticTransform(rendered: View, current: View): string {
  const k = current.scale / rendered.scale;
  const dx = current.tx - rendered.tx * k;
  const dy = current.ty - rendered.ty * k;
  return `translate(${dx}px, ${dy}px) scale(${k})`;
}
