// Pyramids of large images: built once, levels halve down to one tile, tiles served by the media route, Cancel works.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import { tilePath, type ImagePyramid } from '../../shared/api/images.ts';
import type { JobProgress } from '../../shared/domain.ts';

let dir: string;
let core: Core;
let big: string;
let small: string;
let projectId: string;

/** A left-to-right red gradient, so that tiles at different places differ (a flat image would hide misplaced tiles). */
async function gradient(file: string, width: number, height: number) {
  const [w, h] = [50, 42];
  const seed = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) seed[(y * w + x) * 3] = Math.floor((x / w) * 255);
  await sharp(seed, { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'linear' }).png({ compressionLevel: 1 }).toFile(file);
}

async function assetId(name: string): Promise<string> {
  const t = core.tasks.list(projectId, {}).find((x) => x.name === name);
  return core.tasks.get(t!.id).assetId;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-pyr-'));
  await gradient(path.join(dir, 'big.png'), 5000, 4200);
  await gradient(path.join(dir, 'small.png'), 800, 600);
  core = createCore({ dataDir: path.join(dir, 'data') });
  projectId = core.projects.create({ name: 'P' }).id;
  const r = await core.imports.importPaths(projectId, [path.join(dir, 'big.png'), path.join(dir, 'small.png')]);
  expect(r.failed).toEqual([]);
  big = await assetId('big.png');
  small = await assetId('small.png');
}, 60000);

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('image pyramids', () => {
  it('answers null for an image small enough to show whole', async () => {
    expect(await core.dispatch('images.pyramid', [small])).toEqual({ ok: true, value: null });
    // Its tiles are not served (and not built), and a made-up id leaves no folder behind.
    const ghost = 'f'.repeat(64);
    for (const r of core.mediaRoutes) {
      expect(await r(tilePath(small, 0, 0, 0))).toBeNull();
      expect(await r(tilePath(ghost, 0, 0, 0))).toBeNull();
    }
    expect(fs.existsSync(path.join(core.media.root, 'derived', 'ff'))).toBe(false);
    expect(fs.existsSync(path.join(core.pyramids.dir(small), 'pyramid.json'))).toBe(false);
  });

  it('builds once for concurrent requests, halving levels down to one tile, and serves the tiles', async () => {
    const starts: JobProgress[] = [];
    const off = core.events.subscribe((name, p) => {
      const pr = p as JobProgress;
      if (name === 'progress' && pr.title.startsWith('Preparing tiles') && pr.state === 'running' && pr.done === 0) starts.push(pr);
    });
    const route = core.mediaRoutes;
    // A tile request and two pyramid() calls at once: all wait for the same single build.
    const tileReq = (async () => {
      for (const r of route) {
        const hit = await r(tilePath(big, 0, 9, 8));
        if (hit) return hit;
      }
      return null;
    })();
    const [a, b] = await Promise.all([core.dispatch('images.pyramid', [big]), core.dispatch('images.pyramid', [big])]);
    off();
    expect(a).toEqual(b);
    const p = (a as { ok: true; value: ImagePyramid }).value;
    expect(p).toEqual({ width: 5000, height: 4200, tileSize: 512, levels: 5, format: 'webp' });
    expect(new Set(starts.map((s) => s.jobId)).size).toBe(1);

    const hit = await tileReq;
    expect(hit && 'file' in hit ? hit.mime : null).toBe('image/webp');
    // The bottom-right tile of level 0 is the remainder: 5000 - 9*512 = 392 wide, 4200 - 8*512 = 104 high.
    const corner = await sharp((hit as { file: string }).file).metadata();
    expect([corner.width, corner.height]).toEqual([392, 104]);
    // The last level fits one tile: ceil(5000/16) × ceil(4200/16).
    const top = await sharp(path.join(core.pyramids.dir(big), '4', '0_0.webp')).metadata();
    expect([top.width, top.height]).toEqual([313, 263]);
    // Tile content is where it belongs: the red gradient grows left to right, so the right column is redder.
    const red = async (l: number, c: number, r: number) => (await sharp(path.join(core.pyramids.dir(big), String(l), `${c}_${r}.webp`)).stats()).channels[0].mean;
    expect(await red(0, 9, 0)).toBeGreaterThan((await red(0, 0, 0)) + 150);
    // A tile outside the grid is not served.
    for (const r of route) expect(await r(tilePath(big, 0, 10, 0))).toBeNull();
    // A second call answers from disk at once.
    const t0 = Date.now();
    expect((await core.dispatch('images.pyramid', [big])).ok).toBe(true);
    expect(Date.now() - t0).toBeLessThan(200);
  }, 60000);

  it('can be cancelled, leaves no pyramid behind, and builds again on the next request', async () => {
    fs.rmSync(core.pyramids.dir(big), { recursive: true, force: true });
    core.pyramids.forget(big);
    // A scratch folder left by a build whose process died is cleaned up by the next build.
    const stale = path.join(path.dirname(core.pyramids.dir(big)), '.build-999999-dead');
    fs.mkdirSync(path.join(stale, 'dz_files', '0'), { recursive: true });
    let jobId: string | null = null;
    const off = core.events.subscribe((name, p) => {
      const pr = p as JobProgress;
      if (name === 'progress' && pr.state === 'running' && !jobId) {
        jobId = pr.jobId;
        core.jobs.cancel(jobId);
      }
    });
    const r = await core.dispatch('images.pyramid', [big]);
    off();
    expect(r.ok ? null : r.error.code).toBe('cancelled');
    expect(fs.existsSync(core.pyramids.dir(big))).toBe(false);
    expect(fs.readdirSync(path.dirname(core.pyramids.dir(big)))).toEqual([]);
    // Tile requests do not restart a cancelled build by themselves...
    for (const route of core.mediaRoutes) expect(await route(tilePath(big, 0, 0, 0))).toBeNull();
    // ...but asking for the pyramid again does; a background prepare() started first is the same build.
    core.pyramids.prepare(big);
    core.pyramids.prepare(small);
    const again = await core.dispatch('images.pyramid', [big]);
    expect(again.ok).toBe(true);
    expect(fs.existsSync(path.join(core.pyramids.dir(small), 'pyramid.json'))).toBe(false);
  }, 60000);

  it('reports an image whose stored file was damaged after import, and does not retry it for every tile', async () => {
    await gradient(path.join(dir, 'later-damaged.png'), 4500, 300);
    await core.imports.importPaths(projectId, [path.join(dir, 'later-damaged.png')]);
    const sha = await assetId('later-damaged.png');
    const file = core.media.pathOf(sha);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 2000));
    const r = await core.dispatch('images.pyramid', [sha]);
    expect(r.ok ? null : r.error).toEqual({ code: 'corrupt', message: expect.stringMatching(/^Could not make tiles of this image: .+/) });
    for (const route of core.mediaRoutes) expect(await route(tilePath(sha, 0, 0, 0))).toBeNull();
    expect(fs.readdirSync(path.dirname(core.pyramids.dir(sha)))).toEqual([]);
  }, 60000);

  it('refuses an asset that is not an image with a clear message', async () => {
    const r = await core.dispatch('images.pyramid', ['0'.repeat(64)]);
    expect(r.ok ? null : r.error.code).toBe('not_found');
  });
});
