// Streaming mono mix + resampling to 16 kHz (what Silero VAD expects), with a windowed-sinc low-pass so energy above
// 8 kHz does not alias into the speech band. Works block by block; keeps only a few dozen samples between blocks.
import type { PcmBlock } from '../decode.ts';

export const VAD_RATE = 16_000;
const HALF_TAPS = 16;
const TAPS = 2 * HALF_TAPS;
const PHASES = 256;

/** Hann-windowed sinc low-pass at `cutoff` (fraction of the input Nyquist), one normalised row of taps per phase. */
function buildKernel(cutoff: number): Float32Array {
  const k = new Float32Array((PHASES + 1) * TAPS);
  for (let ph = 0; ph <= PHASES; ph++) {
    const frac = ph / PHASES;
    let sum = 0;
    for (let t = 0; t < TAPS; t++) {
      const x = t - HALF_TAPS + 1 - frac;
      const w = 0.5 + 0.5 * Math.cos((Math.PI * x) / HALF_TAPS);
      const s = x === 0 ? cutoff : Math.sin(Math.PI * cutoff * x) / (Math.PI * x);
      k[ph * TAPS + t] = s * w;
      sum += s * w;
    }
    for (let t = 0; t < TAPS; t++) k[ph * TAPS + t] /= sum;
  }
  return k;
}

export class MonoResampler {
  private buf = new Float32Array(0);
  /** Input position (in samples of the current buffer) of the next output sample. */
  private pos = 0;
  private rate = 0;
  private kernel: Float32Array | null = null;

  /** Copies what it needs from the block at once: decoders may reuse their output memory after this returns. */
  push(block: PcmBlock): Float32Array {
    const mono = mix(block.channelData);
    if (block.sampleRate === VAD_RATE) return mono;
    if (this.rate && this.rate !== block.sampleRate) throw new Error('sample rate changed inside the file');
    this.rate = block.sampleRate;
    const joined = new Float32Array(this.buf.length + mono.length);
    joined.set(this.buf);
    joined.set(mono, this.buf.length);
    const step = this.rate / VAD_RATE;
    const kernel = (this.kernel ??= buildKernel(Math.min(1, VAD_RATE / this.rate) * 0.92));
    const out = new Float32Array(Math.max(0, Math.ceil((joined.length - HALF_TAPS - this.pos) / step) + 1));
    let n = 0;
    let p = this.pos;
    while (Math.floor(p) + HALF_TAPS < joined.length) {
      const centre = Math.floor(p);
      // Nearest precomputed phase: 1/PHASES of a sample is far below what a speech detector can notice.
      const row = Math.round((p - centre) * PHASES) * TAPS;
      let acc = 0;
      for (let k = 0, i = centre - HALF_TAPS + 1; k < TAPS; k++, i++) if (i >= 0) acc += joined[i] * kernel[row + k];
      out[n++] = acc;
      p += step;
    }
    // Keep the samples the next outputs still reach back to.
    const keepFrom = Math.max(0, Math.floor(p) - HALF_TAPS);
    this.buf = joined.slice(keepFrom);
    this.pos = p - keepFrom;
    return out.subarray(0, n);
  }
}

function mix(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0].slice();
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) out[i] += ch[i];
  for (let i = 0; i < n; i++) out[i] /= channels.length;
  return out;
}
