// Audio workspace benchmark, in Debian's Chromium against a real `tagger serve`:
//  1. time from opening a task to an interactive waveform for 1-hour and 3-hour 16 kHz mono WAVs, first open
//     (peaks computed in the core) and later opens (cached), with the page's JS heap;
//  2. frame time while scrolling a waveform zoomed to 100 px/s with 2,000, 10,000 and 50,000 segments: our workspace
//     beside plain wavesurfer.js 7 + regions plugin (tests/bench/pages/audio) fed precomputed peaks;
//  3. autosave latency of one edit (a segment made with [ and ]) until the status bar says Saved, at 10,000 and
//     50,000 segments.
// Bounded to a few minutes: WAVs are written at bench time into a temp dir and imported with the CLI.
// TAGGER_BENCH_AUDIO=autosave runs only the 1-hour WAV and the autosave rows (quick before/after comparisons).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, printTable, stats } from './table.ts';
import { ROOT, startServer, tempDataDir } from '../support/server.ts';
import { writeLongWav } from './pages/audio/wavFile.ts';

const FRAMES = 240;
const PX_PER_FRAME = 20;
const dir = tempDataDir('tagger-bench-audio-');
// 1× (1 h, 3 h) and 10× (10 h) recordings.
const onlyAutosave = process.env.TAGGER_BENCH_AUDIO === 'autosave';
const files = [{ name: 'bench-1h.wav', seconds: 3600 }, { name: 'bench-3h.wav', seconds: 3 * 3600 }, { name: 'bench-10h.wav', seconds: 10 * 3600 }].slice(0, onlyAutosave ? 2 : 3);
for (const f of files) writeLongWav(path.join(dir, f.name), f.seconds);
// 1-hour and 10-hour MP3s (decoded in the core by the mpg123 WebAssembly decoder); Debian's ffmpeg encodes the hour
// for the bench only, and copies its stream ten times for the 10-hour file.
if (!onlyAutosave) try {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', path.join(dir, 'bench-1h.wav'), '-ac', '1', '-b:a', '32k', path.join(dir, 'bench-1h.mp3')], { stdio: 'pipe' });
  files.push({ name: 'bench-1h.mp3', seconds: 3600 });
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-stream_loop', '9', '-i', path.join(dir, 'bench-1h.mp3'), '-c', 'copy', path.join(dir, 'bench-10h.mp3')], { stdio: 'pipe' });
  files.push({ name: 'bench-10h.mp3', seconds: 10 * 3600 });
} catch {
  console.log('(ffmpeg is not installed: the MP3 rows are skipped)');
}
execFileSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', path.join(dir, 'data'), '--project', 'Bench', ...files.map((f) => path.join(dir, f.name))], { cwd: ROOT, stdio: 'pipe' });
for (const f of files) fs.rmSync(path.join(dir, f.name));

const server = await startServer({ dataDir: path.join(dir, 'data'), demo: false });
async function call<T>(method: string, args: unknown[]): Promise<T> {
  const res = await fetch(`${server.origin}/api/call/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tagger-Token': server.token }, body: JSON.stringify(args) });
  const r = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
}
const [project] = await call<{ id: string }[]>('projects.list', []);
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/demo/schema.json'), 'utf8'));
await call('projects.update', [project.id, { schema: { audio: schema.audio } }]);
const tasks = await call<{ id: string; name: string }[]>('tasks.list', [project.id]);
const taskOf = (name: string) => tasks.find((t) => t.name === name)!.id;
const other = (name: string) => (name === 'bench-1h.wav' ? 'bench-3h.wav' : 'bench-1h.wav');

// Static server for the plain wavesurfer page and wavesurfer's own ESM build.
const pages = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = url.pathname.startsWith('/ws/')
    ? path.join(ROOT, 'node_modules/wavesurfer.js/dist', url.pathname.slice(4))
    : path.join(ROOT, 'tests/bench/pages/audio', url.pathname.slice(1) || 'wavesurfer.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
  fs.createReadStream(file).pipe(res);
});
await new Promise<void>((r) => pages.listen(0, '127.0.0.1', r));
const pagesUrl = `http://127.0.0.1:${(pages.address() as { port: number }).port}/wavesurfer.html`;

const browser = await chromium.launch(CHROMIUM);
const started = Date.now();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const cdp = await page.context().newCDPSession(page);
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
  };
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Open project Bench' }).click();
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  // The previous task's waveform stays mounted until the next one loads: mark it, wait for a fresh one.
  const wave = page.locator('[aria-label="Waveform"][data-ready="true"]:not([data-stale])');
  let current = '';
  const open = async (name: string): Promise<number> => {
    if (current === name) await open(other(name));
    current = name;
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('[aria-label="Waveform"]').forEach((e) => { e.dataset.stale = '1'; }));
    const t0 = Date.now();
    await queue.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
    await wave.waitFor({ timeout: 180_000 });
    return Date.now() - t0;
  };

  // 1. Opening: each file once for the first time, then alternately (every open is a real switch of task).
  const first = new Map<string, number>();
  const heap = new Map<string, number>();
  for (const f of onlyAutosave ? [] : files) {
    first.set(f.name, await open(f.name));
    heap.set(f.name, await heapMB());
  }
  const later = new Map<string, number[]>(files.map((f) => [f.name, []]));
  for (let k = 0; k < (onlyAutosave ? 0 : 4); k++) {
    for (const f of files) {
      later.get(f.name)!.push(await open(f.name));
      heap.set(f.name, Math.max(heap.get(f.name)!, await heapMB()));
    }
  }
  const openRows = files.map((f) => [f.name, `${f.seconds / 3600} h ${f.name.endsWith('.mp3') ? 'MP3 32 kb/s' : 'WAV 16 kHz mono'}`, first.get(f.name)!, stats(later.get(f.name)!).p50, stats(later.get(f.name)!).max, heap.get(f.name)!]);
  if (!onlyAutosave) printTable('Open to interactive waveform (ms from the click in the queue; JS heap MB after GC; goal < 1000 ms later, < 100 MB)', ['file', 'length', 'first open (peaks computed)', 'later open p50 (cached, 4×)', 'later open max', 'JS heap MB (max)'], openRows);

  // 2. Scrolling with many segments, ours then plain wavesurfer.
  const hourTask = taskOf('bench-1h.wav');
  const scrollRows: (string | number)[][] = [];
  let have = 0;
  const autosaveRows: (string | number)[][] = [];
  for (const count of onlyAutosave ? [10000, 50000] : [2000, 10000, 50000]) {
    const ops = [];
    for (let i = have; i < count; i++) {
      const slot = (i * 7919) % count; // spread new ones across the hour
      const start = (slot * 3600) / count;
      ops.push({ op: 'put', object: { id: `bench-${i}`, kind: 'segment', label: ['speech', 'music', 'noise'][i % 3], geometry: { start, end: start + (3600 / count) * 2.4, tier: ['speaker_a', 'speaker_b', 'events'][i % 3] }, attributes: i % 10 === 0 ? { transcript: 'so what we did next was' } : {}, origin: i % 5 === 0 ? 'model' : 'human', z: i, hidden: false, locked: false } });
    }
    await call('annotations.edit', [hourTask, { label: `Bench ${count}`, ops }]);
    have = count;
    await open('bench-1h.wav');
    await page.getByRole('list', { name: 'Segments' }).getByRole('listitem').first().waitFor();
    const before = await taskSeconds(cdp);
    const ours = await scrollOurs(page);
    const work = ((await taskSeconds(cdp)) - before) * 1000 / FRAMES;
    const heap = await heapMB();
    scrollRows.push([`ours (canvas + sorted index)`, count, ...frameCols(ours), work, heap]);
    // 3. Autosave latency of one edit at this many segments.
    if (count >= 10000) {
      const lat: number[] = [];
      for (let k = 0; k < 8; k++) lat.push(await oneEdit(page, k));
      const st = stats(lat);
      autosaveRows.push([count, lat.length, st.mean, st.p50, st.p95, st.max]);
    }
  }
  const printAutosave = () => printTable('Autosave latency: [ … ] creates a segment → status bar "Saved ✓" (ms)', ['segments in the task', 'edits', 'mean', 'p50', 'p95', 'max'], autosaveRows);
  if (!onlyAutosave) {
    // The same scroll with the spectrogram shown instead of the waveform (computed in the core on the first S).
    const waveHost = page.locator('[aria-label="Waveform"]');
    await waveHost.focus();
    const s0 = Date.now();
    await page.keyboard.press('s');
    await page.locator('[aria-label="Waveform"][data-view="spectrogram"][data-ready="true"]').waitFor({ timeout: 300_000 });
    const spectroFirst = Date.now() - s0;
    {
      const before = await taskSeconds(cdp);
      const spec = await scrollOurs(page);
      const work = ((await taskSeconds(cdp)) - before) * 1000 / FRAMES;
      scrollRows.push([`ours, spectrogram view (first shown after ${spectroFirst} ms)`, have, ...frameCols(spec), work, await heapMB()]);
    }
    await page.keyboard.press('s');
    const ws = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const wsCdp = await ws.context().newCDPSession(ws);
    // Plain wavesurfer is left at 10,000: its regions are DOM elements, and 50,000 of them take minutes to set up.
    for (const count of [2000, 10000]) {
      await ws.goto(pagesUrl);
      const setup = await ws.evaluate(({ n }) => (window as any).benchSetup(3600, 100, n), { n: count });
      const before = await taskSeconds(wsCdp);
      const deltas = await ws.evaluate(({ f, px }) => (window as any).benchScroll(f, px), { f: FRAMES, px: PX_PER_FRAME });
      const work = ((await taskSeconds(wsCdp)) - before) * 1000 / FRAMES;
      await wsCdp.send('HeapProfiler.collectGarbage');
      const heap = (await wsCdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
      scrollRows.push([`plain wavesurfer.js 7 + regions (setup ${Math.round(setup)} ms)`, count, ...frameCols(deltas), work, heap]);
    }
    printTable(`Scrolling a 1-hour waveform at 100 px/s, ${PX_PER_FRAME} px per frame, ${FRAMES} frames (rAF interval ms; goal < 16.7)`, ['implementation', 'segments', 'mean', 'p50', 'p95', 'max', 'main-thread ms/frame', 'JS heap MB'], scrollRows);
  }
  printAutosave();
  console.log(`(audio-ui bench ran ${((Date.now() - started) / 1000).toFixed(0)} s)`);
} finally {
  await browser.close();
  await server.stop();
  pages.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Seconds the renderer's main thread has spent in tasks (script, style, layout, paint) so far. */
async function taskSeconds(session: import('@playwright/test').CDPSession): Promise<number> {
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

function frameCols(deltas: number[]): number[] {
  const s = stats(deltas.slice(5)); // the first frames include the scroll's warm-up
  return [s.mean, s.p50, s.p95, s.max];
}

/** Zooms our waveform to 100 px/s with one Ctrl+wheel step, then scrolls with wheel events, one per frame. */
async function scrollOurs(page: Page): Promise<number[]> {
  const pps = parseFloat((await page.getByLabel('Zoom level').textContent()) ?? '1');
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  return page.evaluate(`(async () => {
    const host = document.querySelector('[aria-label="Waveform"]');
    const canvas = host.querySelector('canvas');
    const r = canvas.getBoundingClientRect();
    const wheel = (init) => canvas.dispatchEvent(new WheelEvent('wheel', { clientX: r.x + 200, clientY: r.y + 60, bubbles: true, cancelable: true, ...init }));
    wheel({ ctrlKey: true, deltaY: -Math.log(100 / ${pps}) / 0.002 });
    wheel({ deltaX: -1e9 });
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const deltas = [];
    let last = performance.now();
    for (let i = 0; i < ${FRAMES}; i++) {
      wheel({ deltaX: ${PX_PER_FRAME} });
      await new Promise((res) => requestAnimationFrame(res));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    return deltas;
  })()`);
}

/** Seeks, marks [ and ], and times from the ] key to "Saved ✓" in the status bar. */
async function oneEdit(page: Page, k: number): Promise<number> {
  const canvas = page.locator('[aria-label="Waveform"] canvas');
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + 100 + k * 60, box.y + 10);
  await page.keyboard.press('[');
  await page.mouse.click(box.x + 130 + k * 60, box.y + 10);
  const done = page.evaluate(() => new Promise<number>((resolve) => {
    let t0 = 0;
    window.addEventListener('keydown', (e) => { if (e.key === ']') t0 = performance.now(); }, { capture: true, once: true });
    const status = document.querySelector('[aria-label="Save state"]')!;
    let sawSaving = false;
    const mo = new MutationObserver(() => {
      if (status.textContent?.includes('Saving')) sawSaving = true;
      else if (t0 && (sawSaving || status.textContent?.includes('Saved'))) { mo.disconnect(); resolve(performance.now() - t0); }
    });
    mo.observe(status, { childList: true, characterData: true, subtree: true });
  }));
  await page.waitForTimeout(50);
  await page.keyboard.press(']');
  return done;
}
