// Test and bench audio made at run time (nothing big is committed): a streaming WAV writer, speech-like bursts,
// and ffmpeg conversions to MP3 / FLAC / Ogg (ffmpeg is on the build machines; users never need it).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface WavSpec {
  sampleRate: number;
  channels: number;
  seconds: number;
  bitsPerSample?: 8 | 16 | 24 | 32;
  float?: boolean;
  /** Sample value in -1..1 at time t (seconds) on channel c. */
  signal: (t: number, c: number) => number;
}

export function wavHeader(spec: Omit<WavSpec, 'signal' | 'seconds'>, frames: number): Buffer {
  const bits = spec.bitsPerSample ?? 16;
  const blockAlign = (spec.channels * bits) / 8;
  const dataBytes = frames * blockAlign;
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVEfmt ', 8, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(spec.float ? 3 : 1, 20);
  h.writeUInt16LE(spec.channels, 22);
  h.writeUInt32LE(spec.sampleRate, 24);
  h.writeUInt32LE(spec.sampleRate * blockAlign, 28);
  h.writeUInt16LE(blockAlign, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Writes a WAV in one-second chunks, so hour-long files need no memory. */
export function writeWav(file: string, spec: WavSpec): void {
  const bits = spec.bitsPerSample ?? 16;
  const frames = Math.round(spec.seconds * spec.sampleRate);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, wavHeader(spec, frames));
    const bytes = bits / 8;
    const chunk = Buffer.alloc(spec.sampleRate * spec.channels * bytes);
    for (let start = 0; start < frames; start += spec.sampleRate) {
      const n = Math.min(spec.sampleRate, frames - start);
      let p = 0;
      for (let i = 0; i < n; i++) {
        const t = (start + i) / spec.sampleRate;
        for (let c = 0; c < spec.channels; c++) {
          const v = Math.max(-1, Math.min(1, spec.signal(t, c)));
          if (spec.float) chunk.writeFloatLE(v, p);
          else if (bits === 8) chunk[p] = Math.round(v * 127) + 128;
          else if (bits === 16) chunk.writeInt16LE(Math.round(v * 32767), p);
          else if (bits === 24) chunk.writeIntLE(Math.round(v * 8388607), p, 3);
          else chunk.writeInt32LE(Math.round(v * 2147483647), p);
          p += bytes;
        }
      }
      fs.writeSync(fd, chunk, 0, p);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Cheap deterministic noise (a hash of the sample index), so tests do not depend on Math.random. */
export function noise(t: number): number {
  const x = Math.sin(t * 12_345.678 * 1000) * 43_758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** Voiced-speech-like sound: a 130 Hz buzz with formant-ish harmonics, amplitude-modulated at syllable rate. */
export function voiced(t: number): number {
  const f0 = 130 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
  let v = 0;
  for (let k = 1; k <= 12; k++) v += Math.sin(2 * Math.PI * f0 * k * t) / k * (k === 4 || k === 7 ? 2 : 1);
  const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
  return 0.25 * v * syllable;
}

export function ffmpeg(input: string, output: string, ...codecArgs: string[]): void {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', input, ...codecArgs, output], { stdio: 'pipe' });
}

/** Whether espeak-ng is installed, for the tests that need real speech (they are skipped without it). */
export function haveEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
