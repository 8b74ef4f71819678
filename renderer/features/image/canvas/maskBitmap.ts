// A COCO RLE mask kept on a box (a crowd region, attribute "mask") shown as a raster: the mask decoded once to a
// bitmap of its bounding box in the label's color, half transparent, cached per mask and color. Drawn at the
// mask's own pixels (image coordinates), which export writes back unchanged.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { rleMaskBits, rleProblem, type CocoRle } from '../../../../shared/formats/image/rle.ts';

export interface MaskRaster { x: number; y: number; width: number; height: number; image: HTMLCanvasElement }

const MASK_ALPHA = 115; // of 255: the picture stays readable under the mask
const cache = new WeakMap<object, Map<string, MaskRaster | null>>();

/** The raster of an object's mask in `color` (#rrggbb), or null when it has none (or an unreadable one). */
export function maskRaster(o: AnnotationObject, color: string): MaskRaster | null {
  const mask = o.kind === 'box' ? o.attributes.mask : undefined;
  if (!mask || typeof mask !== 'object') return null;
  let byColor = cache.get(mask);
  if (!byColor) cache.set(mask, (byColor = new Map()));
  if (byColor.has(color)) return byColor.get(color)!;
  const raster = rleProblem(mask) ? null : paint(mask as CocoRle, color);
  byColor.set(color, raster);
  return raster;
}

function paint(mask: CocoRle, color: string): MaskRaster | null {
  const m = rleMaskBits(mask);
  if (!m || typeof document === 'undefined') return null;
  const image = document.createElement('canvas');
  image.width = m.width;
  image.height = m.height;
  const ctx = image.getContext('2d');
  if (!ctx) return null;
  const px = ctx.createImageData(m.width, m.height);
  const n = parseInt(color.slice(1, 7), 16);
  const r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
  const d = px.data;
  for (let i = 0; i < m.bits.length; i++) {
    if (!m.bits[i]) continue;
    d[4 * i] = r; d[4 * i + 1] = g; d[4 * i + 2] = b; d[4 * i + 3] = MASK_ALPHA;
  }
  ctx.putImageData(px, 0, 0);
  return { x: m.x, y: m.y, width: m.width, height: m.height, image };
}
