// Tiles over real HTTP from the web server (as the page loads them): a cold request waits for the build and gets a
// WebP tile, cached as immutable; the token is required; tiles outside the pyramid are 404.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import { startWebServer, type WebServer } from '../server/webServer.ts';
import { tilePath } from '../../shared/api/images.ts';

let dir: string;
let core: Core;
let server: WebServer;
let sha: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-tiles-http-'));
  await sharp({ create: { width: 6000, height: 700, channels: 3, background: '#336699' } }).jpeg().toFile(path.join(dir, 'strip.jpg'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  const project = core.projects.create({ name: 'P' });
  await core.imports.importPaths(project.id, [path.join(dir, 'strip.jpg')]);
  sha = core.tasks.get(core.tasks.list(project.id)[0].id).assetId;
  fs.mkdirSync(path.join(dir, 'static'));
  server = await startWebServer({ core, staticDir: path.join(dir, 'static') });
}, 60000);

afterAll(async () => {
  await server.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (sub: string, token: string | null = server.token) => fetch(`http://127.0.0.1:${server.port}/media/${sub}`, { headers: token ? { 'x-tagger-token': token } : {} });

describe('tiles over HTTP', () => {
  it('serves a tile on a cold request, once the build it starts is done', async () => {
    // 6000×700: level 0 is 12×2 tiles; the last one is 6000 - 11*512 = 368 wide and 700 - 512 = 188 high.
    const r = await get(tilePath(sha, 0, 11, 1));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect(r.headers.get('cache-control')).toMatch(/immutable/);
    const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 368, 188]);
    const p = await core.dispatch('images.pyramid', [sha]);
    expect(p).toEqual({ ok: true, value: { width: 6000, height: 700, tileSize: 512, levels: 5, format: 'webp' } });
  }, 60000);

  it('refuses requests without the token and answers 404 outside the pyramid', async () => {
    expect((await get(tilePath(sha, 0, 0, 0), null)).status).toBe(401);
    expect((await get(tilePath(sha, 0, 12, 0))).status).toBe(404);
    expect((await get(tilePath(sha, 9, 0, 0))).status).toBe(404);
  });
});
