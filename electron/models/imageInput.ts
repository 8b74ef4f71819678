// The detector's view of an image asset: the whole picture stretched to the model's square input, RGB bytes.
import sharp from 'sharp';
import { TaggerError } from '../../shared/errors.ts';

export async function squareRgb(file: string, name: string, side: number): Promise<Uint8Array> {
  try {
    const { data } = await sharp(file, { limitInputPixels: false, failOn: 'none' })
      .rotate() // honour EXIF orientation, as the canvas does
      .removeAlpha()
      .toColourspace('srgb')
      .resize(side, side, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (e) {
    throw new TaggerError('invalid_argument', `${name} could not be read as an image (${(e as Error).message}); re-import it.`);
  }
}
