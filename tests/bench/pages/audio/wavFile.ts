// Writes long 16-bit PCM WAV files for the audio benchmark and the long-file e2e test: speech-like bursts of a
// few tones separated by pauses, streamed to disk in blocks so an hour never sits in memory.
import fs from 'node:fs';

export function writeLongWav(file: string, seconds: number, sampleRate = 16_000): void {
  const frames = Math.round(seconds * sampleRate);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + frames * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(frames * 2, 40);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, header);
    // One 4-second pattern (burst, pause, quieter burst, pause) with a per-block gain, so the envelope varies.
    const pattern = new Int16Array(sampleRate * 4);
    for (let i = 0; i < pattern.length; i++) {
      const t = i / sampleRate;
      const on = (t % 4 < 1.4) || (t % 4 > 2 && t % 4 < 3.1);
      const env = on ? Math.sin(Math.PI * ((t % 2) / 1.4)) ** 2 : 0;
      pattern[i] = Math.round(12_000 * env * (Math.sin(2 * Math.PI * 220 * t) * 0.6 + Math.sin(2 * Math.PI * 530 * t) * 0.3));
    }
    const block = Buffer.alloc(pattern.length * 2);
    let written = 0, n = 0;
    while (written < frames) {
      const gain = 0.35 + 0.65 * Math.abs(Math.sin(n++ * 0.37));
      const count = Math.min(pattern.length, frames - written);
      for (let i = 0; i < count; i++) block.writeInt16LE(Math.round(pattern[i] * gain), i * 2);
      fs.writeSync(fd, block, 0, count * 2);
      written += count;
    }
  } finally {
    fs.closeSync(fd);
  }
}
