// Images: sharp reads the header for size; an ordinary image is also decoded at a small size, which catches corrupt
// and truncated files at import time instead of when an annotator opens them. Huge images (scans, aerial maps,
// pyramidal or BigTIFF) get a structural check instead of a decode that would take seconds per file.
import sharp from 'sharp';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import { checkImageStructure } from '../../image/imageCheck.ts';
import type { FileImporter } from './types.ts';

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', tiff: 'image/tiff', gif: 'image/gif' };
/** Above this many pixels an import-time decode costs more than it proves. */
export const DECODE_CHECK_MAX_PIXELS = 40_000_000;
/** The largest image the workstation opens (a 40,000 × 40,000 slide or aerial map): past it, tiling takes tens of minutes
 *  and a header can claim gigapixels that a few kilobytes of data cannot hold. */
export const MAX_IMAGE_PIXELS = 2_000_000_000;

sharp.cache(false);

const megapixels = (n: number) => `${Math.round(n / 1e6).toLocaleString('en')} megapixels`;
const clean = (e: unknown) => (e as Error).message.replace(/\s+/g, ' ').trim();

export const imageImporter: FileImporter = {
  name: 'image',
  extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'],
  async read(file) {
    let meta: sharp.Metadata;
    try {
      meta = await sharp(file, { limitInputPixels: false }).metadata(); // header only: the limit is checked below, by name
    } catch (e) {
      throw new TaggerError('corrupt', `not a readable image (${clean(e)})`);
    }
    const mime = MIME[meta.format ?? ''];
    if (!mime || !meta.width || !meta.height) throw new TaggerError('unsupported', `image format ${meta.format ?? 'unknown'} is not supported (use JPEG, PNG, WebP or TIFF)`);
    const pixels = meta.width * meta.height;
    if (pixels > MAX_IMAGE_PIXELS)
      throw new TaggerError('unsupported', `the image is ${meta.width} × ${meta.height} (${megapixels(pixels)}), over the pixel limit of ${megapixels(MAX_IMAGE_PIXELS)}; split it into tiles or downscale it first`);
    if (pixels > DECODE_CHECK_MAX_PIXELS) {
      checkImageStructure(file, meta.format!, pixels);
    } else {
      try {
        // A full decode at reduced size proves the pixel data is intact (truncated files fail here).
        await sharp(file, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated', sequentialRead: true }).resize(32, 32, { fit: 'inside' }).raw().toBuffer();
      } catch (e) {
        throw new TaggerError('corrupt', `the image data is damaged or truncated (${clean(e)})`);
      }
    }
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    // A pyramidal or multi-page TIFF is shown by its first page, which is the full-resolution one.
    const pages = meta.pages && meta.pages > 1 ? { pages: meta.pages } : {};
    return [{ kind: 'image', mime, originalName: path.basename(file), file, width, height, meta: { format: meta.format, channels: meta.channels, orientation: meta.orientation ?? 1, ...pages } }];
  },
};
