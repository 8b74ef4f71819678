// What the page gets over the local web server: the original audio by range (playback streams, nothing decoded
// in the page), and a level of peaks as binary once prepare has run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { startWebServer, type WebServer } from '../server/webServer.ts';
import { peaksMediaPath, type AudioInfo } from '../../shared/api/audio.ts';
import { writeWav } from './testing/synth.ts';

let dir: string;
let core: Core;
let server: WebServer;
let base: string;
let sha: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-audiohttp-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  const f = path.join(dir, 'talk.wav');
  writeWav(f, { sampleRate: 16000, channels: 1, seconds: 30, signal: (t) => 0.5 * Math.sin(t * 2000) });
  const p = core.projects.create({ name: 'P' });
  await core.imports.importPaths(p.id, [f]);
  sha = core.tasks.list(p.id, {})[0].assetId;
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  server = await startWebServer({ core, port: 0, staticDir });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (sub: string, headers: Record<string, string> = {}) => fetch(`${base}/media/${sub}`, { headers: { 'x-tagger-token': server.token, ...headers } });

describe('audio over the web server', () => {
  it('streams the original file by byte range for playback', async () => {
    const r = await get(sha, { range: 'bytes=44-1067' });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-type')).toBe('audio/wav');
    expect((await r.arrayBuffer()).byteLength).toBe(1024);
  });

  it('serves binary peaks only after prepare, with the length the levels promise', async () => {
    expect((await get(peaksMediaPath(sha, 256))).status).toBe(404);
    const info = (await (await fetch(`${base}/api/call/audio.prepare`, { method: 'POST', headers: { 'x-tagger-token': server.token, 'content-type': 'application/json' }, body: JSON.stringify([sha]) })).json()) as { ok: boolean; value: AudioInfo };
    expect(info.ok).toBe(true);
    for (const level of info.value.levels) {
      const r = await get(peaksMediaPath(sha, level.samplesPerPixel));
      expect(r.status).toBe(200);
      const bytes = new Int8Array(await r.arrayBuffer());
      expect(bytes.length).toBe(level.length * 2);
      expect(Math.max(...bytes)).toBeGreaterThanOrEqual(62);
    }
    expect((await get(`peaks/${sha}/300.bin`)).status).toBe(404); // not a multiple of the base level
    // The page's read: a range of a level, the same bytes as that slice of the whole level
    const finest = info.value.levels[0];
    const whole = new Int8Array(await (await get(peaksMediaPath(sha, finest.samplesPerPixel))).arrayBuffer());
    const part = await get(peaksMediaPath(sha, finest.samplesPerPixel, { start: 10, count: 5 }));
    expect(part.headers.get('content-type')).toBe('application/octet-stream');
    expect(Array.from(new Int8Array(await part.arrayBuffer()))).toEqual(Array.from(whole.subarray(20, 30)));
  });
});
