// Waveform peaks through the contract and the binary peaks route: WAV of every sample format, MP3 / FLAC / Ogg Vorbis / Ogg Opus made by
// ffmpeg at test time, cached after the first prepare, shared by concurrent callers, damaged files explained.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { peaksMediaPath, type AudioInfo } from '../../shared/api/audio.ts';
import { isTaggerError } from '../../shared/errors.ts';
import type { JobProgress } from '../../shared/domain.ts';
import { ffmpeg, writeWav } from './testing/synth.ts';

let dir: string;
let core: Core;
let projectId: string;

/** Silence for the first second, a full-scale-ish 440 Hz tone (amplitude 0.5) for the second. */
const toneAfterSilence = (t: number) => (t < 1 ? 0 : 0.5 * Math.sin(2 * Math.PI * 440 * t));

async function importFile(file: string): Promise<string> {
  const r = await core.imports.importPaths(projectId, [file]);
  expect(r.failed).toEqual([]);
  const t = core.tasks.list(projectId, {}).find((x) => x.name === path.basename(file));
  return core.tasks.get(t!.id).assetId;
}

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** What a media route serves for a sub-path, or undefined (404). */
async function route(sub: string): Promise<{ body: Buffer } | undefined> {
  for (const r of core.mediaRoutes) {
    const hit = await r(sub);
    if (hit) return hit as { body: Buffer };
  }
  return undefined;
}

/** Peaks of a range as the page reads them (after prepare, from the binary route), split into min and max. */
async function peaks(id: string, samplesPerPixel: number, startIndex: number, count: number) {
  await call('audio.prepare', [id]);
  const hit = await route(peaksMediaPath(id, samplesPerPixel, { start: startIndex, count }));
  if (!hit) throw new Error(`no peaks served for ${samplesPerPixel} spp`);
  const pairs = Array.from(new Int8Array(hit.body.buffer, hit.body.byteOffset, hit.body.length));
  return { samplesPerPixel, startIndex, min: pairs.filter((_, i) => i % 2 === 0), max: pairs.filter((_, i) => i % 2 === 1) };
}

function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isTaggerError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-audio-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  projectId = core.projects.create({ name: 'A' }).id;
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audio peaks of WAV files', () => {
  it('prepare reports duration, rate, channels and levels that halve; peaks show silence then the tone', async () => {
    const f = path.join(dir, 'tone.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 2, signal: toneAfterSilence });
    const id = await importFile(f);
    const info = await call<AudioInfo>('audio.prepare', [id]);
    expect(info).toMatchObject({ durationMs: 2000, sampleRate: 16000, channels: 1, frames: 32000, warning: null });
    expect(info.levels[0]).toEqual({ samplesPerPixel: 256, length: 125 });
    const p = await peaks(id, 256, 0, 125);
    expect(p.min).toHaveLength(125);
    expect(Math.max(...p.max.slice(0, 62))).toBe(0); // first second: silence
    expect(p.max[100]).toBeGreaterThanOrEqual(62); // tone at 0.5 → ~63
    expect(p.max[100]).toBeLessThanOrEqual(64);
    expect(p.min[100]).toBeLessThanOrEqual(-62);
    // A coarser view merges pixels: 1024 spp = 4 base pixels
    const coarse = await peaks(id, 1024, 0, 100);
    expect(coarse.min).toHaveLength(32);
    expect(coarse.max[0]).toBe(0);
    expect(coarse.max[30]).toBeGreaterThanOrEqual(62);
  });

  for (const [bits, float] of [[8, false], [16, false], [24, false], [32, false], [32, true]] as const) {
    it(`reads ${bits}-bit ${float ? 'float' : 'PCM'} stereo at the same level`, async () => {
      const f = path.join(dir, `fmt-${bits}-${float}.wav`);
      writeWav(f, { sampleRate: 8000, channels: 2, seconds: 2, bitsPerSample: bits, float, signal: (t, c) => (c === 1 ? toneAfterSilence(t) : 0) });
      const id = await importFile(f);
      const info = await call<AudioInfo>('audio.prepare', [id]);
      expect(info).toMatchObject({ sampleRate: 8000, channels: 2, durationMs: 2000 });
      const p = await peaks(id, 256, 0, 1000);
      expect(p.max).toHaveLength(63);
      expect(p.max[10]).toBe(0);
      expect(p.max[50]).toBeGreaterThanOrEqual(61);
      expect(p.max[50]).toBeLessThanOrEqual(64);
    });
  }

  it('computes once: concurrent prepares share one job, later ones come from SQLite', async () => {
    const f = path.join(dir, 'shared.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 20, signal: toneAfterSilence });
    const id = await importFile(f);
    const jobs = new Set<string>();
    const off = core.events.subscribe((name, p) => name === 'progress' && jobs.add((p as JobProgress).jobId));
    const [a, b, c] = await Promise.all([call<AudioInfo>('audio.prepare', [id]), call<AudioInfo>('audio.prepare', [id]), peaks(id, 256, 0, 10)]);
    expect(a).toEqual(b);
    expect(c.max).toHaveLength(10);
    expect(jobs.size).toBe(1);
    await call<AudioInfo>('audio.prepare', [id]);
    expect(jobs.size).toBe(1);
    off();
    const rows = core.db.prepare('SELECT count(*) FROM audio_info WHERE asset_id = ?').pluck().get(id);
    expect(rows).toBe(1);
  });

  it('Cancel stops the computation, caches nothing, and a later prepare computes afresh', async () => {
    const f = path.join(dir, 'long.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 200, signal: (t) => 0.3 * Math.sin(t * 3000) });
    const id = await importFile(f);
    const off = core.events.subscribe((name, p) => {
      const prog = p as JobProgress;
      if (name === 'progress' && prog.state === 'running' && prog.done > 0) core.jobs.cancel(prog.jobId);
    });
    const r = await core.dispatch('audio.prepare', [id]);
    off();
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(core.db.prepare('SELECT count(*) FROM audio_peaks WHERE asset_id = ?').pluck().get(id)).toBe(0);
    const info = await call<AudioInfo>('audio.prepare', [id]);
    expect(info.durationMs).toBe(200_000);
  });

  it('serves a level as binary int8 pairs and in waveform-data format through the media route', async () => {
    const f = path.join(dir, 'bin.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 2, signal: (t) => 0.9 * toneAfterSilence(t) });
    const id = await importFile(f);
    expect(await route(`peaks/${id}/256.bin`)).toBeUndefined(); // not computed yet: nothing served, nothing started
    await call('audio.prepare', [id]);
    const bin = (await route(`peaks/${id}/256.bin`))!.body;
    const json = await peaks(id, 256, 0, 200);
    expect(bin.length).toBe(250);
    expect(Array.from(new Int8Array(bin.buffer, bin.byteOffset, bin.length)).filter((_, i) => i % 2 === 1)).toEqual(json.max);
    const { default: WaveformData } = await import('waveform-data');
    const dat = (await route(`peaks/${id}/512.dat`))!.body;
    const wf = WaveformData.create(dat.buffer.slice(dat.byteOffset, dat.byteOffset + dat.length) as ArrayBuffer);
    expect(wf.length).toBe(63);
    expect(wf.scale).toBe(512);
    expect(wf.channel(0).max_sample(60)).toBe(json.max[120]);
    expect(json.max[120]).toBe(57); // 0.45 × 127
  });

  it('finds the audio of a WAV whose metadata chunks (bext, iXML …) push the data past the first 64 KB', async () => {
    const f = path.join(dir, 'bwf.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 2, signal: (t) => 0.25 * toneAfterSilence(t) });
    const wav = fs.readFileSync(f);
    const meta = Buffer.alloc(8 + 100_000);
    meta.write('bext', 0, 'latin1');
    meta.writeUInt32LE(100_000, 4);
    const out = Buffer.concat([wav.subarray(0, 36), meta, wav.subarray(36)]);
    out.writeUInt32LE(out.length - 8, 4);
    fs.writeFileSync(f, out);
    const id = await importFile(f);
    expect(core.assets.get(id).durationMs).toBe(2000);
    const info = await call<AudioInfo>('audio.prepare', [id]);
    expect(info).toMatchObject({ durationMs: 2000, warning: null });
    expect((await peaks(id, 256, 100, 1)).max).toEqual([16]); // 0.25 × 0.5 × 127
  });

  it('keeps peaks up to the damage of a truncated WAV, with a warning naming the file', async () => {
    const f = path.join(dir, 'cut.wav');
    writeWav(f, { sampleRate: 16000, channels: 1, seconds: 4, signal: toneAfterSilence });
    fs.truncateSync(f, 44 + 16000 * 2 * 3); // keep 3 of the 4 seconds the header promises
    const id = await importFile(f);
    const info = await call<AudioInfo>('audio.prepare', [id]);
    expect(info.durationMs).toBe(3000);
    expect(info.warning).toMatch(/cut\.wav is truncated: the audio stops at 0:03 \(the header promises 0:04\)/);
  });

  it('rejects a bad samplesPerPixel and an oversize count with field-level errors', async () => {
    const f = path.join(dir, 'tone.wav');
    const id = (await core.imports.importPaths(projectId, [f]), core.tasks.list(projectId, {}).find((x) => x.name === 'tone.wav')!.assetId);
    expect(thrown(() => core.audio.peakPairs(id, 300, 0, 10)).message).toMatch(/not a multiple of the finest level \(256\)/);
    expect(thrown(() => core.audio.peakPairs(id, 256, 0, 200_001)).code).toBe('invalid_argument');
    // The route serves neither (404), and starts nothing
    expect(await route(peaksMediaPath(id, 300, { start: 0, count: 10 }))).toBeUndefined();
    expect(await route(peaksMediaPath(id, 256, { start: 0, count: 200_001 }))).toBeUndefined();
    // Far past the end, or at a resolution far coarser than any stored level: short answers, quickly
    expect(await peaks(id, 256, 1_000_000, 10)).toEqual({ samplesPerPixel: 256, startIndex: 1_000_000, min: [], max: [] });
    const huge = await peaks(id, 256 * 2 ** 16, 0, 200_000);
    expect(huge.max).toEqual([64]); // the whole file in one pixel: the tone at 0.5 → round(63.5)
  });
});

describe('audio peaks of compressed files', () => {
  let source: string;
  beforeAll(() => {
    source = path.join(dir, 'src.wav');
    writeWav(source, { sampleRate: 44100, channels: 2, seconds: 3, signal: (t) => toneAfterSilence(t) });
  });

  for (const [ext, args, rate] of [
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '128k'], 44100],
    ['flac', ['-c:a', 'flac'], 44100],
    ['ogg', ['-c:a', 'libvorbis', '-q:a', '4'], 44100],
    ['opus', ['-c:a', 'libopus', '-b:a', '64k'], 48000],
  ] as const) {
    it(`decodes ${ext}: duration from the header at import, exact after prepare, and peaks match the WAV`, async () => {
      const f = path.join(dir, `c.${ext}`);
      ffmpeg(source, f, ...args);
      const id = await importFile(f);
      // The header's word at import (before any decode), made exact by prepare
      const imported = core.assets.get(id);
      expect(Math.abs(imported.durationMs! - 3000)).toBeLessThan(60);
      expect(imported.meta).toMatchObject({ sampleRate: rate, channels: 2 });
      const info = await call<AudioInfo>('audio.prepare', [id]);
      expect(info.sampleRate).toBe(rate);
      expect(info.channels).toBe(2);
      expect(Math.abs(info.durationMs - 3000)).toBeLessThan(80);
      expect(core.assets.get(id)).toMatchObject({ durationMs: info.durationMs, meta: { sampleRate: rate, channels: 2 } });
      const perSecond = rate / 256;
      const p = await peaks(id, 256, 0, Math.floor(perSecond * 3));
      expect(Math.max(...p.max.slice(5, Math.floor(perSecond * 0.8)))).toBeLessThanOrEqual(2);
      const loud = p.max[Math.floor(perSecond * 2)];
      expect(loud).toBeGreaterThanOrEqual(57);
      expect(loud).toBeLessThanOrEqual(70);
    });
  }

  for (const [ext, args] of [['flac', ['-c:a', 'flac']], ['mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']]] as const) {
    it(`says a truncated ${ext.toUpperCase()} is truncated (from its header's length) and keeps what was there`, async () => {
      const f = path.join(dir, `cut.${ext}`);
      ffmpeg(source, f, ...args);
      fs.truncateSync(f, Math.floor(fs.statSync(f).size * 0.6));
      const id = await importFile(f);
      const info = await call<AudioInfo>('audio.prepare', [id]);
      expect(info.durationMs).toBeGreaterThan(1000);
      expect(info.durationMs).toBeLessThan(2500);
      expect(info.warning).toMatch(new RegExp(`cut\\.${ext} is truncated: the audio stops at 0:01 \\(the header promises 0:03\\)`));
    });
  }

  for (const [ext, codec, args] of [['ogg', 'Vorbis', ['-c:a', 'libvorbis']], ['opus', 'Opus', ['-c:a', 'libopus']]] as const) {
    it(`says a truncated Ogg ${codec} file is truncated, and never pads it with invented audio`, async () => {
      const f = path.join(dir, `cut.${ext}`);
      ffmpeg(source, f, ...args);
      fs.truncateSync(f, Math.floor(fs.statSync(f).size * 0.6));
      const id = await importFile(f);
      const info = await call<AudioInfo>('audio.prepare', [id]);
      expect(info.durationMs).toBeGreaterThan(500);
      expect(info.durationMs).toBeLessThan(2500);
      expect(info.warning).toMatch(new RegExp(`cut\\.${ext} is truncated \\(its last Ogg page is missing or incomplete\\)`));
    });
  }

  it('import refuses unsupported codecs, empty files and non-audio with the file named and what to do', async () => {
    const adpcm = path.join(dir, 'adpcm.wav');
    ffmpeg(source, adpcm, '-c:a', 'adpcm_ms');
    const empty = path.join(dir, 'empty.flac');
    fs.writeFileSync(empty, '');
    const text = path.join(dir, 'notes.mp3');
    fs.writeFileSync(text, 'these are my notes, not audio');
    const oggFlac = path.join(dir, 'flac-in.ogg');
    ffmpeg(source, oggFlac, '-c:a', 'flac');
    const r = await core.imports.importPaths(projectId, [adpcm, empty, text, oggFlac]);
    expect(r.failed).toEqual([
      { path: adpcm, reason: expect.stringMatching(/WAV encoding 2 is not supported \(use PCM or float\)/) },
      { path: empty, reason: expect.stringMatching(/empty \(zero length\)/) },
      { path: text, reason: expect.stringMatching(/not a recognised audio file/) },
      // Ogg holding FLAC is found out when its first frames are decoded, and says plainly what to do
      { path: oggFlac, reason: 'flac-in.ogg holds FLAC inside Ogg, which is not supported; convert it to plain .flac.' },
    ]);
  });

  it('refuses at import an MP3 that is only noise, with a message naming the file', async () => {
    const f = path.join(dir, 'junk.mp3');
    const junk = Buffer.alloc(20000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
    junk[0] = 0x49; junk[1] = 0x44; junk[2] = 0x33; junk[3] = 3; junk.fill(0, 4, 10); // an ID3 tag with nothing after
    fs.writeFileSync(f, junk);
    const r = await core.imports.importPaths(projectId, [f]);
    expect(r.imported).toBe(0);
    expect(r.failed[0].reason).toMatch(/its first MP3 frames do not decode/);
  });
});
