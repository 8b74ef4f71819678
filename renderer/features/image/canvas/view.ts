// The view transform: screen = image * scale + (tx, ty), in CSS pixels of the canvas element.
export interface View { scale: number; tx: number; ty: number }

export const MIN_SCALE = 1 / 64;
export const MAX_SCALE = 64;

export function fitView(imgW: number, imgH: number, vw: number, vh: number, margin = 16): View {
  const scale = Math.max(MIN_SCALE, Math.min((vw - 2 * margin) / imgW, (vh - 2 * margin) / imgH));
  return { scale, tx: (vw - imgW * scale) / 2, ty: (vh - imgH * scale) / 2 };
}

/** Zooms by `factor` keeping the image point under (sx, sy) fixed on screen. */
export function zoomAt(v: View, factor: number, sx: number, sy: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const k = scale / v.scale;
  return { scale, tx: sx - (sx - v.tx) * k, ty: sy - (sy - v.ty) * k };
}

export function toImage(v: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.tx) / v.scale, y: (sy - v.ty) / v.scale };
}

/** The visible part of the image plane (image pixels), grown by `pad` screen pixels. */
export function viewBounds(v: View, vw: number, vh: number, pad = 0) {
  return { minX: (-pad - v.tx) / v.scale, minY: (-pad - v.ty) / v.scale, maxX: (vw + pad - v.tx) / v.scale, maxY: (vh + pad - v.ty) / v.scale };
}

export function zoomText(v: View): string {
  return `${(v.scale * 100).toFixed(v.scale < 0.1 ? 1 : 0)}%`;
}
