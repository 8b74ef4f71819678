// Streaming mono mix + resampling to 16 kHz (what Silero VAD expects), with a windowed-sinc low-pass so energy above
// 8 kHz does not alias into the speech band. Works block by block; keeps only a few dozen samples between blocks.
import type { PcmBlock } from '../decode.ts';

export const VAD_RATE = 16_000;
const HALF_TAPS = 16;

export class MonoResampler {
  private buf = new Float32Array(0);
  /** Input position (in samples of the current buffer) of the next output sample. */
  private pos = 0;
  private rate = 0;

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
    // Below the input rate's Nyquist, cut at the output's (with a little room for the transition band).
    const cutoff = Math.min(1, VAD_RATE / this.rate) * 0.92;
    const out: number[] = [];
    let p = this.pos;
    while (Math.floor(p) + HALF_TAPS < joined.length) {
      const centre = Math.floor(p);
      const frac = p - centre;
      let acc = 0;
      let norm = 0;
      for (let k = -HALF_TAPS + 1; k <= HALF_TAPS; k++) {
        const i = centre + k;
        if (i < 0) continue;
        const x = k - frac;
        const w = 0.5 + 0.5 * Math.cos((Math.PI * x) / HALF_TAPS); // Hann window
        const s = x === 0 ? cutoff : Math.sin(Math.PI * cutoff * x) / (Math.PI * x);
        acc += joined[i] * s * w;
        norm += s * w;
      }
      out.push(norm ? acc / norm : 0);
      p += step;
    }
    // Keep the samples the next outputs still reach back to.
    const keepFrom = Math.max(0, Math.floor(p) - HALF_TAPS);
    this.buf = joined.slice(keepFrom);
    this.pos = p - keepFrom;
    return Float32Array.from(out);
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

/** Cuts a stream of samples into fixed frames, carrying the remainder between pushes. */
export class Framer {
  private rest = new Float32Array(0);
  constructor(private readonly size: number) {}
  push(samples: Float32Array): Float32Array[] {
    const all = new Float32Array(this.rest.length + samples.length);
    all.set(this.rest);
    all.set(samples, this.rest.length);
    const frames: Float32Array[] = [];
    let i = 0;
    for (; i + this.size <= all.length; i += this.size) frames.push(all.subarray(i, i + this.size));
    this.rest = all.slice(i);
    return frames;
  }
}
