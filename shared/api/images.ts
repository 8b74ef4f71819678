// Large images: a tiled pyramid made in the core so the canvas never holds a giant bitmap.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';

/** Images with both sides at most this many pixels are shown as one bitmap (no pyramid). */
export const PYRAMID_MIN_SIDE = 4096;
export const TILE_SIZE = 512;

/**
 * A tiled pyramid. Level 0 is full resolution; level k is the image downscaled by 2^k, of size
 * ceil(width / 2^k) × ceil(height / 2^k); the last level (levels - 1) fits in one tile. Tiles do not overlap:
 * tile (col, row) of level k covers level pixels [col*tileSize, min((col+1)*tileSize, levelWidth)) and the same
 * for rows, so edge tiles are smaller than tileSize. Served at /media/ + tilePath(...).
 */
export interface ImagePyramid {
  width: number;
  height: number;
  tileSize: number;
  levels: number;
  format: 'webp';
}

export function pyramidLevelSize(p: Pick<ImagePyramid, 'width' | 'height'>, level: number): { width: number; height: number } {
  const f = 2 ** level;
  return { width: Math.ceil(p.width / f), height: Math.ceil(p.height / f) };
}

/** Number of levels for an image: halve (rounding up) until both sides fit one tile. */
export function pyramidLevelCount(width: number, height: number, tileSize = TILE_SIZE): number {
  let n = 1;
  let w = width;
  let h = height;
  while (w > tileSize || h > tileSize) {
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
    n++;
  }
  return n;
}

/** Media sub-path of one tile (prefix with /media/, e.g. through mediaUrl in the renderer). */
export function tilePath(assetId: string, level: number, col: number, row: number): string {
  return `tiles/${assetId}/${level}/${col}_${row}.webp`;
}

export const imagesApi = {
  /**
   * The pyramid of an image asset, or null when it is small enough to show whole (both sides ≤ PYRAMID_MIN_SIDE).
   * The first call for a large image builds the pyramid as a job (progress events, cancellable) and resolves when
   * it is ready; later calls answer at once. Tile requests before that wait for the same build.
   */
  pyramid: returns<ImagePyramid | null>()(z.tuple([s.sha256])),
};
