// Axis-aligned boxes in image pixels ({x, y, w, h}, top-left origin, float): normalising, clamping to the image,
// hit testing and the eight resize handles every box editor shares.
export interface Box { x: number; y: number; w: number; h: number }
export interface Size { width: number; height: number }
export interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

/** Handle ids in reading order: corners and edge midpoints. */
export type BoxHandle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const BOX_HANDLES: readonly BoxHandle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

export function isBox(g: unknown): g is Box {
  const b = g as Box;
  return !!b && typeof b === 'object' && [b.x, b.y, b.w, b.h].every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** A box from two corners in any order. */
export function boxFromPoints(x0: number, y0: number, x1: number, y1: number): Box {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}

export function boxBounds(b: Box): Bounds {
  return { minX: b.x, minY: b.y, maxX: b.x + b.w, maxY: b.y + b.h };
}

/** The part of a box inside the image (may become empty: w or h 0). */
export function clampBoxToImage(b: Box, img: Size): Box {
  const x0 = Math.min(Math.max(b.x, 0), img.width);
  const y0 = Math.min(Math.max(b.y, 0), img.height);
  const x1 = Math.min(Math.max(b.x + b.w, 0), img.width);
  const y1 = Math.min(Math.max(b.y + b.h, 0), img.height);
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Limits a translation (dx, dy) so that the bounds stay inside the image; used for moving boxes and polygons. */
export function clampTranslation(bounds: Bounds, dx: number, dy: number, img: Size): { dx: number; dy: number } {
  const cdx = Math.min(Math.max(dx, -bounds.minX), img.width - bounds.maxX);
  const cdy = Math.min(Math.max(dy, -bounds.minY), img.height - bounds.maxY);
  // A shape already larger than (or outside) the image gets no push in that axis.
  return { dx: bounds.maxX - bounds.minX > img.width ? 0 : cdx, dy: bounds.maxY - bounds.minY > img.height ? 0 : cdy };
}

export function boxContains(b: Box, x: number, y: number, tolerance = 0): boolean {
  return x >= b.x - tolerance && x <= b.x + b.w + tolerance && y >= b.y - tolerance && y <= b.y + b.h + tolerance;
}

/** Where each handle sits (image pixels). */
export function boxHandlePoint(b: Box, h: BoxHandle): { x: number; y: number } {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const x = h.includes('w') ? b.x : h.includes('e') ? b.x + b.w : cx;
  const y = h.startsWith('n') ? b.y : h.startsWith('s') ? b.y + b.h : cy;
  return { x, y };
}

/** The handle within `tolerance` of (x, y), nearest first, or null. */
export function hitBoxHandle(b: Box, x: number, y: number, tolerance: number): BoxHandle | null {
  let best: BoxHandle | null = null;
  let bestD = tolerance;
  for (const h of BOX_HANDLES) {
    const p = boxHandlePoint(b, h);
    const d = Math.max(Math.abs(p.x - x), Math.abs(p.y - y));
    if (d <= bestD) { bestD = d; best = h; }
  }
  return best;
}

/**
 * Drags one handle of the box `start` to (x, y) (image pixels, clamped to the image). Dragging past the opposite
 * edge flips the box, as design tools do, so the result is always normalised.
 */
export function resizeBox(start: Box, h: BoxHandle, x: number, y: number, img: Size): Box {
  const cx = Math.min(Math.max(x, 0), img.width);
  const cy = Math.min(Math.max(y, 0), img.height);
  let x0 = start.x, y0 = start.y, x1 = start.x + start.w, y1 = start.y + start.h;
  if (h.includes('w')) x0 = cx;
  if (h.includes('e')) x1 = cx;
  if (h.startsWith('n')) y0 = cy;
  if (h.startsWith('s')) y1 = cy;
  return boxFromPoints(x0, y0, x1, y1);
}
