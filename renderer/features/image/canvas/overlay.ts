// The live layer: only what is being looked at or edited right now (the selection with its handles, the shape
// being drawn, the marquee). Drawn in screen space so handles and strokes keep their size at every zoom.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { isBox, BOX_HANDLES, boxHandlePoint } from '../../../../shared/geometry/box.ts';
import { isPolygon, polygonRings } from '../../../../shared/geometry/polygon.ts';
import { midpoints, HANDLE_PX } from '../tools/select/shapeEdits.ts';
import type { Draft } from '../tools/types.ts';
import { maskRaster } from './maskBitmap.ts';
import type { View } from './view.ts';

/** The part of a 2D context the overlay draws with; Konva's custom-shape context (Konva.Context) provides it. */
export type Pen = Pick<CanvasRenderingContext2D, 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'beginPath' | 'closePath' | 'rect' | 'moveTo' | 'lineTo' | 'arc' | 'fill' | 'stroke' | 'fillRect' | 'strokeRect' | 'setLineDash' | 'drawImage' | 'imageSmoothingEnabled'>;

export interface OverlayInput {
  view: View;
  selected: AnnotationObject[];
  /** Just deselected shapes the cached bitmap does not have yet: drawn plainly so nothing blinks. */
  lingering: AnnotationObject[];
  /** Shape under the pointer (not selected): outlined brighter so the user sees what a click would pick. */
  hovered: AnnotationObject | null;
  previews: Map<string, unknown>;
  draft: Draft | null;
  activeVertex: number;
  colorOf: (label: string) => string;
  drawColor: string;
  fillOpacity: number;
}

/** Screen rectangle (CSS pixels) that holds every pixel the live layer drew. */
export interface ScreenRect { x0: number; y0: number; x1: number; y1: number }

/** Reach of the widest mark past the points it is drawn at: the closing handle of a draft (6) and a stroke, plus
 *  antialiasing. */
const MARK_REACH = 10;

/** The extent of what one draw puts on the live layer, so its canvas is fitted to that (frameLoop.ts). */
class Extent {
  x0 = Infinity; y0 = Infinity; x1 = -Infinity; y1 = -Infinity;
  add(x: number, y: number): void {
    if (x < this.x0) this.x0 = x;
    if (x > this.x1) this.x1 = x;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }
  rect(): ScreenRect | null {
    if (!(this.x0 <= this.x1)) return null;
    return { x0: this.x0 - MARK_REACH, y0: this.y0 - MARK_REACH, x1: this.x1 + MARK_REACH, y1: this.y1 + MARK_REACH };
  }
}

function pathOf(ctx: Pen, v: View, kind: string, g: unknown, ext: Extent): boolean {
  const s = v.scale;
  if (kind === 'box' && isBox(g)) {
    ctx.rect(g.x * s + v.tx, g.y * s + v.ty, g.w * s, g.h * s);
    ext.add(g.x * s + v.tx, g.y * s + v.ty);
    ext.add((g.x + g.w) * s + v.tx, (g.y + g.h) * s + v.ty);
    return true;
  }
  if (kind === 'polygon' && isPolygon(g) && g.points.length >= 4) {
    for (const p of polygonRings(g)) {
      if (p.length < 4) continue;
      ctx.moveTo(p[0] * s + v.tx, p[1] * s + v.ty);
      ext.add(p[0] * s + v.tx, p[1] * s + v.ty);
      for (let i = 2; i < p.length; i += 2) {
        const x = p[i] * s + v.tx, y = p[i + 1] * s + v.ty;
        ctx.lineTo(x, y);
        ext.add(x, y);
      }
      ctx.closePath();
    }
    return true;
  }
  return false;
}

/** An object's RLE mask raster (a crowd region), in screen space; nothing for objects without one. */
function drawMask(ctx: Pen, v: View, obj: AnnotationObject, color: string, ext: Extent) {
  const mask = maskRaster(obj, color);
  if (!mask) return;
  const s = v.scale;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(mask.image, mask.x * s + v.tx, mask.y * s + v.ty, mask.width * s, mask.height * s);
  ext.add(mask.x * s + v.tx, mask.y * s + v.ty);
  ext.add((mask.x + mask.width) * s + v.tx, (mask.y + mask.height) * s + v.ty);
  ctx.imageSmoothingEnabled = true;
}

function handle(ctx: Pen, x: number, y: number, r: number, fill: string) {
  ctx.fillStyle = fill;
  ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  ctx.strokeRect(x - r, y - r, 2 * r, 2 * r);
}

/** Draws the live layer; returns the screen rectangle it drew in (null when it drew nothing). */
export function drawOverlay(ctx: Pen, o: OverlayInput): ScreenRect | null {
  const v = o.view;
  const s = v.scale;
  const ext = new Extent();
  const withHandles = o.selected.length === 1 && !o.selected[0].locked;
  for (const obj of o.lingering) {
    if (obj.hidden) continue;
    ctx.beginPath();
    if (!pathOf(ctx, v, obj.kind, obj.geometry, ext)) continue;
    const color = o.colorOf(obj.label);
    drawMask(ctx, v, obj, color, ext);
    ctx.globalAlpha = o.fillOpacity;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = color;
    ctx.setLineDash(obj.origin === 'model' ? [6, 4] : []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  const hv = o.hovered;
  if (hv && !hv.hidden) {
    ctx.beginPath();
    if (pathOf(ctx, v, hv.kind, hv.geometry, ext)) {
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = o.colorOf(hv.label);
      ctx.stroke();
    }
  }
  for (const obj of o.selected) {
    if (obj.hidden) continue;
    const g = o.previews.get(obj.id) ?? obj.geometry;
    const color = o.colorOf(obj.label);
    // A selected crowd box keeps showing its mask (the cached bitmap leaves the selection out).
    drawMask(ctx, v, obj, color, ext);
    ctx.beginPath();
    if (!pathOf(ctx, v, obj.kind, g, ext)) continue;
    ctx.globalAlpha = Math.min(0.6, o.fillOpacity + 0.15);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = color;
    ctx.setLineDash(obj.origin === 'model' ? [6, 4] : obj.locked ? [2, 3] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    if (!withHandles) continue;
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#000';
    const r = HANDLE_PX / 2 + 0.5;
    if (obj.kind === 'box' && isBox(g)) {
      for (const h of BOX_HANDLES) {
        const p = boxHandlePoint(g, h);
        handle(ctx, p.x * s + v.tx, p.y * s + v.ty, r, '#fff');
      }
    } else if (obj.kind === 'polygon' && isPolygon(g)) {
      // Handles on every ring of a multi-part object; the active vertex is numbered across the rings.
      let base = 0;
      for (const pts of polygonRings(g)) {
        const mids = midpoints(pts);
        for (let i = 0; i < mids.length; i += 2) {
          ctx.beginPath();
          ctx.arc(mids[i] * s + v.tx, mids[i + 1] * s + v.ty, r - 1, 0, Math.PI * 2);
          ctx.fillStyle = color;
          ctx.globalAlpha = 0.7;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.stroke();
        }
        for (let i = 0; i < pts.length; i += 2) handle(ctx, pts[i] * s + v.tx, pts[i + 1] * s + v.ty, r, base + i / 2 === o.activeVertex ? color : '#fff');
        base += pts.length / 2;
      }
    }
  }
  const d = o.draft;
  if (d) drawDraft(ctx, v, d, o.drawColor, ext);
  return ext.rect();
}

function drawDraft(ctx: Pen, v: View, d: Draft, drawColor: string, ext: Extent): void {
  const s = v.scale;
  ctx.lineWidth = 2;
  if (d.kind === 'marquee') {
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = 'rgba(120,160,255,0.12)';
    ctx.fillRect(d.x * s + v.tx, d.y * s + v.ty, d.w * s, d.h * s);
    ctx.strokeRect(d.x * s + v.tx, d.y * s + v.ty, d.w * s, d.h * s);
    ctx.setLineDash([]);
    ext.add(d.x * s + v.tx, d.y * s + v.ty);
    ext.add((d.x + d.w) * s + v.tx, (d.y + d.h) * s + v.ty);
    return;
  }
  ctx.strokeStyle = drawColor;
  if (d.kind === 'box') {
    ctx.strokeRect(d.x * s + v.tx, d.y * s + v.ty, d.w * s, d.h * s);
    ext.add(d.x * s + v.tx, d.y * s + v.ty);
    ext.add((d.x + d.w) * s + v.tx, (d.y + d.h) * s + v.ty);
    return;
  }
  const p = d.points;
  ctx.beginPath();
  ctx.moveTo(p[0] * s + v.tx, p[1] * s + v.ty);
  for (let i = 2; i < p.length; i += 2) ctx.lineTo(p[i] * s + v.tx, p[i + 1] * s + v.ty);
  if (d.cursor) { ctx.lineTo(d.cursor.x * s + v.tx, d.cursor.y * s + v.ty); ext.add(d.cursor.x * s + v.tx, d.cursor.y * s + v.ty); }
  ctx.stroke();
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  for (let i = 0; i < p.length; i += 2) {
    handle(ctx, p[i] * s + v.tx, p[i + 1] * s + v.ty, i === 0 && d.closable ? 6 : 3.5, i === 0 ? drawColor : '#fff');
    ext.add(p[i] * s + v.tx, p[i + 1] * s + v.ty);
  }
}
