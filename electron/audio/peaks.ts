// Min/max waveform peaks in one pass: the finest level (BASE_SAMPLES_PER_PIXEL frames per pixel, mono envelope over
// all channels) is built while decoding; each coarser level halves the one before, as BBC's audiowaveform /
// waveform-data do. Values are int8 (-128..127), stored min,max interleaved per pixel.
import { BASE_SAMPLES_PER_PIXEL } from '../../shared/api/audio.ts';
import type { PcmBlock } from './decode.ts';

export interface PeakLevel {
  samplesPerPixel: number;
  /** int8 pairs: data[2i] = min, data[2i+1] = max of pixel i. */
  data: Int8Array;
}

function toInt8(v: number): number {
  const q = Math.round(v * 127);
  return q > 127 ? 127 : q < -128 ? -128 : q;
}

/** Accumulates the base level as decoded blocks arrive; memory is 2 bytes per pixel, not per sample. */
export class PeakBuilder {
  private out = new Int8Array(1 << 16);
  private length = 0;
  private min = Infinity;
  private max = -Infinity;
  private count = 0;
  constructor(readonly samplesPerPixel = BASE_SAMPLES_PER_PIXEL) {}

  push(block: PcmBlock): void {
    const chans = block.channelData;
    const n = chans[0]?.length ?? 0;
    const spp = this.samplesPerPixel;
    let { min, max, count } = this;
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + (spp - count));
      for (const ch of chans) {
        for (let j = i; j < end; j++) {
          const v = ch[j];
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      count += end - i;
      i = end;
      if (count === spp) {
        this.emit(min, max);
        min = Infinity;
        max = -Infinity;
        count = 0;
      }
    }
    this.min = min;
    this.max = max;
    this.count = count;
  }

  private emit(min: number, max: number): void {
    if (this.length * 2 + 2 > this.out.length) {
      const bigger = new Int8Array(this.out.length * 2);
      bigger.set(this.out);
      this.out = bigger;
    }
    this.out[this.length * 2] = toInt8(min);
    this.out[this.length * 2 + 1] = toInt8(max);
    this.length++;
  }

  /** The base level, including a last partial pixel. */
  finish(): PeakLevel {
    if (this.count > 0) this.emit(this.min, this.max);
    this.count = 0;
    return { samplesPerPixel: this.samplesPerPixel, data: this.out.slice(0, this.length * 2) };
  }
}

/** Halves a level: each pixel covers the two pixels below it. */
export function halveLevel(level: PeakLevel): PeakLevel {
  const src = level.data;
  const n = src.length >> 1;
  const m = Math.ceil(n / 2);
  const out = new Int8Array(m * 2);
  for (let i = 0; i < m; i++) {
    const a = 4 * i;
    let lo = src[a];
    let hi = src[a + 1];
    if (2 * i + 1 < n) {
      if (src[a + 2] < lo) lo = src[a + 2];
      if (src[a + 3] > hi) hi = src[a + 3];
    }
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
  }
  return { samplesPerPixel: level.samplesPerPixel * 2, data: out };
}

/** Base level plus coarser ones until a level fits in about minPixels (an overview of the whole file). */
export function buildLevels(base: PeakLevel, minPixels = 1024): PeakLevel[] {
  const levels = [base];
  while (levels[levels.length - 1].data.length / 2 > minPixels) levels.push(halveLevel(levels[levels.length - 1]));
  return levels;
}

/** Merges every `factor` pixels of int8 min,max pairs into one (the last one may cover fewer). */
export function aggregate(data: Int8Array, factor: number): Int8Array {
  const n = data.length >> 1;
  const out = new Int8Array(Math.ceil(n / factor) * 2);
  for (let p = 0, from = 0; from < n; p++, from += factor) {
    const to = Math.min(n, from + factor);
    let lo = 127;
    let hi = -128;
    for (let i = from; i < to; i++) {
      if (data[2 * i] < lo) lo = data[2 * i];
      if (data[2 * i + 1] > hi) hi = data[2 * i + 1];
    }
    out[2 * p] = lo;
    out[2 * p + 1] = hi;
  }
  return out;
}

/** Wraps an int8 level in BBC's waveform-data binary format (version 1, 8-bit), for peaks.js / WaveformData.create. */
export function toWaveformDat(data: Int8Array, sampleRate: number, samplesPerPixel: number): Buffer {
  const header = Buffer.alloc(20);
  header.writeInt32LE(1, 0);
  header.writeUInt32LE(1, 4); // flags: bit 0 set = 8-bit values
  header.writeInt32LE(sampleRate, 8);
  header.writeInt32LE(samplesPerPixel, 12);
  header.writeUInt32LE(data.length >> 1, 16);
  return Buffer.concat([header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}
