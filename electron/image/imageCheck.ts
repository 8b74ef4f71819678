// Cheap integrity checks for images too large to decode at import time: the file's own structure must say that
// all its pixel data is present (a JPEG ends with EOI, a PNG with IEND, a WebP is as long as its RIFF header says,
// every TIFF strip/tile lies inside the file).
// Decoding a 20000×20000 scan only to validate it would take seconds per file and prove little more.
import fs from 'node:fs';
import { TaggerError } from '../../shared/errors.ts';

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

const truncated = (what: string) => new TaggerError('corrupt', `the image data is truncated (${what}); copy the file again from its source`);

/** Huffman-coded JPEG spends at least one bit on the DC coefficient of every 8×8 luma block, so its data can
 *  never be smaller than pixels / 512 bytes (arithmetic coding, SOF9–SOF15, can go below: not checked). */
export function jpegMinimumBytes(pixels: number): number {
  return Math.ceil(pixels / 512);
}

function jpegIsHuffman(fd: number, size: number): boolean {
  const head = readAt(fd, 0, Math.min(size, 65536));
  for (let i = 2; i + 4 <= head.length; ) {
    if (head[i] !== 0xff) return true;
    const m = head[i + 1];
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return m <= 0xc3 || (m >= 0xc5 && m <= 0xc7);
    i += 2 + head.readUInt16BE(i + 2);
  }
  return true;
}

export function checkImageStructure(file: string, format: string, pixels = 0): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    if (format === 'jpeg') {
      if (size < jpegMinimumBytes(pixels) && jpegIsHuffman(fd, size))
        throw new TaggerError('corrupt', `the JPEG declares ${pixels.toLocaleString('en')} pixels but its ${size.toLocaleString('en')} bytes cannot hold them (at least ${jpegMinimumBytes(pixels).toLocaleString('en')} are needed); the file is damaged or forged`);
      // Trailing bytes after EOI are common (camera junk, appended thumbnails), so look near the end, not at it.
      const tail = readAt(fd, Math.max(0, size - 65536), Math.min(size, 65536));
      if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0) throw truncated('no end-of-image marker');
    } else if (format === 'png') {
      const tail = readAt(fd, Math.max(0, size - 4096), Math.min(size, 4096));
      if (tail.lastIndexOf(Buffer.from('IEND', 'latin1')) < 0) throw truncated('no IEND chunk');
    } else if (format === 'webp') {
      // The RIFF header states the container's length; a shorter file lost its end.
      const head = readAt(fd, 0, 12);
      const riff = head.length >= 12 ? head.readUInt32LE(4) + 8 : 0;
      if (riff > size) throw truncated(`its header promises ${riff} bytes but the file has ${size}`);
    } else if (format === 'tiff') {
      const end = tiffDataEnd(fd);
      if (end > size) throw truncated(`its pixel data runs to byte ${end} but the file has ${size}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The end of the first image's pixel data (max offset + byte count over its strips or tiles), classic or BigTIFF. */
export function tiffDataEnd(fd: number): number {
  const head = readAt(fd, 0, 16);
  const le = head.toString('latin1', 0, 2) === 'II';
  if (!le && head.toString('latin1', 0, 2) !== 'MM') throw new TaggerError('corrupt', 'not a TIFF file (bad byte order mark)');
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u64 = (b: Buffer, o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
  const version = u16(head, 2);
  const big = version === 43;
  if (version !== 42 && !big) throw new TaggerError('corrupt', `not a TIFF file (version ${version})`);
  const ifd = big ? u64(head, 8) : u32(head, 4);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const n = big ? u64(readAt(fd, ifd, 8), 0) : u16(readAt(fd, ifd, 2), 0);
  if (!n || n > 10000) throw truncated('its first directory is missing');
  const entries = readAt(fd, ifd + countSize, n * entrySize);
  if (entries.length < n * entrySize) throw truncated('its first directory is cut short');
  const typeSize: Record<number, number> = { 3: 2, 4: 4, 16: 8 };
  const arrays = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const e = entries.subarray(i * entrySize, (i + 1) * entrySize);
    const tag = u16(e, 0);
    if (tag !== 273 && tag !== 279 && tag !== 324 && tag !== 325) continue;
    const type = u16(e, 2);
    const count = big ? u64(e, 4) : u32(e, 4);
    const w = typeSize[type];
    if (!w) continue;
    const inline = big ? 8 : 4;
    const bytes = count * w <= inline ? e.subarray(big ? 12 : 8, (big ? 12 : 8) + count * w) : readAt(fd, big ? u64(e, 12) : u32(e, 8), count * w);
    if (bytes.length < count * w) throw truncated('its strip table is cut short');
    const vals: number[] = [];
    for (let k = 0; k < count; k++) vals.push(w === 2 ? u16(bytes, k * 2) : w === 4 ? u32(bytes, k * 4) : u64(bytes, k * 8));
    arrays.set(tag, vals);
  }
  const offs = arrays.get(324) ?? arrays.get(273);
  const counts = arrays.get(325) ?? arrays.get(279);
  if (!offs || !counts) return 0;
  let end = 0;
  for (let i = 0; i < Math.min(offs.length, counts.length); i++) end = Math.max(end, offs[i] + counts[i]);
  return end;
}
