// Polygon: click to add vertices; close by clicking the first vertex or Enter; Escape cancels; Backspace removes
// the last vertex. idle → drawing → idle. A polygon that crosses itself is refused with a message.
import { clampPoint, polygonProblem } from '../../../../../shared/geometry/polygon.ts';
import type { Tool, ToolEvent, ToolHost } from '../types.ts';
import { addShape, canStartShape } from '../newObject.ts';

const CLOSE_RADIUS = 8;

type State = { name: 'idle' } | { name: 'drawing'; points: number[]; cursor: { x: number; y: number } | null };

export class PolygonTool implements Tool {
  private s: State = { name: 'idle' };

  busy() { return this.s.name !== 'idle'; }

  private show(h: ToolHost) {
    if (this.s.name !== 'drawing') { h.setDraft(null); return; }
    const p = this.s.points;
    const c = this.s.cursor;
    const closable = p.length >= 6 && !!c && Math.hypot(c.x - p[0], c.y - p[1]) <= h.px(CLOSE_RADIUS);
    h.setDraft({ kind: 'polygon', points: p, cursor: c, closable });
  }

  down(h: ToolHost, e: ToolEvent) {
    if (!canStartShape(h)) return;
    const [x, y] = clampPoint(e.x, e.y, h.image);
    if (this.s.name === 'idle') {
      this.s = { name: 'drawing', points: [x, y], cursor: { x, y } };
    } else {
      const p = this.s.points;
      if (p.length >= 6 && Math.hypot(x - p[0], y - p[1]) <= h.px(CLOSE_RADIUS)) { this.finish(h); return; }
      const n = p.length;
      // The second click of a double click lands on the same spot; one vertex is enough.
      if (Math.hypot(x - p[n - 2], y - p[n - 1]) < h.px(2)) return;
      this.s = { ...this.s, points: [...p, x, y], cursor: { x, y } };
    }
    this.show(h);
  }

  move(h: ToolHost, e: ToolEvent) {
    if (this.s.name !== 'drawing') return;
    const [x, y] = clampPoint(e.x, e.y, h.image);
    this.s = { ...this.s, cursor: { x, y } };
    this.show(h);
  }

  up() {}

  key(h: ToolHost, key: 'Enter' | 'Backspace') {
    if (this.s.name !== 'drawing') return false;
    if (key === 'Enter') { this.finish(h); return true; }
    const points = this.s.points.slice(0, -2);
    this.s = points.length ? { ...this.s, points } : { name: 'idle' };
    this.show(h);
    return true;
  }

  private finish(h: ToolHost) {
    if (this.s.name !== 'drawing') return;
    const points = this.s.points;
    const problem = polygonProblem(points);
    if (problem === 'too-few-points') { h.notify('A polygon needs at least 3 vertices.'); return; }
    if (problem === 'self-intersecting') { h.notify('This polygon crosses itself; remove the last vertex with Backspace and go around.'); return; }
    if (problem) { h.notify('This polygon has no area; add vertices that are not on one line.'); return; }
    this.s = { name: 'idle' };
    h.setDraft(null);
    addShape(h, 'polygon', { points });
  }

  cancel(h: ToolHost) {
    if (this.s.name === 'idle') return false;
    this.s = { name: 'idle' };
    h.setDraft(null);
    return true;
  }
}
