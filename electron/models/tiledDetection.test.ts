// Tiled detection through a real core: a horse too small to be found when a 5000 × 5000 picture is squeezed to
// the model's input is found in the windows read from the picture's pyramid, in the right place, with progress per
// window; Cancel stops a tiled run between (or during) windows. Windows read from the tiles match the picture.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import type { ModelRunResult } from '../../shared/api/models.ts';
import type { JobProgress } from '../../shared/domain.ts';
import { labelsFrom } from '../../shared/defaultSchema.ts';
import { PROJECT_ROOT } from '../core/paths.ts';
import { decodedLevel, pyramidLevel } from './imageInput.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'models');
const SIDE = 5000;
const HORSE = { x: 3000, y: 1500, w: 240 }; // 240 px wide: about 25 px when the picture is squeezed to 512
let dir: string;
let core: Core;
let taskId: string;
let sha: string;
let picture: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-tiled-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  const projectId = core.projects.create({ name: 'Tiled', schema: { image: { labels: labelsFrom(['Animal']), attributes: [] } } }).id;
  const horse = await sharp(path.join(FIXTURES, 'horse.jpg')).resize({ width: HORSE.w }).toBuffer();
  picture = path.join(dir, 'field.jpg');
  await sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: horse, left: HORSE.x, top: HORSE.y }]).jpeg({ quality: 85 }).toFile(picture);
  await core.imports.importPaths(projectId, [picture]);
  const task = core.tasks.list(projectId, {})[0];
  taskId = task.id;
  sha = core.tasks.get(taskId).assetId;
}, 60_000);
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const boxes = () => core.annotations.list(taskId).filter((o) => o.origin === 'model');

describe('tiled detection', () => {
  it('finds a small object only when it looks at windows, read from the pyramid, with progress per window', async () => {
    const whole = await core.dispatch('models.detectObjects', [taskId, { maxTiles: 1 }]);
    expect(whole.ok).toBe(true);
    expect(boxes().filter((b) => b.label === 'animal')).toEqual([]); // squeezed to 512, the horse is a smudge
    const events: JobProgress[] = [];
    const off = core.events.subscribe((name, p) => { if (name === 'progress') events.push(p as JobProgress); });
    const r = await core.dispatch('models.detectObjects', [taskId, { maxTiles: 9 }]);
    off();
    expect(r.ok).toBe(true);
    expect((r as { value: ModelRunResult }).value.model).toBe('CenterNet (COCO), the whole picture and 9 windows');
    const found = boxes().filter((b) => b.label === 'animal');
    expect(found).toHaveLength(1);
    const g = found[0].geometry as { x: number; y: number; w: number; h: number };
    const hh = Math.round(HORSE.w * 315 / 384);
    expect(Math.abs(g.x - HORSE.x)).toBeLessThan(40);
    expect(Math.abs(g.y - HORSE.y)).toBeLessThan(40);
    expect(Math.abs(g.w - HORSE.w)).toBeLessThan(60);
    expect(Math.abs(g.h - hh)).toBeLessThan(60);
    expect(fs.existsSync(path.join(core.pyramids.dir(sha), 'pyramid.json'))).toBe(true);
    const running = events.filter((e) => e.title.startsWith('Detect objects') && e.state === 'running');
    expect(running.at(-1)?.total).toBe(11); // the whole picture, 9 windows, storing
    expect(events.some((e) => /Detecting: \d+ of 10/.test(e.message ?? ''))).toBe(true);
  }, 120_000);

  it('stops a tiled run on Cancel and keeps the proposals it had', async () => {
    const before = boxes().map((b) => b.id);
    const events: JobProgress[] = [];
    const off = core.events.subscribe((name, p) => { if (name === 'progress') events.push(p as JobProgress); });
    const run = core.dispatch('models.detectObjects', [taskId, { maxTiles: 9 }]);
    await expect.poll(() => events.some((e) => e.state === 'running' && e.done >= 2), { timeout: 30_000, interval: 5 }).toBe(true);
    const t = performance.now();
    await core.dispatch('jobs.cancel', [events.find((e) => e.state === 'running')!.jobId]);
    const r = await run;
    off();
    expect(performance.now() - t).toBeLessThan(200);
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(boxes().map((b) => b.id)).toEqual(before);
  }, 60_000);

  it('reads the same window from the tiles as from the decoded picture', async () => {
    const pyramid = (await core.pyramids.pyramid(sha))!;
    const fromTiles = await pyramidLevel(core.pyramids.dir(sha), pyramid, 2, 'field.jpg').window(700, 300, 512);
    const decoded = await (await decodedLevel(picture, 'field.jpg', 2, { width: SIDE, height: SIDE })).window(700, 300, 512);
    let diff = 0;
    for (let i = 0; i < decoded.length; i++) diff += Math.abs(decoded[i] - fromTiles[i]);
    expect(diff / decoded.length).toBeLessThan(6); // lossy tiles and another downscaling filter, same picture
    expect(decoded.some((v) => Math.abs(v - 128) > 40)).toBe(true); // the window shows the horse, not only grey
  }, 60_000);
});
