// Image canvas performance: our workspace (R-tree culling, cached static bitmap moved by CSS during gestures, one
// live Konva layer) against a naive one-layer Konva page, with 1,000 / 5,000 / 10,000 polygons of 12 vertices on a
// 4000×3000 image, and the 10× scene (100,000 on a 40000×40000 tiled image) beside the 10,000 row. Frame time = interval between animation frames while one input event is dispatched per frame,
// with Chromium's frame-rate limit off, so it is the real cost of a frame rather than the 16.7 ms vsync.
// Ours runs the real app from a real `tagger serve` with the shapes seeded into SQLite through the core API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { build } from 'esbuild';
import { chromium, type Page, type Browser } from '@playwright/test';
import { LABELS, polygons, frameLoop, sharpAfterRest, newPage, startProfile, heap, presentedFirsts, type Scene } from './pages/image/scene.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { startServer, tempDataDir, ROOT } from '../support/server.ts';
import { CHROMIUM, printTable, stats } from './table.ts';
import type { ObjectInput } from '../../shared/domain.ts';

const W = 4000, H = 3000;
const COUNTS = process.env.IMAGE_BENCH_COUNTS ? process.env.IMAGE_BENCH_COUNTS.split(',').map(Number) : [1000, 5000, 10000];
/** The 10× scene of issue #15: 100,000 polygons on a 40000×40000 tiled image (IMAGE_BENCH_NO_10X=1 skips it). */
const BIG = { n: Number(process.env.IMAGE_BENCH_BIG_COUNT ?? 100_000), side: Number(process.env.IMAGE_BENCH_BIG_SIDE ?? 40_000), name: 'bench-10x.jpg' };
const SAVES = 25;
const VIEWPORT = { width: 1280, height: 800 };

async function makeImage(file: string, shade: number) {
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${Array.from({ length: 60 }, (_, i) => `<rect x="${(i * 397) % W}" y="${(i * 211) % H}" width="${200 + (i % 7) * 60}" height="${150 + (i % 5) * 50}" fill="hsl(${(i * 37) % 360},40%,45%)"/>`).join('')}</svg>`);
  await sharp({ create: { width: W, height: H, channels: 3, background: { r: 60 + shade, g: 70, b: 80 } } }).composite([{ input: svg }]).jpeg({ quality: 80 }).toFile(file);
}

function objectsOf(s: Scene): ObjectInput[] {
  return polygons(s.n, s.w, s.h).map((p, i) => ({ id: `p${i}`, kind: 'polygon', label: LABELS[p.label][0], geometry: { points: p.points }, attributes: {}, origin: i % 10 === 0 ? 'model' : 'human', z: i, hidden: false, locked: false }));
}

async function seed(dataDir: string, imgDir: string, scenes: Scene[]) {
  const core = createCore({ dataDir });
  const project = core.projects.create({ name: 'Bench', schema: { image: { labels: LABELS.map(([id, color], i) => ({ id, name: id, color, hotkey: String(i + 1) })), attributes: [] } } });
  await core.imports.importPaths(project.id, [imgDir]);
  const tasks = core.tasks.list(project.id);
  const taskOf = new Map<Scene, string>();
  const notes: string[] = [];
  for (const s of scenes) {
    const t = tasks.find((x) => x.name === path.basename(s.file));
    if (!t) throw new Error(`${s.file} was not imported`);
    const t0 = performance.now();
    core.annotations.replaceAll(t.id, objectsOf(s));
    if (s.n >= 50_000) notes.push(`saved ${s.n.toLocaleString('en')} polygons in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (s.w * s.h > 40e6) {
      const t1 = performance.now();
      await core.handlers.images.pyramid(core.tasks.get(t.id).assetId);
      notes.push(`tiled the ${s.w}×${s.h} image in ${((performance.now() - t1) / 1000).toFixed(1)} s (once, at import)`);
    }
    taskOf.set(s, t.id);
  }
  await core.close();
  return { projectId: project.id, taskOf, notes };
}

/** Screen point of an image point after "fit" then "1:1" (Ctrl+1), the same arithmetic as canvas/view.ts. */
async function oursAt1to1(page: Page, s: Scene, x: number, y: number) {
  const b = (await page.getByTestId('image-canvas').boundingBox())!;
  const s0 = Math.max(1 / 64, Math.min((b.width - 32) / s.w, (b.height - 32) / s.h));
  const tx0 = (b.width - s.w * s0) / 2, ty0 = (b.height - s.h * s0) / 2;
  const k = 1 / s0;
  const tx = b.width / 2 - (b.width / 2 - tx0) * k, ty = b.height / 2 - (b.height / 2 - ty0) * k;
  return { x: b.x + tx + x, y: b.y + ty + y };
}

const CANVAS = '[data-testid=image-canvas]';

/** Pan/zoom frames, first frame of each gesture and time to a sharp view, at the current view. */
async function gestures(page: Page) {
  const pz = await frameLoop(page, CANVAS, 'panzoom', { x: 0, y: 0 });
  return { ...pz, sharp: await sharpAfterRest(page, pz.last) };
}

async function measureOurs(browser: Browser, url: string, s: Scene) {
  const page = await newPage(browser, VIEWPORT);
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
  await page.locator(`${CANVAS}[data-ready=true]`).waitFor({ timeout: 180_000 });
  const open = await page.evaluate(() => performance.getEntriesByName('image-ready')[0]?.startTime ?? NaN);
  const box = (await page.getByTestId('image-canvas').boundingBox())!;
  await page.waitForTimeout(300);
  const presented = await presentedFirsts(browser, page, CANVAS);
  const profile = process.env.IMAGE_BENCH_PROFILE && s.n === Math.max(...COUNTS, BIG.n) ? await startProfile(page, `${s.n} polygons, pan/zoom (fit)`) : null;
  // Whole image in view (every shape drawn), then at 1:1 where a vertex is edited.
  const fit = await gestures(page);
  if (profile) await profile();
  await page.getByTestId('image-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+0');
  await page.keyboard.press('Control+1');
  await page.waitForTimeout(400);
  const one = await gestures(page);
  await page.keyboard.press('Control+0');
  await page.keyboard.press('Control+1');
  await page.waitForTimeout(400);
  const target = polygons(s.n, s.w, s.h)[s.n - 1].points;
  const centre = await oursAt1to1(page, s, s.w / 2, s.h / 2);
  await page.mouse.click(centre.x, centre.y);
  // Let the cached bitmap without the selected shape finish (it pauses while a drag is under way).
  await page.waitForTimeout(1000);
  const v = await oursAt1to1(page, s, target[0], target[1]);
  const drag = (await frameLoop(page, CANVAS, 'drag', v)).times;
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
  const tiles = await page.evaluate(() => document.querySelectorAll('.img-tile').length);
  await page.close();
  return { open, panzoom: [...fit.times, ...one.times], firsts: [...fit.firsts, ...one.firsts], presented, sharp: [fit.sharp, one.sharp], drag, saves, mem, box, tiles };
}

async function measureNaive(browser: Browser, bundle: string, imageFile: string, s: Scene, box: { x: number; y: number; width: number; height: number }) {
  const page = await newPage(browser, VIEWPORT);
  const shapes = JSON.stringify({ width: s.w, height: s.h, target: s.n - 1, polygons: polygons(s.n, s.w, s.h).map((p) => ({ points: p.points, color: LABELS[p.label][1] })) });
  // The same stage size as our canvas area, so both draw the same number of pixels.
  const html = `<!doctype html><html><body style="margin:0;background:#111"><div id="stage" style="position:absolute;left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px"></div><script>${bundle}</script></body></html>`;
  await page.route('http://bench.local/**', (route) => {
    const p = new URL(route.request().url()).pathname;
    if (p === '/shapes.json') return route.fulfill({ body: shapes, contentType: 'application/json' });
    if (p === '/image.jpg') return route.fulfill({ body: fs.readFileSync(imageFile), contentType: 'image/jpeg' });
    return route.fulfill({ body: html, contentType: 'text/html' });
  });
  await page.goto('http://bench.local/naive.html');
  await page.waitForFunction(() => !!(window as unknown as { naiveReady?: number }).naiveReady, null, { timeout: 300_000 });
  const open = await page.evaluate(() => (window as unknown as { naiveReady: number }).naiveReady);
  const pz = await frameLoop(page, '#stage', 'panzoom', { x: 0, y: 0 });
  // One short gesture: the naive page at 10× takes seconds a frame.
  const presented = await presentedFirsts(browser, page, '#stage', 1, 2);
  await page.evaluate(() => (window as unknown as { naive: { oneToOne(): void } }).naive.oneToOne());
  const v = await page.evaluate(() => (window as unknown as { naive: { vertexScreen(): { x: number; y: number } } }).naive.vertexScreen());
  const drag = (await frameLoop(page, '#stage', 'drag', v)).times;
  const mem = await heap(page);
  await page.close();
  return { open, panzoom: pz.times, firsts: pz.firsts, presented, drag, mem };
}

/** The least any page pays here: one pane-sized bitmap on its own compositor layer, moved by a CSS transform in the
 *  next animation frame (what our pan does, without the picture or the shapes). Its first frame of a gesture is
 *  the browser's own latency on this machine (its frame clock restarting after rest, then a frame). */
async function measureFloor(browser: Browser, box: { x: number; y: number; width: number; height: number }) {
  const page = await newPage(browser, VIEWPORT);
  const html = `<!doctype html><html><body style="margin:0;background:#111"><div id="stage" style="position:absolute;left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px;overflow:hidden">
<canvas width="${box.width + 384}" height="${box.height + 384}" style="position:absolute;left:-192px;top:-192px;will-change:transform"></canvas></div><script>
const c = document.querySelector('canvas'), g = c.getContext('2d'), el = document.getElementById('stage');
for (let i = 0; i < 20000; i++) { g.fillStyle = 'hsl(' + (i * 37 % 360) + ',60%,50%)'; g.fillRect((i * 7919) % c.width, (i * 104729) % c.height, 8, 8); }
let tx = 0, ty = 0, s = 1, raf = 0, from = null;
const show = () => { raf ||= requestAnimationFrame(() => { raf = 0; c.style.transform = 'translate(' + tx + 'px,' + ty + 'px) scale(' + s + ')'; }); };
el.addEventListener('pointerdown', (e) => { from = { x: e.clientX - tx, y: e.clientY - ty }; });
el.addEventListener('pointermove', (e) => { if (!from) return; tx = e.clientX - from.x; ty = e.clientY - from.y; show(); });
el.addEventListener('pointerup', () => { from = null; });
el.addEventListener('wheel', (e) => { e.preventDefault(); s *= e.deltaY > 0 ? 0.9 : 1.1; show(); }, { passive: false });
</script></body></html>`;
  await page.route('http://bench.local/**', (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto('http://bench.local/floor.html');
  const pz = await frameLoop(page, '#stage', 'panzoom', { x: 0, y: 0 });
  const presented = await presentedFirsts(browser, page, '#stage');
  await page.close();
  return { firsts: pz.firsts, presented };
}

type Ours = Awaited<ReturnType<typeof measureOurs>>;
type Naive = Awaited<ReturnType<typeof measureNaive>>;
type Floor = Awaited<ReturnType<typeof measureFloor>>;

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-image-'));
  const imgDir = path.join(work, 'images');
  fs.mkdirSync(imgDir);
  const scenes: Scene[] = [];
  for (const [i, n] of COUNTS.entries()) {
    const file = path.join(imgDir, `bench-${n}.jpg`);
    await makeImage(file, i * 20);
    scenes.push({ n, w: W, h: H, file });
  }
  let big: Scene | null = null;
  let bigPreview = '';
  if (!process.env.IMAGE_BENCH_NO_10X) {
    // A slide-sized scan: blocky noise upscaled, so the JPEG stays small but every tile has content. The naive page
    // gets a 4000-pixel preview of it stretched to full size (Chromium cannot decode 1.6 gigapixels as one image).
    const t0 = performance.now();
    const noise = sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 90, g: 110, b: 90 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } });
    const raw = await noise.png().toBuffer();
    big = { n: BIG.n, w: BIG.side, h: BIG.side, file: path.join(imgDir, BIG.name) };
    await sharp(raw).resize(BIG.side, BIG.side, { kernel: 'nearest' }).jpeg({ quality: 70 }).toFile(big.file);
    bigPreview = path.join(work, 'preview.jpg');
    await sharp(raw).resize(4000, 4000, { kernel: 'nearest' }).jpeg({ quality: 70 }).toFile(bigPreview);
    console.log(`  made a ${BIG.side}×${BIG.side} JPEG in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const dataDir = tempDataDir('tagger-bench-image-data-');
  const { projectId, taskOf, notes } = await seed(dataDir, imgDir, big ? [...scenes, big] : scenes);
  for (const n of notes) console.log(`  ${n}`);
  const bundle = (await build({ entryPoints: [path.join(ROOT, 'tests/bench/pages/image/naive.ts')], bundle: true, write: false, format: 'iife', minify: true, logLevel: 'silent' })).outputFiles[0].text;
  const server = await startServer({ dataDir, demo: false });
  const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  const rows: (string | number)[][] = [];
  const results = new Map<Scene, { ours: Ours; naive: Naive | null }>();
  let floor: Floor | null = null;
  const urlOf = (s: Scene) => `${server.url}#/p/${encodeURIComponent(projectId)}/t/${encodeURIComponent(taskOf.get(s)!)}`;
  try {
    for (const s of big ? [...scenes, big] : scenes) {
      const ours = await measureOurs(browser, urlOf(s), s);
      const naive = s === big && process.env.IMAGE_BENCH_NO_NAIVE_10X ? null : await measureNaive(browser, bundle, s === big ? bigPreview : s.file, s, ours.box);
      results.set(s, { ours, naive });
      floor ??= await measureFloor(browser, ours.box);
      console.log(`  measured ${s.n} polygons on ${s.w}×${s.h} (ours ${ours.panzoom.length}+${ours.drag.length} frames${naive ? `, naive ${naive.panzoom.length}+${naive.drag.length} frames` : ''})`);
      if (s === big) continue;
      const op = stats(ours.panzoom), od = stats(ours.drag), sv = stats(ours.saves);
      const np = stats(naive!.panzoom), nd = stats(naive!.drag);
      rows.push([
        s.n.toLocaleString('en'), op.mean, op.p95, np.mean, np.p95, `${(np.mean / op.mean).toFixed(0)}×`, od.mean, od.p95, nd.mean, nd.p95, `${(nd.mean / od.mean).toFixed(0)}×`,
        Math.max(...ours.sharp), ours.open, naive!.open, sv.p50, sv.p99, ours.mem / 2 ** 20, naive!.mem / 2 ** 20,
      ]);
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
  const one = scenes.length ? results.get(scenes[scenes.length - 1]) : undefined;
  const ten = big ? results.get(big) : undefined;
  if (big && ten) printTable(`10× scene: ${big.n.toLocaleString('en')} polygons on a ${big.w}×${big.h} tiled image, beside the 1× row (${one ? `${scenes[scenes.length - 1].n.toLocaleString('en')} on ${W}×${H}` : 'not run'}) and the naive page at 10×`,
    ['measure', 'goal', 'ours 10×', 'ours 1×', 'naive Konva 10×', 'floor: a bitmap moved by CSS'], tenRows(ten, one, floor));
  console.log('Frame = interval between animation frames with one input event each, frame-rate limit off. Ours: the real app on `tagger serve`;');
  console.log('open = navigation start to first sharp frame with the document loaded; autosave = pointer-up to the core\'s acknowledgement;');
  console.log('first frame = first input event of a pan or a zoom → the next frame starts (its frame done); presented = first input event of a pan or a zoom from rest');
  console.log('→ the frame that shows it presented (Chromium trace); floor = the same on a page that only moves one bitmap by CSS; sharp after rest = last input → bitmap redrawn and tiles loaded.');
}

const max = (a: number[]) => (a.length ? Math.max(...a) : 'none');
const p50 = (a: number[]) => (a.length ? stats(a).p50 : 'none');

function tenRows(ten: { ours: Ours; naive: Naive | null }, one: { ours: Ours; naive: Naive | null } | undefined, floor: Floor | null): (string | number)[][] {
  const o = ten.ours, n = ten.naive, b = one?.ours, f = floor;
  const na = 'not run';
  return [
    ['pan/zoom frame, mean', '< 16.7', stats(o.panzoom).mean, b ? stats(b.panzoom).mean : na, n ? stats(n.panzoom).mean : na, ''],
    ['pan/zoom frame, p95', '< 16.7', stats(o.panzoom).p95, b ? stats(b.panzoom).p95 : na, n ? stats(n.panzoom).p95 : na, ''],
    ['first frame of a gesture, max', '< 16.7', max(o.firsts), b ? max(b.firsts) : na, n ? max(n.firsts) : na, f ? max(f.firsts) : na],
    ['first frame presented, p50', 'floor + < 16.7', p50(o.presented), b ? p50(b.presented) : na, n ? p50(n.presented) : na, f ? p50(f.presented) : na],
    ['first frame presented, max', '', max(o.presented), b ? max(b.presented) : na, n ? max(n.presented) : na, f ? max(f.presented) : na],
    ['sharp view after rest, max', '< 1000', Math.max(...o.sharp), b ? Math.max(...b.sharp) : na, 'never blurred', ''],
    ['vertex drag frame, mean', '< 16.7', stats(o.drag).mean, b ? stats(b.drag).mean : na, n ? stats(n.drag).mean : na, ''],
    ['vertex drag frame, p95', '< 16.7', stats(o.drag).p95, b ? stats(b.drag).p95 : na, n ? stats(n.drag).p95 : na, ''],
    ['open, ready to edit', '< 3000', o.open, b ? b.open : na, n ? n.open : na, ''],
    ['autosave of one vertex move, p50', '', stats(o.saves).p50, b ? stats(b.saves).p50 : na, '', ''],
    ['JS heap after GC, MB', '< 500', o.mem / 2 ** 20, b ? b.mem / 2 ** 20 : na, n ? n.mem / 2 ** 20 : na, ''],
    ['image tiles in the page at the end', '', String(o.tiles), b ? String(b.tiles) : na, '', ''],
  ];
}

await main();
