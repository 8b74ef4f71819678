// Pan: drag the view (the H tool, Space held, or the middle mouse button with any tool). idle → dragging → idle.
import type { View } from '../../canvas/view.ts';

export class PanTool {
  private start: { sx: number; sy: number; view: View } | null = null;

  get dragging(): boolean { return !!this.start; }

  down(sx: number, sy: number, view: View): void {
    this.start = { sx, sy, view };
  }

  /** The view for the pointer at (sx, sy), or null when not dragging. */
  move(sx: number, sy: number): View | null {
    if (!this.start) return null;
    const { view } = this.start;
    return { scale: view.scale, tx: view.tx + sx - this.start.sx, ty: view.ty + sy - this.start.sy };
  }

  up(): void {
    this.start = null;
  }
}
