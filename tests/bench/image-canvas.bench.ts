// Image canvas performance: our workspace (R-tree culling, cached static bitmap moved by CSS during gestures, one
// live Konva layer) against a naive one-layer Konva page, with 1,000 / 5,000 / 10,000 polygons of 12 vertices on a
// 4000×3000 image. Frame time = interval between animation frames while one input event is dispatched per frame,
// with Chromium's frame-rate limit off, so it is the real cost of a frame rather than the 16.7 ms vsync.
// Ours runs the real app from a real `tagger serve` with the shapes seeded into SQLite through the core API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { build } from 'esbuild';
import { chromium, type Page, type Browser } from '@playwright/test';
import { createCore } from '../../electron/core/createCore.ts';
import { startServer, tempDataDir, ROOT } from '../support/server.ts';
import { CHROMIUM, printTable, stats } from './table.ts';
import type { ObjectInput } from '../../shared/domain.ts';

const W = 4000, H = 3000;
const COUNTS = process.env.IMAGE_BENCH_COUNTS ? process.env.IMAGE_BENCH_COUNTS.split(",").map(Number) : [1000, 5000, 10000];
const FRAMES = 120;
/** A measurement stops after this long even if it has fewer frames (the naive page can take 0.5 s a frame). */
const MAX_MS = 7000;
const SAVES = 25;
const LABELS = [['car', '#e6194b'], ['person', '#3cb44b'], ['building', '#4363d8'], ['tree', '#f58231'], ['animal', '#911eb4'], ['sign', '#42d4f4']] as const;
const VIEWPORT = { width: 1280, height: 800 };
const BIG = 20000;
const BIG_NAME = 'bench-big.jpg';

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** n polygons of 12 vertices scattered over the image; the last one (topmost) sits at the centre: the drag target. */
function polygons(n: number): { points: number[]; label: number }[] {
  const r = rng(n);
  const out: { points: number[]; label: number }[] = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    const rad = last ? 60 : 10 + r() * 35;
    const cx = last ? W / 2 : rad + r() * (W - 2 * rad), cy = last ? H / 2 : rad + r() * (H - 2 * rad);
    const points: number[] = [];
    for (let k = 0; k < 12; k++) {
      const a = (k / 12) * Math.PI * 2;
      const rr = rad * (last ? 1 : 0.6 + 0.4 * r());
      points.push(+(cx + rr * Math.cos(a)).toFixed(2), +(cy + rr * Math.sin(a)).toFixed(2));
    }
    out.push({ points, label: Math.floor(r() * LABELS.length) });
  }
  return out;
}

async function makeImage(file: string, shade: number) {
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${Array.from({ length: 60 }, (_, i) => `<rect x="${(i * 397) % W}" y="${(i * 211) % H}" width="${200 + (i % 7) * 60}" height="${150 + (i % 5) * 50}" fill="hsl(${(i * 37) % 360},40%,45%)"/>`).join('')}</svg>`);
  await sharp({ create: { width: W, height: H, channels: 3, background: { r: 60 + shade, g: 70, b: 80 } } }).composite([{ input: svg }]).jpeg({ quality: 80 }).toFile(file);
}

async function seed(dataDir: string, imgDir: string) {
  const core = createCore({ dataDir });
  const project = core.projects.create({ name: 'Bench', schema: { image: { labels: LABELS.map(([id, color], i) => ({ id, name: id, color, hotkey: String(i + 1) })), attributes: [] } } });
  await core.imports.importPaths(project.id, [imgDir]);
  const tasks = core.tasks.list(project.id);
  const byCount = new Map<number, string>();
  for (const n of COUNTS) {
    const t = tasks.find((x) => x.name === `bench-${n}.jpg`)!;
    const objs: ObjectInput[] = polygons(n).map((p, i) => ({ id: `p${i}`, kind: 'polygon', label: LABELS[p.label][0], geometry: { points: p.points }, attributes: {}, origin: i % 10 === 0 ? 'model' : 'human', z: i, hidden: false, locked: false }));
    core.annotations.replaceAll(t.id, objs);
    byCount.set(n, t.id);
  }
  let big: { taskId: string; tilingMs: number } | null = null;
  const bigTask = tasks.find((x) => x.name === BIG_NAME);
  if (bigTask) {
    const t0 = performance.now();
    await core.handlers.images.pyramid(core.tasks.get(bigTask.id).assetId);
    big = { taskId: bigTask.id, tilingMs: performance.now() - t0 };
  }
  await core.close();
  return { projectId: project.id, byCount, big };
}

/** Runs in the page: n frames, one input event per frame, returns the frame intervals (ms). */
async function frameLoop(page: Page, sel: string, mode: 'panzoom' | 'drag', start: { x: number; y: number }) {
  return page.evaluate(async ({ sel, mode, start, n, maxMs }) => {
    const el = document.querySelector(sel) as HTMLElement;
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const fire = (type: string, x: number, y: number, button: number, buttons: number) =>
      el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button, buttons, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    const frame = () => new Promise<number>((res) => requestAnimationFrame(res));
    const times: number[] = [];
    const t0 = performance.now();
    const half = Math.floor(n / 2);
    if (mode === 'panzoom') fire('pointerdown', cx, cy, 1, 4);
    else fire('pointerdown', start.x, start.y, 0, 1);
    let prev = await frame();
    for (let i = 0; i < n && performance.now() - t0 < maxMs; i++) {
      const a = (i / 30) * Math.PI * 2;
      if (mode === 'drag') fire('pointermove', start.x + 20 * Math.sin(a), start.y + 20 * (1 - Math.cos(a)), -1, 1);
      else if (i < half) fire('pointermove', cx + 80 * Math.sin(a), cy + 80 * (1 - Math.cos(a)), -1, 4);
      else {
        if (i === half) fire('pointerup', cx, cy, 1, 0);
        el.dispatchEvent(new WheelEvent('wheel', { clientX: cx + 100 * Math.sin(a), clientY: cy + 60 * Math.cos(a), deltaY: i % 2 ? 100 : -100, bubbles: true, cancelable: true }));
      }
      const t = await frame();
      times.push(t - prev);
      prev = t;
    }
    if (mode === 'drag') { fire('pointermove', start.x, start.y, -1, 1); fire('pointerup', start.x, start.y, 0, 0); }
    if (mode === 'panzoom' && times.length <= half) fire('pointerup', cx, cy, 1, 0);
    return times;
  }, { sel, mode, start, n: FRAMES, maxMs: MAX_MS });
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  // tsx keeps function names with an `__name` helper that functions sent to the page would miss.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  return page;
}

/** IMAGE_BENCH_PROFILE=1: where the main thread spends pan/zoom frames (self time by function), for tuning. */
async function startProfile(page: Page): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((a, nd) => a + (nd.hitCount ?? 0), 0) || 1;
    const self = new Map<string, number>();
    for (const nd of profile.nodes) {
      const f = nd.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + ((nd.hitCount ?? 0) / hits) * (total / 1000));
    }
    printTable('Pan/zoom CPU profile, self time', ['function', 'ms'], [...self].sort((a, b) => b[1] - a[1]).slice(0, 15));
  };
}

async function heap(page: Page): Promise<number> {
  return page.evaluate(() => {
    (window as unknown as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  }) as Promise<number>;
}

/** Screen point of an image point after "fit" then "1:1" (Ctrl+1), the same arithmetic as canvas/view.ts. */
async function oursAt1to1(page: Page, x: number, y: number) {
  const b = (await page.getByTestId('image-canvas').boundingBox())!;
  const s0 = Math.max(1 / 64, Math.min((b.width - 32) / W, (b.height - 32) / H));
  const tx0 = (b.width - W * s0) / 2, ty0 = (b.height - H * s0) / 2;
  const k = 1 / s0;
  const tx = b.width / 2 - (b.width / 2 - tx0) * k, ty = b.height / 2 - (b.height / 2 - ty0) * k;
  return { x: b.x + tx + x, y: b.y + ty + y };
}

async function measureOurs(browser: Browser, url: string, n: number, target: number[]) {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const w = window as unknown as { __acks: number[] };
    w.__acks = [];
    const orig = window.fetch.bind(window);
    window.fetch = async (...a: Parameters<typeof fetch>) => {
      const res = await orig(...a);
      if (String(a[0]).includes('annotations.edit')) w.__acks.push(performance.now());
      return res;
    };
  });
  await page.goto(url);
  const canvas = page.locator('[data-testid=image-canvas][data-ready=true]');
  await canvas.waitFor({ timeout: 120_000 });
  const open = await page.evaluate(() => performance.getEntriesByName('image-ready')[0]?.startTime ?? NaN);
  const box = (await page.getByTestId('image-canvas').boundingBox())!;
  await page.waitForTimeout(300);
  const profile = process.env.IMAGE_BENCH_PROFILE && n === COUNTS[COUNTS.length - 1] ? await startProfile(page) : null;
  const panzoom = await frameLoop(page, '[data-testid=image-canvas]', 'panzoom', { x: 0, y: 0 });
  if (profile) await profile();
  await page.waitForTimeout(400);
  const rest = await page.evaluate(() => performance.getEntriesByName('image-static-render').slice(-3).map((e) => e.duration));
  await page.getByTestId('image-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+0');
  await page.keyboard.press('Control+1');
  await page.waitForTimeout(400);
  const centre = await oursAt1to1(page, W / 2, H / 2);
  await page.mouse.click(centre.x, centre.y);
  // Let the cached bitmap without the selected shape finish (it pauses while a drag is under way).
  await page.waitForTimeout(1000);
  const v = await oursAt1to1(page, target[0], target[1]);
  const drag = await frameLoop(page, '[data-testid=image-canvas]', 'drag', v);
  await page.waitForTimeout(300);
  // Autosave: pointer-up → the core's answer to annotations.edit, one small vertex move at a time.
  const saves = await page.evaluate(async ({ v, saves }) => {
    const el = document.querySelector('[data-testid=image-canvas]') as HTMLElement;
    const acks = (window as unknown as { __acks: number[] }).__acks;
    const fire = (type: string, x: number, y: number, buttons: number) =>
      el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: type === 'pointermove' ? -1 : 0, buttons, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    const frame = () => new Promise<number>((res) => requestAnimationFrame(res));
    const out: number[] = [];
    for (let i = 0; i < saves; i++) {
      const from = i % 2 ? v.x + 4 : v.x, to = i % 2 ? v.x : v.x + 4;
      fire('pointerdown', from, v.y, 1);
      fire('pointermove', to, v.y, 1);
      await frame();
      const before = acks.length;
      const t = performance.now();
      fire('pointerup', to, v.y, 0);
      while (acks.length === before && performance.now() - t < 5000) await new Promise((r) => setTimeout(r, 1));
      out.push(acks.length > before ? acks[before] - t : NaN);
      await frame();
    }
    return out;
  }, { v, saves: SAVES });
  const mem = await heap(page);
  await page.close();
  return { open, panzoom, drag, saves, mem, rest, box };
}

async function measureNaive(browser: Browser, bundle: string, imageFile: string, n: number, box: { x: number; y: number; width: number; height: number }) {
  const page = await newPage(browser);
  const shapes = JSON.stringify({ width: W, height: H, target: n - 1, polygons: polygons(n).map((p) => ({ points: p.points, color: LABELS[p.label][1] })) });
  // The same stage size as our canvas area, so both draw the same number of pixels.
  const html = `<!doctype html><html><body style="margin:0;background:#111"><div id="stage" style="position:absolute;left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px"></div><script>${bundle}</script></body></html>`;
  await page.route('http://bench.local/**', (route) => {
    const p = new URL(route.request().url()).pathname;
    if (p === '/shapes.json') return route.fulfill({ body: shapes, contentType: 'application/json' });
    if (p === '/image.jpg') return route.fulfill({ body: fs.readFileSync(imageFile), contentType: 'image/jpeg' });
    return route.fulfill({ body: html, contentType: 'text/html' });
  });
  await page.goto('http://bench.local/naive.html');
  await page.waitForFunction(() => !!(window as unknown as { naiveReady?: number }).naiveReady, null, { timeout: 180_000 });
  const open = await page.evaluate(() => (window as unknown as { naiveReady: number }).naiveReady);
  const panzoom = await frameLoop(page, '#stage', 'panzoom', { x: 0, y: 0 });
  await page.evaluate(() => (window as unknown as { naive: { oneToOne(): void } }).naive.oneToOne());
  const v = await page.evaluate(() => (window as unknown as { naive: { vertexScreen(): { x: number; y: number } } }).naive.vertexScreen());
  const drag = await frameLoop(page, '#stage', 'drag', v);
  const mem = await heap(page);
  await page.close();
  return { open, panzoom, drag, mem };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-image-'));
  const imgDir = path.join(work, 'images');
  fs.mkdirSync(imgDir);
  for (const [i, n] of COUNTS.entries()) await makeImage(path.join(imgDir, `bench-${n}.jpg`), i * 20);
  if (!process.env.IMAGE_BENCH_NO_BIG) {
    // A 20000×20000 scan: blocky noise upscaled, so the JPEG stays small but every tile has content.
    const t0 = performance.now();
    await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 90, g: 110, b: 90 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
      .resize(BIG, BIG, { kernel: 'nearest' }).jpeg({ quality: 70 }).toFile(path.join(imgDir, BIG_NAME));
    console.log(`  made a ${BIG}×${BIG} JPEG in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const dataDir = tempDataDir('tagger-bench-image-data-');
  const { projectId, byCount, big } = await seed(dataDir, imgDir);
  const bundle = (await build({ entryPoints: [path.join(ROOT, 'tests/bench/pages/image/naive.ts')], bundle: true, write: false, format: 'iife', minify: true, logLevel: 'silent' })).outputFiles[0].text;
  const server = await startServer({ dataDir, demo: false });
  const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  const rows: (string | number)[][] = [];
  let bigRow: (string | number)[] | null = null;
  try {
    for (const n of COUNTS) {
      const target = polygons(n)[n - 1].points;
      const url = `${server.url}#/p/${encodeURIComponent(projectId)}/t/${encodeURIComponent(byCount.get(n)!)}`;
      const ours = await measureOurs(browser, url, n, target);
      const naive = await measureNaive(browser, bundle, path.join(imgDir, `bench-${n}.jpg`), n, ours.box);
      const op = stats(ours.panzoom), np = stats(naive.panzoom), od = stats(ours.drag), nd = stats(naive.drag), sv = stats(ours.saves);
      rows.push([
        n.toLocaleString('en'), op.mean, op.p95, np.mean, np.p95, `${(np.mean / op.mean).toFixed(0)}×`, od.mean, od.p95, nd.mean, nd.p95, `${(nd.mean / od.mean).toFixed(0)}×`,
        ours.rest.length ? Math.max(...ours.rest) : NaN, ours.open, naive.open, sv.p50, sv.p99, ours.mem / 2 ** 20, naive.mem / 2 ** 20,
      ]);
      console.log(`  measured ${n} polygons (ours ${ours.panzoom.length}+${ours.drag.length} frames, naive ${naive.panzoom.length}+${naive.drag.length} frames)`);
    }
    if (big) {
      const page = await newPage(browser);
      await page.goto(`${server.url}#/p/${encodeURIComponent(projectId)}/t/${encodeURIComponent(big.taskId)}`);
      await page.locator('[data-testid=image-canvas][data-ready=true]').waitFor({ timeout: 120_000 });
      const open = await page.evaluate(() => performance.getEntriesByName('image-ready')[0]?.startTime ?? NaN);
      await page.waitForTimeout(500);
      const pz = stats(await frameLoop(page, '[data-testid=image-canvas]', 'panzoom', { x: 0, y: 0 }));
      const tiles = await page.evaluate(() => document.querySelectorAll('.img-tile').length);
      if (process.env.IMAGE_BENCH_SHOT) await page.screenshot({ path: process.env.IMAGE_BENCH_SHOT });
      bigRow = [`${BIG}×${BIG}`, big.tilingMs / 1000, open, pz.mean, pz.p95, String(tiles)];
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(`Image canvas, ${W}×${H} image, 12-vertex polygons, Chromium ${CHROMIUM.executablePath} without GPU (ms unless noted; goal < 16.7 ms a frame)`, [
    'polygons', 'pan/zoom mean', 'p95', 'naive pan/zoom mean', 'p95', 'ratio', 'vertex drag mean', 'p95', 'naive drag mean', 'p95', 'ratio',
    'sharp after rest', 'open (ready to edit)', 'naive open', 'autosave p50', 'p99', 'JS heap MB', 'naive heap MB',
  ], rows);
  if (bigRow) printTable('Large image (tiled pyramid), no shapes', ['image', 'tiling in the core, s (once, at import)', 'open (ready), ms', 'pan/zoom mean', 'p95', 'tiles in the page after'], [bigRow]);
  console.log('Frame = interval between animation frames with one input event each, frame-rate limit off. Ours: the real app on `tagger serve`;');
  console.log('open = navigation start to first sharp frame with the document loaded; autosave = pointer-up to the core\'s acknowledgement.');
}

await main();
