// Select and edit: click or Shift-click to select, marquee to select many, drag to move, drag handles to resize a
// box or move a polygon vertex, drag an edge midpoint (or double-click an edge) to insert a vertex, Alt-click a
// vertex to delete it. Locked shapes can be selected but not changed.
import type { AnnotationObject } from '../../../../../shared/domain.ts';
import { resizeBox, isBox, boxFromPoints, type Box, type BoxHandle } from '../../../../../shared/geometry/box.ts';
import { isPolygon, moveVertex, insertVertex, deleteVertex, clampPoint, polygonProblem, nearestEdge, polygonRings, withRing, locateVertex, vertexNumber, type Polygon } from '../../../../../shared/geometry/polygon.ts';
import { withGeometry } from '../../../../../shared/objects.ts';
import { putOp } from '../../../document/documentStore.ts';
import type { Tool, ToolEvent, ToolHost } from '../types.ts';
import { hitHandle, translateGeometry, clampedMove, HANDLE_PX } from './shapeEdits.ts';

type State =
  | { name: 'idle' }
  | { name: 'moving'; objs: AnnotationObject[]; x0: number; y0: number; dx: number; dy: number }
  | { name: 'pressedLocked'; x0: number; y0: number; warned: boolean }
  | { name: 'resizing'; obj: AnnotationObject; box: Box; handle: BoxHandle; result: Box }
  | { name: 'vertex'; obj: AnnotationObject; geometry: Polygon; ring: number; points: number[]; index: number; inserted: boolean; moved: boolean }
  | { name: 'marquee'; x0: number; y0: number; x1: number; y1: number; add: boolean };

const DRAG_PX = 3;

export class SelectTool implements Tool {
  private s: State = { name: 'idle' };

  busy() { return this.s.name !== 'idle'; }

  down(h: ToolHost, e: ToolEvent) {
    const objects = h.objects();
    const sel = h.selected();
    const single = sel.length === 1 ? objects.get(sel[0]) : undefined;
    if (single && !single.hidden && !single.locked && !e.shift) {
      const hh = hitHandle(single, e.x, e.y, h.px(HANDLE_PX));
      if (hh?.kind === 'box' && isBox(single.geometry)) {
        this.s = { name: 'resizing', obj: single, box: single.geometry, handle: hh.handle, result: single.geometry };
        return;
      }
      if (hh && hh.kind !== 'box' && isPolygon(single.geometry)) {
        // The handle's ring: a multi-part object (a COCO instance in pieces) is edited ring by ring.
        const geometry = single.geometry;
        const pts = polygonRings(geometry)[hh.ring];
        if (hh.kind === 'vertex' && e.alt) { this.removeVertex(h, single, vertexNumber(geometry, hh.ring, hh.index)); return; }
        if (hh.kind === 'vertex') {
          this.s = { name: 'vertex', obj: single, geometry, ring: hh.ring, points: pts, index: hh.index, inserted: false, moved: false };
          return;
        }
        const j = (hh.edge + 1) % (pts.length / 2);
        const mx = (pts[2 * hh.edge] + pts[2 * j]) / 2, my = (pts[2 * hh.edge + 1] + pts[2 * j + 1]) / 2;
        const points = insertVertex(pts, hh.edge, mx, my);
        this.s = { name: 'vertex', obj: single, geometry, ring: hh.ring, points, index: hh.edge + 1, inserted: true, moved: false };
        h.previews.set(single.id, withRing(geometry, hh.ring, points));
        h.redraw();
        return;
      }
    }
    const hit = h.hit(e.x, e.y, h.px(4));
    h.setHover(null);
    if (!hit) {
      if (!e.shift) h.select([]);
      this.s = { name: 'marquee', x0: e.x, y0: e.y, x1: e.x, y1: e.y, add: e.shift };
      return;
    }
    let next = sel;
    if (e.shift) next = sel.includes(hit.id) ? sel.filter((id) => id !== hit.id) : [...sel, hit.id];
    else if (!sel.includes(hit.id)) next = [hit.id];
    h.select(next);
    if (e.shift && !next.includes(hit.id)) return;
    const objs = next.map((id) => objects.get(id)).filter((o): o is AnnotationObject => !!o);
    if (objs.some((o) => o.locked)) this.s = { name: 'pressedLocked', x0: e.x, y0: e.y, warned: false };
    else this.s = { name: 'moving', objs, x0: e.x, y0: e.y, dx: 0, dy: 0 };
  }

  move(h: ToolHost, e: ToolEvent) {
    const s = this.s;
    switch (s.name) {
      case 'idle':
        h.setCursor(this.hoverCursor(h, e));
        return;
      case 'moving': {
        if (s.dx === 0 && s.dy === 0 && Math.hypot(e.x - s.x0, e.y - s.y0) < h.px(DRAG_PX)) return;
        const m = clampedMove(s.objs, e.x - s.x0, e.y - s.y0, h.image);
        s.dx = m.dx; s.dy = m.dy;
        for (const o of s.objs) h.previews.set(o.id, translateGeometry(o, m.dx, m.dy));
        h.redraw();
        return;
      }
      case 'pressedLocked':
        if (!s.warned && Math.hypot(e.x - s.x0, e.y - s.y0) >= h.px(DRAG_PX)) {
          s.warned = true;
          h.notify('This shape is locked. Unlock it in the Objects list (or Ctrl+L) to move it.');
        }
        return;
      case 'resizing':
        s.result = resizeBox(s.box, s.handle, e.x, e.y, h.image);
        h.previews.set(s.obj.id, s.result);
        h.redraw();
        return;
      case 'vertex': {
        const [x, y] = clampPoint(e.x, e.y, h.image);
        s.points = moveVertex(s.points, s.index, x, y);
        s.moved = true;
        h.previews.set(s.obj.id, withRing(s.geometry, s.ring, s.points));
        h.redraw();
        return;
      }
      case 'marquee':
        s.x1 = e.x; s.y1 = e.y;
        h.setDraft({ kind: 'marquee', ...boxFromPoints(s.x0, s.y0, s.x1, s.y1) });
        return;
    }
  }

  up(h: ToolHost) {
    const s = this.s;
    this.s = { name: 'idle' };
    switch (s.name) {
      case 'moving':
        if (s.dx || s.dy) {
          h.commit({ label: s.objs.length > 1 ? `Move ${s.objs.length} shapes` : 'Move shape', ops: s.objs.map((o) => putOp(withGeometry(o, translateGeometry(o, s.dx, s.dy)))) });
        }
        break;
      case 'resizing':
        if (s.result !== s.box && s.result.w > 0 && s.result.h > 0) h.commit({ label: 'Resize box', ops: [putOp(withGeometry(s.obj, s.result))] });
        break;
      case 'vertex': {
        // A click on a vertex makes it the active one (Delete removes it); a drag leaves none active, so Delete
        // after dragging removes the shape as everywhere else.
        h.setActiveVertex(!s.moved && !s.inserted ? vertexNumber(s.geometry, s.ring, s.index) : -1);
        if (!s.moved && !s.inserted) break;
        const problem = polygonProblem(s.points);
        if (problem) { h.notify(problem === 'self-intersecting' ? 'That would make the polygon cross itself; the vertex went back.' : 'That would leave the polygon without area; the vertex went back.'); break; }
        h.commit({ label: s.inserted ? 'Insert vertex' : 'Move vertex', ops: [putOp(withGeometry(s.obj, withRing(s.geometry, s.ring, s.points)))] });
        break;
      }
      case 'marquee': {
        h.setDraft(null);
        const b = boxFromPoints(s.x0, s.y0, s.x1, s.y1);
        if (b.w < h.px(DRAG_PX) && b.h < h.px(DRAG_PX)) break;
        const ids = h.inside(b.x, b.y, b.x + b.w, b.y + b.h).filter((o) => !o.hidden).sort((a, c) => a.z - c.z).map((o) => o.id);
        h.select(s.add ? [...new Set([...h.selected(), ...ids])] : ids);
        break;
      }
    }
    // The stored object replaces the preview when the document updates; until then the preview stays on screen.
    h.previews.clear();
    h.redraw();
  }

  /** The cursor tells what a press would do here: resize, move a vertex, insert one, move a shape. */
  private hoverCursor(h: ToolHost, e: ToolEvent): string {
    const sel = h.selected();
    const single = sel.length === 1 ? h.objects().get(sel[0]) : undefined;
    if (single && !single.hidden && !single.locked) {
      const hh = hitHandle(single, e.x, e.y, h.px(HANDLE_PX));
      if (hh?.kind === 'box') return hh.handle === 'n' || hh.handle === 's' ? 'ns-resize' : hh.handle === 'e' || hh.handle === 'w' ? 'ew-resize' : hh.handle === 'nw' || hh.handle === 'se' ? 'nwse-resize' : 'nesw-resize';
      if (hh?.kind === 'vertex') return 'move';
      if (hh?.kind === 'midpoint') return 'copy';
    }
    const hit = h.hit(e.x, e.y, h.px(4));
    h.setHover(hit?.id ?? null);
    return hit ? (hit.locked ? 'not-allowed' : 'move') : '';
  }

  dblclick(h: ToolHost, e: ToolEvent) {
    const sel = h.selected();
    const o = sel.length === 1 ? h.objects().get(sel[0]) : undefined;
    if (!o || o.locked || !isPolygon(o.geometry)) return;
    const g = o.geometry;
    // The nearest edge of any ring.
    let best: { ring: number; edge: number; d: number } | null = null;
    polygonRings(g).forEach((r, ring) => {
      const edge = nearestEdge(r, e.x, e.y);
      if (edge && (!best || edge.d < best.d)) best = { ring, edge: edge.edge, d: edge.d };
    });
    const hit = best as { ring: number; edge: number; d: number } | null;
    if (!hit || hit.d > h.px(HANDLE_PX)) return;
    const [x, y] = clampPoint(e.x, e.y, h.image);
    h.commit({ label: 'Insert vertex', ops: [putOp(withGeometry(o, withRing(g, hit.ring, insertVertex(polygonRings(g)[hit.ring], hit.edge, x, y))))] });
    h.setActiveVertex(vertexNumber(g, hit.ring, hit.edge + 1));
  }

  /** `vertex` numbers vertices across the rings of a multi-part object (ring 0's first). */
  removeVertex(h: ToolHost, o: AnnotationObject, vertex: number) {
    if (!isPolygon(o.geometry)) return;
    const at = locateVertex(o.geometry, vertex);
    if (!at) return;
    const points = deleteVertex(polygonRings(o.geometry)[at.ring], at.index);
    if (!points) { h.notify('A polygon keeps at least 3 vertices; delete the shape instead.'); return; }
    if (polygonProblem(points)) { h.notify('Removing that vertex would make the polygon cross itself.'); return; }
    h.commit({ label: 'Delete vertex', ops: [putOp(withGeometry(o, withRing(o.geometry, at.ring, points)))] });
    h.setActiveVertex(-1);
  }

  cancel(h: ToolHost) {
    if (this.s.name === 'idle') return false;
    this.s = { name: 'idle' };
    h.previews.clear();
    h.setDraft(null);
    h.redraw();
    return true;
  }
}
