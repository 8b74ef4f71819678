// The image importer on huge and pyramidal files: accepted without a full decode, truncation still caught.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { imageImporter } from '../import/importers/image.ts';

let dir: string;
const read = (f: string) => imageImporter.read(path.join(dir, f), () => {});
const cut = (from: string, to: string, keep: number) => fs.writeFileSync(path.join(dir, to), fs.readFileSync(path.join(dir, from)).subarray(0, keep));
const flat = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 90, g: 140, b: 60 } } });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-imgimp-'));
  await flat(9000, 6000).jpeg({ quality: 50 }).toFile(path.join(dir, 'huge.jpg'));
  await flat(9000, 5000).tiff({ tile: true, pyramid: true, bigtiff: true, compression: 'jpeg', quality: 50 }).toFile(path.join(dir, 'scan.tif'));
  await flat(7000, 7000).png({ compressionLevel: 1 }).toFile(path.join(dir, 'huge.png'));
  await flat(9000, 5000).webp({ quality: 50 }).toFile(path.join(dir, 'huge.webp'));
}, 60000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('importing huge images', () => {
  it('accepts a 54-megapixel JPEG with its size', async () => {
    const [item] = await read('huge.jpg');
    expect([item.kind, item.mime, item.width, item.height]).toEqual(['image', 'image/jpeg', 9000, 6000]);
  });

  it('accepts a pyramidal BigTIFF, sized by its full-resolution page', async () => {
    const [item] = await read('scan.tif');
    expect([item.mime, item.width, item.height]).toEqual(['image/tiff', 9000, 5000]);
    expect((item.meta as { pages?: number }).pages).toBeGreaterThan(1);
  });

  it('refuses a truncated huge JPEG, PNG, WebP and BigTIFF with a message saying so', async () => {
    expect((await read('huge.webp'))[0].width).toBe(9000);
    const size = (f: string) => fs.statSync(path.join(dir, f)).size;
    cut('huge.jpg', 'cut.jpg', Math.floor(size('huge.jpg') * 0.6));
    cut('huge.png', 'cut.png', Math.floor(size('huge.png') * 0.6));
    cut('scan.tif', 'cut.tif', Math.floor(size('scan.tif') * 0.6));
    cut('huge.webp', 'cut.webp', Math.floor(size('huge.webp') * 0.6));
    for (const f of ['cut.jpg', 'cut.png', 'cut.tif', 'cut.webp']) await expect(read(f), f).rejects.toThrow(/truncated|damaged|not a readable image/);
    await expect(read('cut.jpg')).rejects.toThrow(/end-of-image/);
  });

  it('still decodes ordinary images, so a damaged small file is caught', async () => {
    await flat(800, 600).png().toFile(path.join(dir, 'small.png'));
    fs.writeFileSync(path.join(dir, 'bad.png'), Buffer.concat([fs.readFileSync(path.join(dir, 'small.png')).subarray(0, 60), Buffer.alloc(40)]));
    await expect(read('bad.png')).rejects.toThrow(/truncated|damaged|not a readable image/);
    expect((await read('small.png'))[0].width).toBe(800);
  });
});
