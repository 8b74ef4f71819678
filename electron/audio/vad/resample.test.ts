// The VAD front end: resampling keeps speech-band tones and removes what would alias; the segmenter's hysteresis,
// hangover and minimum length behave as documented.
import { describe, it, expect } from 'vitest';
import { MonoResampler, VAD_RATE } from './resample.ts';
import { SpeechSegmenter } from './segmenter.ts';

function toneThrough(rate: number, freq: number, seconds = 1, blockSize = 4096): Float32Array {
  const r = new MonoResampler();
  const parts: Float32Array[] = [];
  const total = Math.round(rate * seconds);
  for (let s = 0; s < total; s += blockSize) {
    const n = Math.min(blockSize, total - s);
    const left = new Float32Array(n);
    const right = new Float32Array(n);
    for (let i = 0; i < n; i++) left[i] = right[i] = 0.5 * Math.sin((2 * Math.PI * freq * (s + i)) / rate);
    parts.push(r.push({ channelData: [left, right], sampleRate: rate }));
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('MonoResampler', () => {
  for (const rate of [44_100, 48_000, 22_050, 8_000]) {
    it(`${rate} Hz → 16 kHz keeps the length and a 300 Hz tone's level and phase across blocks`, () => {
      const out = toneThrough(rate, 300);
      // the last 16 input samples wait for taps that never come (2 ms at 8 kHz; nothing a detector misses)
      expect(VAD_RATE - out.length).toBeGreaterThanOrEqual(0);
      expect(VAD_RATE - out.length).toBeLessThanOrEqual(Math.ceil((16 * VAD_RATE) / rate));
      const mid = out.subarray(1000, 15000);
      expect(rms(mid)).toBeCloseTo(0.5 / Math.SQRT2, 2);
      // A clean sine: compare with the ideal one at 16 kHz (no clicks where blocks meet)
      let err = 0;
      for (let i = 1000; i < 15000; i++) err = Math.max(err, Math.abs(out[i] - 0.5 * Math.sin((2 * Math.PI * 300 * i) / VAD_RATE)));
      expect(err).toBeLessThan(0.02);
    });
  }

  it('removes a 12 kHz tone from 48 kHz audio instead of folding it to 4 kHz', () => {
    expect(rms(toneThrough(48_000, 12_000).subarray(1000, 15000))).toBeLessThan(0.01);
  });
});

describe('SpeechSegmenter', () => {
  const run = (probs: number[]) => {
    const s = new SpeechSegmenter({ frameSeconds: 0.1, startThreshold: 0.5, endThreshold: 0.35, minSilenceMs: 300, minSpeechMs: 250, padMs: 0 });
    for (const p of probs) s.push(p);
    return s.finish(probs.length * 0.1);
  };

  it('bridges pauses shorter than the hangover and splits at longer ones', () => {
    //          speech 0–0.5 | 0.2 s dip (bridged)      | speech        | 0.5 s silence (split) | speech to the end
    const probs = [0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.8, 0.8, 0.8];
    expect(run(probs)).toEqual([{ start: 0, end: 1 }, { start: 1.5, end: 1.8 }]);
  });

  it('holds speech between the two thresholds (hysteresis) and drops blips shorter than the minimum', () => {
    expect(run([0.6, 0.4, 0.4, 0.4, 0.4, 0.1, 0.1, 0.1, 0.1])).toEqual([{ start: 0, end: 0.5 }]);
    expect(run([0.1, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1])).toEqual([]);
  });
});
