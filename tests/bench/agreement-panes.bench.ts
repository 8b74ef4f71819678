// Review mode with 3 versions × 3,000 polygons of one 4000×3000 image side by side (plus the draft consensus pane):
// frame time while one pane is panned and wheel-zoomed and every pane follows. Frame time = interval between
// animation frames with one input event per frame and Chromium's frame-rate limit off (as image-canvas.bench.ts),
// so it is the real cost of a frame, not the 16.7 ms vsync. Runs the real app from `tagger serve`; the versions are
// seeded into SQLite as an import with --annotator would. Reports; never fails on time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium, type Page } from '@playwright/test';
import { createCore } from '../../electron/core/createCore.ts';
import { VersionRepository } from '../../electron/review/versions.ts';
import { startServer, tempDataDir } from '../support/server.ts';
import { CHROMIUM, printTable, selfTimeRows, stats } from './table.ts';
import type { ObjectInput } from '../../shared/domain.ts';

const W = 4000, H = 3000, N = Number(process.env.REVIEW_BENCH_POLYGONS ?? 3000), FRAMES = 120, MAX_MS = 8000;
const LABELS = [['car', '#e6194b'], ['person', '#3cb44b'], ['building', '#4363d8'], ['tree', '#f58231']] as const;

function rng(seed: number) { return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); }

/** n 12-vertex polygons; each annotator's copy is jittered, ~5 % dropped and ~5 % relabelled. */
function version(n: number, who: number): ObjectInput[] {
  const base = rng(7), r = rng(100 + who);
  const out: ObjectInput[] = [];
  for (let i = 0; i < n; i++) {
    const rad = 10 + base() * 30, cx = rad + base() * (W - 2 * rad), cy = rad + base() * (H - 2 * rad);
    let label = Math.floor(base() * LABELS.length);
    if (r() < 0.05) continue;
    if (r() < 0.05) label = (label + 1) % LABELS.length;
    const dx = (r() - 0.5) * 6, dy = (r() - 0.5) * 6;
    const points: number[] = [];
    for (let k = 0; k < 12; k++) { const a = (k / 12) * Math.PI * 2; points.push(+(cx + dx + rad * Math.cos(a)).toFixed(2), +(cy + dy + rad * Math.sin(a)).toFixed(2)); }
    out.push({ id: `p${i}`, kind: 'polygon', label: LABELS[label][0], geometry: { points }, attributes: {}, origin: 'human', z: i, hidden: false, locked: false });
  }
  return out;
}

async function seed(dataDir: string): Promise<{ projectId: string; taskId: string; itemMs: number }> {
  const imgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-review-bench-img-'));
  await sharp({ create: { width: W, height: H, channels: 3, background: { r: 70, g: 80, b: 90 } } }).jpeg({ quality: 80 }).toFile(path.join(imgDir, 'review.jpg'));
  const core = createCore({ dataDir });
  const project = core.projects.create({ name: 'Review bench', schema: { image: { labels: LABELS.map(([id, color], i) => ({ id, name: id, color, hotkey: String(i + 1) })), attributes: [] } } });
  await core.imports.importPaths(project.id, [imgDir]);
  const taskId = core.tasks.list(project.id)[0].id;
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  ['amara', 'bruno', 'chen'].forEach((who, i) => versions.put(taskId, who, version(N, i), 'bench'));
  // Opening the item once matches the versions and builds the draft (what the page's first open would pay).
  const t0 = performance.now();
  await core.dispatch('review.item', [taskId]);
  const itemMs = performance.now() - t0;
  await core.close();
  return { projectId: project.id, taskId, itemMs };
}

async function frames(page: Page, mode: 'pan' | 'zoom'): Promise<number[]> {
  return page.evaluate(async ({ mode, n, maxMs }) => {
    const el = document.querySelector('[data-testid=review-pane]') as HTMLElement;
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const fire = (type: string, x: number, y: number, buttons: number) =>
      el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: type === 'pointermove' ? -1 : 0, buttons, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
    const frame = () => new Promise<number>((res) => requestAnimationFrame(res));
    const out: number[] = [];
    const t0 = performance.now();
    if (mode === 'pan') fire('pointerdown', cx, cy, 1);
    let prev = await frame();
    for (let i = 0; i < n && performance.now() - t0 < maxMs; i++) {
      const a = (i / 30) * Math.PI * 2;
      if (mode === 'pan') fire('pointermove', cx + 80 * Math.sin(a), cy + 80 * (1 - Math.cos(a)), 1);
      else el.dispatchEvent(new WheelEvent('wheel', { clientX: cx + 60 * Math.sin(a), clientY: cy + 40 * Math.cos(a), deltaY: i % 2 ? 100 : -100, bubbles: true, cancelable: true }));
      const t = await frame();
      out.push(t - prev);
      prev = t;
    }
    if (mode === 'pan') fire('pointerup', cx, cy, 0);
    return out;
  }, { mode, n: FRAMES, maxMs: MAX_MS });
}

const dataDir = tempDataDir('tagger-review-bench-');
const { projectId, taskId, itemMs } = await seed(dataDir);
const server = await startServer({ dataDir, demo: false });
const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const t0 = Date.now();
  await page.goto(`${server.url}#/p/${encodeURIComponent(projectId)}/review/${encodeURIComponent(taskId)}`);
  await page.locator('[data-testid=review-pane][data-ready=true]').nth(3).waitFor({ timeout: 120_000 });
  const openMs = Date.now() - t0;
  await page.waitForTimeout(500);
  const cdp = process.env.REVIEW_BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  const pan = stats(await frames(page, 'pan'));
  await page.waitForTimeout(400);
  const zoom = stats(await frames(page, 'zoom'));
  if (cdp) {
    // REVIEW_BENCH_PROFILE=1: where the main thread spent the pan and zoom frames (self time by function)
    printTable('Review panes pan/zoom CPU profile, self time', ['function', 'ms'], selfTimeRows((await cdp.send('Profiler.stop')).profile));
  }
  const panes = await page.locator('[data-testid=review-pane]').count();
  printTable(`Review panes: 3 versions × ${N.toLocaleString('en')} polygons + the draft consensus (${panes} panes) of one ${W}×${H} image, synchronized pan/zoom, Chromium without GPU (ms; goal < 16.7 ms a frame)`,
    ['case', 'mean', 'p50', 'p95', 'p99', 'max'], [
      ['pan (drag in one pane, all follow)', pan.mean, pan.p50, pan.p95, pan.p99, pan.max],
      ['wheel zoom (one pane, all follow)', zoom.mean, zoom.p50, zoom.p95, zoom.p99, zoom.max],
      ['open the item: match + consensus in the core (first time)', itemMs, '', '', '', ''],
      ['open the item in the page until every pane is drawn', openMs, '', '', '', ''],
    ]);
} finally {
  await browser.close();
  await server.stop();
}
