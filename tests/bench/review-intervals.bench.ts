// Review mode for long text and long audio: 3 versions × N spans of one text, and 3 versions × N segments of one
// recording, side by side with the draft consensus. Measures opening the item until every column or lane is drawn,
// J (next disagreement) until the new current object is painted, and scrolling the audio lanes. Runs the real app
// from `tagger serve`; the versions are seeded into SQLite as an import with --annotator would. Reports; never fails
// on time. REVIEW_BENCH_SPANS sets N (default 10,000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createCore } from '../../electron/core/createCore.ts';
import { VersionRepository } from '../../electron/review/versions.ts';
import { startServer, tempDataDir } from '../support/server.ts';
import { CHROMIUM, printTable, selfTimeRows, stats } from './table.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import { writeLongWav } from './pages/audio/wavFile.ts';

const N = Number(process.env.REVIEW_BENCH_SPANS ?? 10_000);
const AUDIO_S = 20 * 60;
const LABELS = ['person', 'place', 'org'];

function rng(seed: number) { return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); }

/** n intervals over [0, length), one per slot; each annotator's copy is shifted a little, ~5 % dropped and relabelled. */
function intervals(n: number, length: number, who: number, integer: boolean): ObjectInput[] {
  const base = rng(11), r = rng(200 + who), slot = length / n;
  const out: ObjectInput[] = [];
  for (let i = 0; i < n; i++) {
    const from = i * slot + base() * slot * 0.2, to = from + slot * (0.4 + base() * 0.3);
    let label = Math.floor(base() * LABELS.length);
    if (r() < 0.05) continue;
    if (r() < 0.05) label = (label + 1) % LABELS.length;
    const d = (r() - 0.5) * slot * 0.05;
    const start = integer ? Math.max(0, Math.round(from + d)) : +(from + d).toFixed(3), end = integer ? Math.round(to + d) : +(to + d).toFixed(3);
    if (end <= start) continue;
    out.push({ id: `s${i}`, kind: integer ? 'span' : 'segment', label: LABELS[label], geometry: integer ? { start, end } : { start, end, tier: 'speech' }, attributes: {}, origin: 'human', z: i, hidden: false, locked: false } as ObjectInput);
  }
  return out;
}


async function seed(dataDir: string): Promise<{ projectId: string; text: string; audio: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-review-intervals-'));
  const words = ['alpha', 'beta', 'gamma', 'delta', 'Lisbon', 'Acme', 'river', 'north', 'market', 'station'];
  const r = rng(3);
  let text = '';
  while (text.length < N * 60) text += (r() < 0.08 ? '\n\n' : '') + words[Math.floor(r() * words.length)] + ' ';
  fs.writeFileSync(path.join(dir, 'long.txt'), text);
  writeLongWav(path.join(dir, 'long.wav'), AUDIO_S, 8000);
  const core = createCore({ dataDir });
  const project = core.projects.create({ name: 'Review bench', schema: {
    text: { labels: LABELS.map((id, i) => ({ id, name: id, color: ['#e6194b', '#3cb44b', '#4363d8'][i], hotkey: String(i + 1) })), attributes: [] },
    audio: { labels: LABELS.map((id, i) => ({ id, name: id, color: ['#e6194b', '#3cb44b', '#4363d8'][i], hotkey: String(i + 1) })), attributes: [], tiers: [{ id: 'speech', name: 'Speech' }] },
  } });
  await core.imports.importPaths(project.id, [dir]);
  const tasks = core.tasks.list(project.id);
  const textTask = tasks.find((t) => t.name === 'long.txt')!.id, audioTask = tasks.find((t) => t.name === 'long.wav')!.id;
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  ['amara', 'bruno', 'chen'].forEach((who, i) => {
    versions.put(textTask, who, intervals(N, text.length, i, true), 'bench');
    versions.put(audioTask, who, intervals(N, AUDIO_S, i, false), 'bench');
  });
  await core.close();
  return { projectId: project.id, text: textTask, audio: audioTask };
}

/** Ms from pressing J until the frame after the current object changed, n times. */
async function nextDisagreement(page: Page, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await page.evaluate(async () => {
      const before = document.querySelector('.rv-current');
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
      for (let k = 0; k < 600; k++) {
        await new Promise((r) => requestAnimationFrame(r));
        const now = document.querySelector('.rv-current');
        if (now && now !== before) break;
      }
      return performance.now() - t0;
    }));
  }
  return out;
}

async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const el = document.querySelector('.rv-lanes') as HTMLElement;
    const frame = () => new Promise<number>((res) => requestAnimationFrame(res));
    const out: number[] = [];
    let prev = await frame();
    for (let i = 0; i < 120; i++) {
      el.scrollLeft += 400;
      const t = await frame();
      out.push(t - prev);
      prev = t;
    }
    return out;
  });
}

const dataDir = tempDataDir('tagger-review-intervals-bench-');
const ids = await seed(dataDir);
const server = await startServer({ dataDir, demo: false });
const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
const rows: (string | number)[][] = [];
try {
  for (const kind of (process.env.REVIEW_BENCH_KIND ? [process.env.REVIEW_BENCH_KIND] : ['text', 'audio']) as ('text' | 'audio')[]) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    const t0 = Date.now();
    await page.goto(`${server.url}#/p/${encodeURIComponent(ids.projectId)}/review/${encodeURIComponent(ids[kind])}`);
    if (kind === 'text') await page.locator('.rv-text mark').first().waitFor({ timeout: 180_000 });
    else await page.locator('.rv-seg').first().waitFor({ timeout: 180_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const openMs = Date.now() - t0;
    const heap = await page.evaluate(() => { (window as unknown as { gc?: () => void }).gc?.(); return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0; });
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const cdp = process.env.REVIEW_BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
    const j = stats(await nextDisagreement(page, 15));
    if (cdp) {
      // REVIEW_BENCH_PROFILE=1: where the main thread spent the J presses (self time by function)
      printTable(`${kind}: J presses, CPU profile, self time`, ['function', 'ms'], selfTimeRows((await cdp.send('Profiler.stop')).profile, 12));
    }
    rows.push([`${kind}: open until drawn`, openMs, '', '']);
    rows.push([`${kind}: J → next disagreement painted`, j.mean, j.p95, j.max]);
    if (kind === 'audio') {
      if (cdp) { await cdp.send('Profiler.start'); }
      const s = stats(await scrollFrames(page));
      if (cdp) {
        printTable('audio: lanes scroll, CPU profile, self time', ['function', 'ms'], selfTimeRows((await cdp.send('Profiler.stop')).profile, 12));
      }
      rows.push(['audio: lanes scroll frame', s.mean, s.p95, s.max]);
    }
    rows.push([`${kind}: DOM elements`, nodes, '', '']);
    rows.push([`${kind}: JS heap MB`, heap / 1e6, '', '']);
    await page.close();
  }
  printTable(`Review of long items: 3 versions × ${N.toLocaleString('en')} spans (text of ${(N * 60 / 1e6).toFixed(1)} MB) or segments (${AUDIO_S / 60} min recording) + the draft, Chromium without GPU (ms)`, ['case', 'mean', 'p95', 'max'], rows);
} finally {
  await browser.close();
  await server.stop();
}
