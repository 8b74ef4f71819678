// Images: sharp reads the header for size and decodes a small preview, which catches corrupt and truncated files
// at import time instead of when an annotator opens them.
import sharp from 'sharp';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import type { FileImporter } from './types.ts';

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', tiff: 'image/tiff', gif: 'image/gif' };

sharp.cache(false);

export const imageImporter: FileImporter = {
  name: 'image',
  extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'],
  async read(file) {
    let meta: sharp.Metadata;
    try {
      meta = await sharp(file, { limitInputPixels: false }).metadata();
    } catch (e) {
      throw new TaggerError('corrupt', `not a readable image (${(e as Error).message.replace(/\s+/g, ' ').trim()})`);
    }
    const mime = MIME[meta.format ?? ''];
    if (!mime || !meta.width || !meta.height) throw new TaggerError('unsupported', `image format ${meta.format ?? 'unknown'} is not supported (use JPEG, PNG, WebP or TIFF)`);
    try {
      // A full decode at reduced size proves the pixel data is intact (truncated files fail here).
      await sharp(file, { limitInputPixels: false, failOn: 'truncated', sequentialRead: true }).resize(32, 32, { fit: 'inside' }).raw().toBuffer();
    } catch (e) {
      throw new TaggerError('corrupt', `the image data is damaged or truncated (${(e as Error).message.replace(/\s+/g, ' ').trim()})`);
    }
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    return [{ kind: 'image', mime, originalName: path.basename(file), file, width, height, meta: { format: meta.format, channels: meta.channels, orientation: meta.orientation ?? 1 } }];
  },
};
