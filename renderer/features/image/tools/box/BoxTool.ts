// Bounding box: press, drag, release. idle → drawing → idle; the box stays inside the image.
import { boxFromPoints, clampBoxToImage } from '../../../../../shared/geometry/box.ts';
import { clampPoint } from '../../../../../shared/geometry/polygon.ts';
import type { Tool, ToolEvent, ToolHost } from '../types.ts';
import { addShape, canStartShape } from '../newObject.ts';

type State = { name: 'idle' } | { name: 'drawing'; x0: number; y0: number };

export class BoxTool implements Tool {
  private s: State = { name: 'idle' };

  busy() { return this.s.name !== 'idle'; }

  down(h: ToolHost, e: ToolEvent) {
    if (!canStartShape(h)) return;
    const [x0, y0] = clampPoint(e.x, e.y, h.image);
    this.s = { name: 'drawing', x0, y0 };
    h.setDraft({ kind: 'box', x: x0, y: y0, w: 0, h: 0 });
  }

  private boxAt(h: ToolHost, e: ToolEvent) {
    if (this.s.name !== 'drawing') return null;
    return clampBoxToImage(boxFromPoints(this.s.x0, this.s.y0, e.x, e.y), h.image);
  }

  move(h: ToolHost, e: ToolEvent) {
    const b = this.boxAt(h, e);
    if (b) h.setDraft({ kind: 'box', ...b });
  }

  up(h: ToolHost, e: ToolEvent) {
    const b = this.boxAt(h, e);
    this.s = { name: 'idle' };
    h.setDraft(null);
    // A click without a drag is not a box (a 3-pixel box is almost always a slip).
    if (!b || b.w < h.px(3) || b.h < h.px(3)) return;
    addShape(h, 'box', b);
  }

  cancel(h: ToolHost) {
    if (this.s.name === 'idle') return false;
    this.s = { name: 'idle' };
    h.setDraft(null);
    return true;
  }
}
