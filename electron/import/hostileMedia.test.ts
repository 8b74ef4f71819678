// Hostile media at import: files whose headers are fine and whose content is not. Each is refused with a reason
// that says so, quickly, and leaves nothing behind — no task, no asset, no file in media/.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import { writeWav, voiced, ffmpeg } from '../audio/testing/synth.ts';

let core: Core;
let dir: string;
let projectId: string;
const noiseBytes = (n: number) => {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i += 64) crypto.createHash('sha512').update(`${i}`).digest().copy(out, i);
  return out;
};

/** A real JPEG whose frame header is rewritten to claim width × height. */
async function forgedJpeg(file: string, width: number, height: number) {
  const raw = Buffer.alloc(256 * 256 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
  const jpg = await sharp(raw, { raw: { width: 256, height: 256, channels: 3 } }).jpeg({ quality: 40 }).toBuffer();
  for (let i = 2; i < jpg.length; ) {
    if (jpg[i + 1] === 0xc0 || jpg[i + 1] === 0xc2) {
      jpg.writeUInt16BE(height, i + 5);
      jpg.writeUInt16BE(width, i + 7);
      break;
    }
    i += 2 + jpg.readUInt16BE(i + 2);
  }
  fs.writeFileSync(file, jpg);
}

/** The first `keep` bytes of a real file (signature and stream headers intact), then random bytes. */
function realHeadRandomBody(from: string, to: string, keep: number) {
  fs.writeFileSync(to, Buffer.concat([fs.readFileSync(from).subarray(0, keep), noiseBytes(200_000)]));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-hostile-'));
  core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-hostile-data-')) });
  projectId = core.projects.create({ name: 'Hostile' }).id;
  const wav = path.join(dir, 'speech.wav.src');
  writeWav(wav, { sampleRate: 16000, channels: 1, bitsPerSample: 16, seconds: 2, signal: voiced });
  ffmpeg(wav, path.join(dir, 'good.flac.src'), '-f', 'flac');
  ffmpeg(wav, path.join(dir, 'good.ogg.src'), '-c:a', 'libvorbis', '-f', 'ogg');
  ffmpeg(wav, path.join(dir, 'good.opus.src'), '-c:a', 'libopus', '-f', 'ogg');
}, 60000);
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importOne(name: string) {
  const t0 = performance.now();
  const report = await core.imports.importPaths(projectId, [path.join(dir, name)]);
  return { report, ms: performance.now() - t0 };
}

function mediaFiles(): string[] {
  const root = path.join(core.dataDir, 'media');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

describe('import refuses media whose content is not what its header says', () => {
  it('an 18 KB JPEG claiming 65000 × 65000 is refused at once by the pixel limit', async () => {
    await forgedJpeg(path.join(dir, 'gigapixel.jpg'), 65000, 65000);
    expect(fs.statSync(path.join(dir, 'gigapixel.jpg')).size).toBeLessThan(40_000);
    const { report, ms } = await importOne('gigapixel.jpg');
    expect(report.imported).toBe(0);
    expect(report.failed[0].reason).toMatch(/65000 × 65000 .*over the pixel limit of 2,000 megapixels/);
    expect(ms).toBeLessThan(3000);
  });

  it('a JPEG claiming 20000 × 20000 (under the limit) is refused: its bytes cannot hold that many pixels', async () => {
    await forgedJpeg(path.join(dir, 'forged.jpg'), 20000, 20000);
    const { report } = await importOne('forged.jpg');
    expect(report.failed[0].reason).toMatch(/declares 400,000,000 pixels but its .* bytes cannot hold them/);
  });

  it('FLAC, Ogg Vorbis and Ogg Opus with real headers and random content are refused by decoding their first frames', async () => {
    realHeadRandomBody(path.join(dir, 'good.flac.src'), path.join(dir, 'noise.flac'), 42);
    realHeadRandomBody(path.join(dir, 'good.ogg.src'), path.join(dir, 'noise.ogg'), 58);
    realHeadRandomBody(path.join(dir, 'good.opus.src'), path.join(dir, 'noise.opus'), 47);
    fs.writeFileSync(path.join(dir, 'magic.flac'), Buffer.concat([Buffer.from('fLaC'), noiseBytes(100_000)]));
    fs.writeFileSync(path.join(dir, 'magic.ogg'), Buffer.concat([Buffer.from('OggS'), noiseBytes(100_000)]));
    for (const f of ['noise.flac', 'noise.ogg', 'noise.opus', 'magic.flac', 'magic.ogg']) {
      const { report } = await importOne(f);
      expect(report.imported, f).toBe(0);
      expect(report.failed[0]?.reason, f).toMatch(/do not decode|not really|not supported|damaged/);
    }
  });

  it('left nothing behind, while real FLAC, Vorbis and Opus files still import', async () => {
    expect(core.tasks.list(projectId, {})).toHaveLength(0);
    expect(mediaFiles()).toEqual([]);
    for (const [src, name] of [['good.flac.src', 'ok.flac'], ['good.ogg.src', 'ok.ogg'], ['good.opus.src', 'ok.opus']]) fs.copyFileSync(path.join(dir, src), path.join(dir, name));
    const report = await core.imports.importPaths(projectId, ['ok.flac', 'ok.ogg', 'ok.opus'].map((f) => path.join(dir, f)));
    expect(report.failed).toEqual([]);
    expect(report.imported).toBe(3);
  });
});
