// Two-finger pinch on a touch screen: zoom about the fingers' midpoint and pan with it. (Trackpad pinch arrives
// as ctrl+wheel and is handled with the wheel.)
import type { View } from './view.ts';
import { MIN_SCALE, MAX_SCALE } from './view.ts';

export class Pinch {
  private touches = new Map<number, { x: number; y: number }>();
  private start: { d: number; mx: number; my: number; view: View } | null = null;

  get active(): boolean { return !!this.start; }

  /** Records a touch; returns true when a pinch starts (two fingers down). */
  down(id: number, x: number, y: number, view: View): boolean {
    this.touches.set(id, { x, y });
    if (this.touches.size !== 2) return false;
    const [a, b] = [...this.touches.values()];
    this.start = { d: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), mx: (a.x + b.x) / 2, my: (a.y + b.y) / 2, view };
    return true;
  }

  /** The view for the fingers now, or null when not pinching. */
  move(id: number, x: number, y: number): View | null {
    if (!this.touches.has(id)) return null;
    this.touches.set(id, { x, y });
    if (!this.start || this.touches.size !== 2) return null;
    const [a, b] = [...this.touches.values()];
    const { d, mx, my, view } = this.start;
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * (Math.hypot(a.x - b.x, a.y - b.y) / d)));
    const nx = (a.x + b.x) / 2, ny = (a.y + b.y) / 2;
    // The image point that was under the start midpoint stays under the current midpoint.
    const ix = (mx - view.tx) / view.scale, iy = (my - view.ty) / view.scale;
    return { scale, tx: nx - ix * scale, ty: ny - iy * scale };
  }

  up(id: number): void {
    this.touches.delete(id);
    if (this.touches.size < 2) this.start = null;
  }
}
