// Spectrogram columns from decoded PCM blocks, in one streaming pass: the mono mix is cut into frames of `size`
// samples (no overlap, so columns line up with the waveform's peak pixels: `size` is a multiple of the finest
// peaks level), each frame Hann-windowed and transformed with fft.js, and its power spectrum pooled (max) into
// SPECTROGRAM_BINS bands from 0 Hz to Nyquist and quantized to one byte each (0 = DB_FLOOR dB or less, 255 = 0 dB,
// a full-scale sine). Coarser levels halve the one below (max of each pair of columns), as the peaks do.
import FFT from 'fft.js';
import { BASE_SAMPLES_PER_PIXEL, SPECTROGRAM_BINS, SPECTROGRAM_DB_FLOOR } from '../../shared/api/audio.ts';
import type { PcmBlock } from './decode.ts';

/** Frame (and FFT) size for a sample rate: about 32 columns a second, a power of two ≥ the finest peaks level. */
export function frameSize(sampleRate: number): number {
  let n = BASE_SAMPLES_PER_PIXEL;
  while (n < sampleRate / 32) n *= 2;
  return n;
}

/** Feeds PCM blocks, hands out finished columns (SPECTROGRAM_BINS bytes each) in batches to `emit`. */
export class SpectrogramBuilder {
  readonly size: number;
  private readonly fft: FFT;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly spectrum: Float64Array;
  private filled = 0;
  private batch: Uint8Array;
  private batchCols = 0;
  columns = 0;

  constructor(sampleRate: number, private readonly emit: (columns: Uint8Array) => void, batchColumns = 4096) {
    this.size = frameSize(sampleRate);
    this.fft = new FFT(this.size);
    this.window = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / this.size);
    this.frame = new Float64Array(this.size);
    this.spectrum = new Float64Array(this.size * 2);
    this.batch = new Uint8Array(batchColumns * SPECTROGRAM_BINS);
  }

  push(block: PcmBlock): void {
    const chans = block.channelData;
    const n = chans[0]?.length ?? 0;
    const scale = 1 / chans.length;
    for (let i = 0; i < n; ) {
      const take = Math.min(n - i, this.size - this.filled);
      for (let j = 0; j < take; j++) {
        let v = 0;
        for (const ch of chans) v += ch[i + j];
        this.frame[this.filled + j] = v * scale;
      }
      this.filled += take;
      i += take;
      if (this.filled === this.size) this.column();
    }
  }

  /** Pads and emits a last partial frame, then whatever is batched. */
  finish(): void {
    if (this.filled > 0) {
      this.frame.fill(0, this.filled);
      this.column();
    }
    this.flush();
  }

  private column(): void {
    const { size, frame, window, spectrum } = this;
    for (let i = 0; i < size; i++) frame[i] *= window[i];
    this.fft.realTransform(spectrum, frame);
    // A full-scale sine under a Hann window peaks at size/4 in magnitude: that is 0 dB.
    const norm = 16 / (size * size);
    const per = size / 2 / SPECTROGRAM_BINS;
    const out = this.batch;
    const at = this.batchCols * SPECTROGRAM_BINS;
    const k = 255 / -SPECTROGRAM_DB_FLOOR;
    for (let b = 0; b < SPECTROGRAM_BINS; b++) {
      let p = 0;
      for (let j = b * per, end = j + per; j < end; j++) {
        const re = spectrum[2 * j], im = spectrum[2 * j + 1];
        const q = re * re + im * im;
        if (q > p) p = q;
      }
      const db = 10 * Math.log10(p * norm + 1e-20);
      const v = (db - SPECTROGRAM_DB_FLOOR) * k;
      out[at + b] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
    this.filled = 0;
    this.columns++;
    if (++this.batchCols * SPECTROGRAM_BINS === out.length) this.flush();
  }

  private flush(): void {
    if (this.batchCols === 0) return;
    this.emit(this.batch.slice(0, this.batchCols * SPECTROGRAM_BINS));
    this.batchCols = 0;
  }
}

/** Halves columns: each output column is the bin-wise max of two input columns (the last may stand alone). */
export function halveColumns(src: Uint8Array): Uint8Array {
  const cols = src.length / SPECTROGRAM_BINS;
  const m = Math.ceil(cols / 2);
  const out = new Uint8Array(m * SPECTROGRAM_BINS);
  for (let c = 0; c < m; c++) {
    const a = 2 * c * SPECTROGRAM_BINS;
    const o = c * SPECTROGRAM_BINS;
    if (2 * c + 1 < cols) {
      const b = a + SPECTROGRAM_BINS;
      for (let k = 0; k < SPECTROGRAM_BINS; k++) out[o + k] = src[a + k] > src[b + k] ? src[a + k] : src[b + k];
    } else out.set(src.subarray(a, a + SPECTROGRAM_BINS), o);
  }
  return out;
}
