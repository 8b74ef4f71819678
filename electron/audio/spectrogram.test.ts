// The spectrogram as a user sees it: a pure tone lights the band of its frequency at its loudness and leaves the
// rest dark; the core computes it once as a job from a real file, serves it by range, and a Cancel leaves nothing
// that looks like a finished cache.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { SPECTROGRAM_BINS, SPECTROGRAM_DB_FLOOR, spectrogramMediaPath, type SpectrogramInfo } from '../../shared/api/audio.ts';
import type { JobProgress } from '../../shared/domain.ts';
import { SpectrogramBuilder, frameSize, halveColumns } from './spectrogram.ts';
import { writeWav } from './testing/synth.ts';

const dbOf = (byte: number) => SPECTROGRAM_DB_FLOOR + (byte * -SPECTROGRAM_DB_FLOOR) / 255;

/** Columns of a signal fed in uneven blocks (as a decoder hands them out). */
function columnsOf(sampleRate: number, seconds: number, signal: (t: number) => number, channels = 1): Uint8Array[] {
  const cols: Uint8Array[] = [];
  const b = new SpectrogramBuilder(sampleRate, (batch) => {
    for (let i = 0; i < batch.length; i += SPECTROGRAM_BINS) cols.push(batch.slice(i, i + SPECTROGRAM_BINS));
  }, 7);
  const total = Math.round(sampleRate * seconds);
  for (let at = 0, n = 1000; at < total; at += n, n = n === 1000 ? 3333 : 1000) {
    const len = Math.min(n, total - at);
    const ch = new Float32Array(len);
    for (let i = 0; i < len; i++) ch[i] = signal((at + i) / sampleRate);
    b.push({ channelData: Array.from({ length: channels }, () => ch), sampleRate });
  }
  b.finish();
  return cols;
}

const argmax = (col: Uint8Array) => col.reduce((best, v, i) => (v > col[best] ? i : best), 0);

describe('spectrogram columns', () => {
  it('a pure tone lands in the band of its frequency, at its level, with the other bands far below', () => {
    for (const [rate, hz] of [[16_000, 1000], [16_000, 3000], [44_100, 5000]]) {
      const cols = columnsOf(rate, 2, (t) => 0.5 * Math.sin(2 * Math.PI * hz * t));
      const size = frameSize(rate);
      expect(cols.length).toBe(Math.ceil((2 * rate) / size));
      const band = Math.floor(hz / (rate / 2 / SPECTROGRAM_BINS));
      for (const col of cols.slice(1, -1)) {
        expect(argmax(col)).toBe(band);
        // Amplitude 0.5 is -6 dB of full scale (within the Hann window's scalloping loss).
        expect(dbOf(col[band])).toBeGreaterThan(-10);
        expect(dbOf(col[band])).toBeLessThan(-4);
        for (let k = 0; k < SPECTROGRAM_BINS; k++) if (Math.abs(k - band) > 2) expect(dbOf(col[k])).toBeLessThan(dbOf(col[band]) - 30);
      }
    }
  });

  it('silence is at the floor; stereo is mixed to mono; about 32 columns a second', () => {
    expect(columnsOf(16_000, 0.5, () => 0).every((c) => c.every((v) => v === 0))).toBe(true);
    const stereo = columnsOf(16_000, 0.5, (t) => 0.5 * Math.sin(2 * Math.PI * 1000 * t), 2);
    expect(argmax(stereo[3])).toBe(16);
    expect(frameSize(16_000)).toBe(512);
    expect(frameSize(48_000)).toBe(2048);
    expect(frameSize(8_000)).toBe(256);
  });

  it('a coarser level keeps the louder of each pair of columns', () => {
    const a = new Uint8Array(SPECTROGRAM_BINS * 3).map((_, i) => (i < SPECTROGRAM_BINS ? 10 : i < 2 * SPECTROGRAM_BINS ? 20 : 5));
    const h = halveColumns(a);
    expect(h.length).toBe(2 * SPECTROGRAM_BINS);
    expect(h[0]).toBe(20);
    expect(h[SPECTROGRAM_BINS]).toBe(5);
  });
});

describe('spectrogram in the core', () => {
  let dir: string;
  let core: Core;
  let projectId: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-spectro-'));
    core = createCore({ dataDir: path.join(dir, 'data') });
    projectId = core.projects.create({ name: 'S' }).id;
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  async function importWav(name: string, seconds: number, signal: (t: number) => number): Promise<string> {
    const f = path.join(dir, name);
    writeWav(f, { sampleRate: 16000, channels: 1, seconds, signal });
    await core.imports.importPaths(projectId, [f]);
    return core.tasks.get(core.tasks.list(projectId, {}).find((t) => t.name === name)!.id).assetId;
  }
  const served = async (sub: string) => {
    for (const r of core.mediaRoutes) {
      const hit = await r(sub);
      if (hit) return (hit as { body: Buffer }).body;
    }
    return undefined;
  };
  const spectroDir = () => path.join(dir, 'data', 'spectrograms');

  it('computes once from the file, serves columns by range, and answers later calls from the cache', async () => {
    // A 2 kHz tone for the first 3 s, then 500 Hz.
    const id = await importWav('two-tones.wav', 6, (t) => 0.4 * Math.sin(2 * Math.PI * (t < 3 ? 2000 : 500) * t));
    expect(await served(spectrogramMediaPath(id, 512, { start: 0, count: 10 }))).toBeUndefined(); // not computed yet
    const [a, b] = await Promise.all([core.dispatch('audio.spectrogram', [id]), core.dispatch('audio.spectrogram', [id])]);
    expect(a).toEqual(b);
    const info = (a as { ok: true; value: SpectrogramInfo }).value;
    expect(info).toMatchObject({ sampleRate: 16000, frameSize: 512, bins: SPECTROGRAM_BINS, levels: [{ hop: 512, length: 188 }] });
    const early = (await served(spectrogramMediaPath(id, 512, { start: 10, count: 2 })))!;
    const late = (await served(spectrogramMediaPath(id, 512, { start: 150, count: 100 })))!;
    expect(early.length).toBe(2 * SPECTROGRAM_BINS);
    expect(late.length).toBe(38 * SPECTROGRAM_BINS); // only what exists past the end
    expect(argmax(early.subarray(0, SPECTROGRAM_BINS))).toBe(32);
    expect(argmax(late.subarray(0, SPECTROGRAM_BINS))).toBe(8);
    // Ranges that are too long, or a level that does not exist, are not served.
    expect(await served(spectrogramMediaPath(id, 512, { start: 0, count: 999_999 }))).toBeUndefined();
    expect(await served(spectrogramMediaPath(id, 1536, { start: 0, count: 1 }))).toBeUndefined();
    const again = createCore({ dataDir: path.join(dir, 'data') });
    try {
      const t0 = performance.now();
      expect(await again.dispatch('audio.spectrogram', [id])).toEqual(a);
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      await again.close();
    }
  });

  it('Cancel mid-computation leaves no cache and no partial files; a later call computes it whole', async () => {
    const id = await importWav('long.wav', 200, (t) => 0.3 * Math.sin(t * 3000));
    const off = core.events.subscribe((name, p) => {
      const prog = p as JobProgress;
      if (name === 'progress' && prog.state === 'running' && prog.jobId === `spectrogram:${id}` && prog.done > 0) core.jobs.cancel(prog.jobId);
    });
    const r = await core.dispatch('audio.spectrogram', [id]);
    off();
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fs.readdirSync(spectroDir()).filter((f) => f.startsWith(id))).toEqual([]);
    expect(await served(spectrogramMediaPath(id, 512, { start: 0, count: 1 }))).toBeUndefined();
    const r2 = await core.dispatch('audio.spectrogram', [id]);
    expect(r2).toMatchObject({ ok: true, value: { levels: [{ hop: 512, length: 6250 }, { hop: 1024 }, { hop: 2048 }, { hop: 4096, length: 782 }] } });
    expect(fs.readdirSync(spectroDir()).filter((f) => f.startsWith(id))).toEqual([`${id}-v1`]);
  });
});
