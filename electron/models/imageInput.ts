// The detector's view of an image asset, as RGB bytes (3 a pixel, row-major): the whole picture stretched to the
// model's square input, and square windows of a downscaled level of it (tiled detection, shared/models/tiling.ts).
// A picture with a tiled pyramid is read from its tiles, never decoded whole; a smaller one is decoded once at the
// level's scale and cut in memory.
import fs from 'node:fs';
import sharp from 'sharp';
import type { Size } from '../../shared/geometry/box.ts';
import type { ImagePyramid } from '../../shared/api/images.ts';
import { pyramidLevelSize } from '../../shared/api/images.ts';
import { TaggerError } from '../../shared/errors.ts';
import { tileFile } from '../image/pyramids.ts';

function unreadable(name: string, e: unknown): TaggerError {
  return new TaggerError('invalid_argument', `${name} could not be read as an image (${(e as Error).message}); re-import it.`);
}

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export async function squareRgb(file: string, name: string, side: number): Promise<Uint8Array> {
  try {
    const { data } = await sharp(file, { limitInputPixels: false, failOn: 'none' })
      .rotate() // honour EXIF orientation, as the canvas does
      .removeAlpha()
      .toColourspace('srgb')
      .resize(side, side, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return bytes(data);
  } catch (e) {
    throw unreadable(name, e);
  }
}

/** An RGB raster in memory. */
export interface Raster extends Size { rgb: Uint8Array }

/** The side × side window at (x, y) of a raster; what lies beyond the raster is black. */
export function cutWindow(src: Raster, x: number, y: number, side: number): Uint8Array {
  const out = new Uint8Array(side * side * 3);
  const w = Math.max(0, Math.min(side, src.width - x));
  const h = Math.max(0, Math.min(side, src.height - y));
  for (let r = 0; r < h; r++) {
    const from = ((y + r) * src.width + x) * 3;
    out.set(src.rgb.subarray(from, from + w * 3), r * side * 3);
  }
  return out;
}

/** The top-left width × height of a raster stretched to side × side, as squareRgb stretches a file. */
async function stretch(src: Raster, width: number, height: number, side: number): Promise<Uint8Array> {
  let img = sharp(src.rgb, { raw: { width: src.width, height: src.height, channels: 3 } });
  if (width !== src.width || height !== src.height) img = img.extract({ left: 0, top: 0, width, height });
  const { data } = await img.resize(side, side, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return bytes(data);
}

/** Reads square windows of one level of a picture. */
export interface LevelReader {
  window(x: number, y: number, side: number): Promise<Uint8Array>;
  /** The whole level stretched to side × side (the whole-picture pass). */
  squeezed(side: number): Promise<Uint8Array>;
}

/** A picture without a pyramid: decoded once, downscaled by 2^level, then cut in memory. */
export async function decodedLevel(file: string, name: string, level: number, size: Size): Promise<LevelReader> {
  const f = 2 ** level;
  const target = { width: Math.ceil(size.width / f), height: Math.ceil(size.height / f) };
  let raster: Raster;
  try {
    let img = sharp(file, { limitInputPixels: false, failOn: 'none' }).rotate().removeAlpha().toColourspace('srgb');
    if (f > 1) img = img.resize(target.width, target.height, { fit: 'fill' });
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    raster = { width: info.width, height: info.height, rgb: bytes(data) };
  } catch (e) {
    throw unreadable(name, e);
  }
  return {
    window: async (x, y, side) => cutWindow(raster, x, y, side),
    squeezed: (side) => stretch(raster, raster.width, raster.height, side),
  };
}

/** A picture with a pyramid: each window is put together from the level's tiles (at most four per window when
 *  the window is no larger than a tile), keeping the last tiles decoded, since neighbouring windows overlap. */
export function pyramidLevel(dir: string, pyramid: ImagePyramid, level: number, name: string): LevelReader {
  const ts = pyramid.tileSize;
  const cache = new Map<string, Promise<Raster>>();
  const tile = (col: number, row: number, lvl: number): Promise<Raster> => {
    const key = `${lvl}/${col}_${row}`;
    let t = cache.get(key);
    if (t) {
      cache.delete(key);
      cache.set(key, t); // most recently used last
      return t;
    }
    const file = tileFile(dir, pyramid, lvl, col, row);
    t = (async () => {
      if (!fs.existsSync(file)) throw new TaggerError('not_found', `A tile of ${name} is missing (${lvl}/${col}_${row}); open the image once to rebuild its tiles.`);
      try {
        const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
        return { width: info.width, height: info.height, rgb: bytes(data) };
      } catch (e) {
        throw unreadable(name, e);
      }
    })();
    cache.set(key, t);
    while (cache.size > 24) cache.delete(cache.keys().next().value!);
    return t;
  };
  const region = async (lvl: number, x: number, y: number, side: number): Promise<Raster> => {
    const size = pyramidLevelSize(pyramid, lvl);
    const out: Raster = { width: side, height: side, rgb: new Uint8Array(side * side * 3) };
    const c0 = Math.floor(x / ts), c1 = Math.floor((Math.min(x + side, size.width) - 1) / ts);
    const r0 = Math.floor(y / ts), r1 = Math.floor((Math.min(y + side, size.height) - 1) / ts);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const t = await tile(c, r, lvl);
        // the part of the tile inside the window, copied row by row
        const tx0 = Math.max(x, c * ts), tx1 = Math.min(x + side, c * ts + t.width);
        const ty0 = Math.max(y, r * ts), ty1 = Math.min(y + side, r * ts + t.height);
        for (let yy = ty0; yy < ty1; yy++) {
          const from = ((yy - r * ts) * t.width + (tx0 - c * ts)) * 3;
          out.rgb.set(t.rgb.subarray(from, from + (tx1 - tx0) * 3), ((yy - y) * side + (tx0 - x)) * 3);
        }
      }
    }
    return out;
  };
  return {
    window: async (x, y, side) => (await region(level, x, y, side)).rgb,
    squeezed: async (side) => {
      // the finest level no more than twice the input: at most four tiles, then stretched like squareRgb does
      let lvl = pyramid.levels - 1;
      while (lvl > 0) {
        const s = pyramidLevelSize(pyramid, lvl - 1);
        if (Math.max(s.width, s.height) > 2 * side) break;
        lvl--;
      }
      const s = pyramidLevelSize(pyramid, lvl);
      return stretch(await region(lvl, 0, 0, Math.max(s.width, s.height)), s.width, s.height, side);
    },
  };
}
