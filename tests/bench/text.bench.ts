// Text workspace performance on a 1 MB document with 10,000 spans (and the 10× one: 10 MB, 100,000 spans), imported from CoNLL through our importer and
// opened in the real app from a real `tagger serve`, beside a NAIVE page that renders the whole document with a
// <mark> per span and re-renders it on every added span (what most web taggers do). Measures: open to the text on
// screen (the workspace mounts while the spans still arrive) and to interactive (every span in),
// label key → span painted, double-click → span painted, scroll frame time (one scroll step per animation frame,
// frame-rate limit off so it is the real cost of a frame), JS heap after GC. Bounded to a few minutes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createCore } from '../../electron/core/createCore.ts';
import { startServer, tempDataDir } from '../support/server.ts';
import { CHROMIUM, printTable, stats } from './table.ts';
import { parseConll } from '../../shared/formats/text/conll.ts';

/** The 1× document and the 10× one of issue #15 (10 MB, 100,000 spans; TEXT_BENCH_NO_10X=1 skips it). */
interface Doc { name: string; bytes: number; spans: number }
const DOCS: Doc[] = [{ name: 'big.conll', bytes: 1_000_000, spans: 10_000 }, ...(process.env.TEXT_BENCH_NO_10X ? [] : [{ name: 'big10x.conll', bytes: 10_000_000, spans: 100_000 }])];
const KEY_SAMPLES = Number(process.env.TEXT_BENCH_SAMPLES ?? 15);
const SCROLL_FRAMES = 150;
const VIEWPORT = { width: 1280, height: 800 };
const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A CoNLL document of about `bytes` of text with exactly `spans` entity spans (1–3 tokens each), sentences of 8–24 tokens. */
function makeConll({ bytes: TARGET_BYTES, spans: SPANS }: Doc): string {
  const r = rng(42);
  const words = ['harbour', 'authority', 'announced', 'director', 'operations', 'shipping', 'terminal', 'container', 'years', 'press', 'briefing', 'rail', 'link', 'freight', 'bank', 'ministry', 'the', 'of', 'and', 'a', 'to', 'in', 'with', 'on', 'new', 'will', 'was', 'from', 'Zoë', 'café', 'naïve'];
  const names = ['Okafor', 'Rotterdam', 'Hamburg', 'Venlo', 'Duisburg', 'Nordlicht', 'Maasvlakte', 'Amara', 'Pieter', 'Vries', 'Kyoto', 'Cairo'];
  const tokens: string[] = [];
  let bytes = 0;
  // Roughly 1 token in 17 starts an entity: 10,000 spans over ~170,000 tokens.
  const totalTokensEstimate = TARGET_BYTES / 6.6;
  const every = totalTokensEstimate / SPANS;
  let spans = 0;
  let sentenceLeft = 8 + Math.floor(r() * 16);
  const out: string[] = ['-DOCSTART- -X- -X- O', ''];
  while (bytes < TARGET_BYTES || spans < SPANS) {
    if (spans < SPANS && r() < 1 / every) {
      const type = TYPES[Math.floor(r() * TYPES.length)];
      const len = 1 + Math.floor(r() * 3);
      for (let k = 0; k < len; k++) { const w = names[Math.floor(r() * names.length)]; out.push(`${w} NNP I-NP ${k ? 'I' : 'B'}-${type}`); bytes += w.length + 1; tokens.push(w); }
      spans++;
    } else {
      const w = words[Math.floor(r() * words.length)];
      out.push(`${w} NN I-NP O`);
      bytes += Buffer.byteLength(w) + 1;
    }
    if (--sentenceLeft <= 0) { out.push(''); sentenceLeft = 8 + Math.floor(r() * 16); }
  }
  return out.join('\n') + '\n';
}

/** tsx keeps function names with a __name() helper that does not exist in the page; give the page one. */
async function withNameHelper(page: Page): Promise<Page> {
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  return page;
}

async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

async function heapMb(page: Page): Promise<number> {
  return page.evaluate(async () => {
    (window as unknown as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 50));
    return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN) / 1048576;
  });
}

/** Installs a probe: the time from the triggering input event to the frame after a new span tag appears (a tag
 *  element that was not there before: ours has data-span ids; the naive page's marks are counted). */
async function installProbe(page: Page, tagSelector: string, rootSelector: string) {
  await page.evaluate(([tagSelector, rootSelector]) => {
    const w = window as unknown as { __arm: (type: string) => void; __result: Promise<number> | null };
    w.__arm = (type: string) => { w.__result = new Promise<number>((resolve) => {
      const root = document.querySelector(rootSelector)!;
      const tags = () => root.querySelectorAll<HTMLElement>(tagSelector);
      const before = new Set([...tags()].map((t) => t.dataset.span).filter(Boolean));
      const count = tags().length;
      let t0 = 0;
      const onEv = (e: Event) => { t0 = e.timeStamp; };
      window.addEventListener(type, onEv, { capture: true, once: true });
      const appeared = () => {
        const list = tags();
        if (!before.size) return list.length > count;
        for (const t of list) if (t.dataset.span && !before.has(t.dataset.span)) return true;
        return false;
      };
      const timer = setTimeout(() => { mo.disconnect(); resolve(-1); }, 5000);
      const mo = new MutationObserver(() => {
        if (!appeared()) return;
        mo.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      });
      mo.observe(root, { childList: true, subtree: true });
    }); };
  }, [tagSelector, rootSelector] as const);
}

/** Arms the probe (awaited, so it is in place before the input is sent), runs the input, returns the time. */
async function probe(page: Page, type: string, input: () => Promise<void>): Promise<number> {
  await page.evaluate((type) => (window as unknown as { __arm: (t: string) => void }).__arm(type), type);
  await input();
  return page.evaluate(() => (window as unknown as { __result: Promise<number> }).__result);
}

/** Selects a plain (untagged) word on screen; returns its centre for double-clicks. */
async function pickWord(page: Page, segSelector: string, rootSelector: string, skip: number, select: boolean) {
  return page.evaluate(([segSelector, rootSelector, skip, select]) => {
    const root = document.querySelector(rootSelector as string)!;
    const view = root.getBoundingClientRect();
    let seen = 0;
    for (const seg of root.querySelectorAll<HTMLElement>(segSelector as string)) {
      const node = seg.firstChild as Text | null;
      if (!node || node.nodeType !== 3) continue;
      const re = /\b[a-z]{5,}\b/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const b = range.getBoundingClientRect();
        if (b.top < view.top + 40 || b.bottom > Math.min(view.bottom, innerHeight) - 40 || b.width === 0) continue;
        if (seen++ < (skip as number)) continue;
        if (select) { const s = getSelection()!; s.removeAllRanges(); s.addRange(range); }
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
    }
    return null;
  }, [segSelector, rootSelector, skip, select] as const);
}

async function scrollFrames(page: Page, scrollerSelector: string): Promise<number[]> {
  return page.evaluate(([sel, frames]) => new Promise<number[]>((resolve) => {
    const el = document.querySelector(sel as string) as HTMLElement;
    const out: number[] = [];
    let last = performance.now();
    let n = 0;
    const step = () => {
      const now = performance.now();
      if (n > 0) out.push(now - last);
      last = now;
      if (n++ >= (frames as number)) return resolve(out);
      el.scrollTop += 120;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), [scrollerSelector, SCROLL_FRAMES] as const);
}

/** open: to interactive (every span in); shown: to the text on screen (the workspace mounts before the spans arrive). */
interface Measures { open: number[]; shown: number[]; key: number[]; dbl: number[]; frames: number[]; heap: number }

async function measureOurs(page: Page, url: string, d: Doc): Promise<Measures> {
  await page.goto(url);
  // The app reopens the project it showed last (the second document's run finds it open).
  const openProject = page.getByRole('button', { name: 'Open project Bench' });
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await openProject.or(queue).first().waitFor({ timeout: 120_000 });
  if (await openProject.isVisible()) await openProject.click();
  const open: number[] = [];
  const shown: number[] = [];
  for (let i = 0; i < 3; i++) {
    await queue.getByRole('button', { name: /small\.txt/ }).click();
    await page.getByRole('document', { name: 'Document' }).waitFor();
    const t0 = Date.now();
    await queue.getByRole('button', { name: d.name }).click();
    // The big document's rows (the small one has one), with or without their spans.
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Document"] .tx-row').length > 20, null, { polling: 'raf', timeout: 120000 });
    shown.push(Date.now() - t0);
    await page.waitForFunction((n) => document.querySelector('#tx-spans-h')?.textContent?.includes(`Spans (${n})`) && document.querySelectorAll('[aria-label="Document"] .tx-tag').length > 0, d.spans, { polling: 'raf', timeout: 120000 });
    await settle(page);
    open.push(Date.now() - t0);
  }
  const root = '[aria-label="Document"]';
  await installProbe(page, '.tx-tag', root);
  const key: number[] = [];
  const dbl: number[] = [];
  const doc = page.getByRole('document', { name: 'Document' });
  // As after selecting with the mouse: the document has the focus.
  await doc.focus();
  for (let i = 0; i < KEY_SAMPLES; i++) {
    await doc.evaluate((el, i) => { el.scrollTop = 3000 + i * 1500; }, i);
    await settle(page);
    if (!(await pickWord(page, '.tx-seg:not(.tx-marked)', root, 0, true))) continue;
    const k = await probe(page, 'keydown', () => page.keyboard.press('1'));
    if (k < 0) console.log('ours: key sample failed', await page.evaluate(() => ({ sel: String(getSelection()), active: document.activeElement?.outerHTML.slice(0, 80), heading: document.querySelector('#tx-spans-h')?.textContent })));
    else key.push(k);
    await settle(page);
    const w = await pickWord(page, '.tx-seg:not(.tx-marked)', root, 3, false);
    if (!w) continue;
    const d = await probe(page, 'dblclick', () => page.mouse.dblclick(w.x, w.y));
    if (d < 0) console.log('ours: double-click sample failed');
    else dbl.push(d);
    await settle(page);
  }
  await doc.evaluate((el) => { el.scrollTop = 0; });
  await settle(page);
  const frames = await scrollFrames(page, root);
  return { open, shown, key, dbl, frames, heap: await heapMb(page) };
}

/** The naive page: whole document as HTML with a <mark> per span, rebuilt on every added span. */
const NAIVE_SCRIPT = `
window.naive = { text: '', spans: [] };
function esc(s) { return s.replace(/[&<>]/g, (c) => c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'); }
function render() {
  const { text, spans } = window.naive;
  const sorted = spans.slice().sort((a, b) => a.start - b.start);
  let html = '', at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    html += '<span data-o="' + at + '">' + esc(text.slice(at, s.start)) + '</span><mark data-o="' + s.start + '" class="m-' + s.label + '">' + esc(text.slice(s.start, s.end)) + '<sup>' + s.label + '</sup></mark>';
    at = s.end;
  }
  html += '<span data-o="' + at + '">' + esc(text.slice(at)) + '</span>';
  document.getElementById('doc').innerHTML = html;
}
function offsetOf(node, off) { const el = node.nodeType === 3 ? node.parentElement : node; return Number(el.closest('[data-o]').dataset.o) + (node.nodeType === 3 ? off : 0); }
function add(start, end) { if (end > start) { window.naive.spans.push({ start, end, label: 'PER' }); render(); } }
addEventListener('keydown', (e) => {
  if (e.key !== '1') return;
  const sel = getSelection(); if (!sel.rangeCount || sel.isCollapsed) return;
  const r = sel.getRangeAt(0); add(offsetOf(r.startContainer, r.startOffset), offsetOf(r.endContainer, r.endOffset)); sel.removeAllRanges();
});
addEventListener('dblclick', (e) => {
  const r = document.caretRangeFromPoint(e.clientX, e.clientY); if (!r) return;
  const o = offsetOf(r.startContainer, r.startOffset); const t = window.naive.text;
  let a = o, b = o; while (a > 0 && /\\w/.test(t[a - 1])) a--; while (b < t.length && /\\w/.test(t[b])) b++;
  getSelection().removeAllRanges(); add(a, b);
});`;

async function measureNaive(page: Page, text: string, spans: { start: number; end: number; label: string }[], samples: number): Promise<Measures> {
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>body{margin:0;font:15px/22px Georgia,serif}#doc{height:100vh;overflow:auto;white-space:pre-wrap;padding:8px 16px;box-sizing:border-box}mark{background:#e6194b55;color:inherit}sup{font:10px sans-serif}</style><div id="doc"></div><script>${NAIVE_SCRIPT}</script>`);
  await page.evaluate('window.__name = (f) => f;');
  const open: number[] = [];
  for (let i = 0; i < 3; i++) {
    open.push(await page.evaluate(([text, spans]) => new Promise<number>((resolve) => {
      const t0 = performance.now();
      const w = window as unknown as { naive: { text: string; spans: unknown[] }; render: () => void };
      w.naive.text = text as string;
      w.naive.spans = (spans as unknown[]).slice();
      w.render();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    }), [text, spans] as const));
  }
  await installProbe(page, 'mark', '#doc');
  const key: number[] = [];
  const dbl: number[] = [];
  for (let i = 0; i < Math.min(KEY_SAMPLES, samples); i++) {
    await page.evaluate((i) => { document.getElementById('doc')!.scrollTop = 3000 + i * 1500; }, i);
    await settle(page);
    if (!(await pickWord(page, 'span[data-o]', '#doc', 0, true))) continue;
    const k = await probe(page, 'keydown', () => page.keyboard.press('1'));
    if (k >= 0) key.push(k);
    const w = await pickWord(page, 'span[data-o]', '#doc', 3, false);
    if (!w) continue;
    const d = await probe(page, 'dblclick', () => page.mouse.dblclick(w.x, w.y));
    if (d >= 0) dbl.push(d);
  }
  await page.evaluate(() => { document.getElementById('doc')!.scrollTop = 0; });
  await settle(page);
  const frames = await scrollFrames(page, '#doc');
  return { open, shown: open, key, dbl, frames, heap: await heapMb(page) };
}

interface Result { doc: Doc; spanCount: number; mb: number; ours: Measures; naive: Measures }

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-text-'));
  const texts = new Map<Doc, { text: string; spans: { start: number; end: number; label: string }[] }>();
  for (const d of DOCS) {
    const conll = makeConll(d);
    fs.writeFileSync(path.join(work, d.name), conll);
    const { docs } = parseConll(conll);
    texts.set(d, docs[0]);
  }
  fs.writeFileSync(path.join(work, 'small.txt'), 'A small document to switch away from and back.\n');
  const dataDir = tempDataDir('tagger-bench-text-data-');
  const core = createCore({ dataDir });
  const project = core.projects.create({
    name: 'Bench',
    schema: { text: { labels: ['person', 'organization', 'location', 'misc'].map((id, i) => ({ id, name: id[0].toUpperCase() + id.slice(1), color: ['#e6194b', '#3cb44b', '#4363d8', '#911eb4'][i], hotkey: String(i + 1) })), attributes: [] } },
  });
  const t0 = performance.now();
  const report = await core.imports.importPaths(project.id, [...DOCS.map((d) => path.join(work, d.name)), path.join(work, 'small.txt')]);
  const importMs = performance.now() - t0;
  const spanCount = new Map(DOCS.map((d) => [d, core.annotations.list(core.tasks.list(project.id).find((t) => t.name === d.name)!.id).length]));
  await core.close();
  for (const d of DOCS) {
    const text = texts.get(d)!.text;
    console.log(`Document ${d.name}: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB UTF-8, ${text.length} UTF-16 units, ${text.split('\n').length} lines, ${spanCount.get(d)} spans.`);
  }
  console.log(`CoNLL import of all of them ${importMs.toFixed(0)} ms (${report.imported} items, ${report.failed.length} failed). Load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (absolute times scale with it; compare the ratio).`);

  const server = await startServer({ dataDir, demo: false });
  const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  const results: Result[] = [];
  try {
    for (const [i, d] of DOCS.entries()) {
      const ctx = await browser.newContext({ viewport: VIEWPORT });
      const ours = await measureOurs(await withNameHelper(await ctx.newPage()), server.url, d);
      await ctx.close();
      const ctx2 = await browser.newContext({ viewport: VIEWPORT });
      const { text, spans } = texts.get(d)!;
      const naive = await measureNaive(await withNameHelper(await ctx2.newPage()), text, spans, i ? 3 : 6);
      await ctx2.close();
      results.push({ doc: d, spanCount: spanCount.get(d)!, mb: Buffer.byteLength(text) / 1e6, ours, naive });
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const [one, ten] = results;
  const row = (name: string, pick: (m: Measures) => number[]) => {
    const a = stats(pick(one.ours)), b = stats(pick(one.naive));
    return [[`${name} mean`, a.mean, b.mean, b.mean / a.mean], [`${name} p95`, a.p95, b.p95, b.p95 / a.p95]];
  };
  printTable(`Text workspace, ${one.mb.toFixed(1)} MB / ${one.spanCount} spans (ms unless noted; ours: real app + tagger serve; naive: data already in the page)`, ['measure', 'ours', 'naive <mark> page', 'naive / ours'], [
    ['open → text on screen (mean of 3)', stats(one.ours.shown).mean, stats(one.naive.shown).mean, stats(one.naive.shown).mean / stats(one.ours.shown).mean],
    ['open → interactive (mean of 3)', stats(one.ours.open).mean, stats(one.naive.open).mean, stats(one.naive.open).mean / stats(one.ours.open).mean],
    ...row('label key → span painted', (m) => m.key),
    ...row('double-click → span painted', (m) => m.dbl),
    ...row('scroll frame time', (m) => m.frames),
    ['scroll frames over 16.7 ms (%)', over(one.ours.frames), over(one.naive.frames), ''],
    ['JS heap after GC (MB)', one.ours.heap, one.naive.heap, one.naive.heap / one.ours.heap],
    ['samples (key / double-click / frames)', samples(one.ours), samples(one.naive), ''],
  ]);
  if (ten) {
    const col = (pick: (m: Measures) => number[], f: 'mean' | 'p95') => [stats(pick(ten.ours))[f], stats(pick(one.ours))[f], stats(pick(ten.naive))[f]];
    printTable(`10× document: ${ten.mb.toFixed(1)} MB / ${ten.spanCount} spans, beside the 1× row and the naive page at 10× (ms unless noted)`, ['measure', 'goal', 'ours 10×', 'ours 1×', 'naive 10×'], [
      ['open → text on screen (mean of 3)', '', ...col((m) => m.shown, 'mean')],
      ['open → interactive (mean of 3)', '< 2000', ...col((m) => m.open, 'mean')],
      ['label key → span painted, mean', '< 16', ...col((m) => m.key, 'mean')],
      ['label key → span painted, p95', '< 16', ...col((m) => m.key, 'p95')],
      ['double-click → span painted, mean', '< 16', ...col((m) => m.dbl, 'mean')],
      ['double-click → span painted, p95', '< 16', ...col((m) => m.dbl, 'p95')],
      ['scroll frame time, mean', '< 16.7', ...col((m) => m.frames, 'mean')],
      ['scroll frames over 16.7 ms (%)', '', over(ten.ours.frames), over(one.ours.frames), over(ten.naive.frames)],
      ['JS heap after GC (MB)', '', ten.ours.heap, one.ours.heap, ten.naive.heap],
      ['samples (key / double-click / frames)', '', samples(ten.ours), samples(one.ours), samples(ten.naive)],
    ]);
  }
}

const over = (frames: number[]) => (100 * frames.filter((f) => f > 16.7).length) / (frames.length || 1);
const samples = (m: Measures) => `${m.key.length} / ${m.dbl.length} / ${m.frames.length}`;

await main();
