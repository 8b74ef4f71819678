// The image bench's scenes (generated, never committed): polygons of 12 vertices scattered over an image, and the
// in-page measurements shared by our canvas and the naive page (frame loop, time to a sharp view, JS heap).
import type { Page, Browser } from '@playwright/test';
import { printTable, selfTimeRows } from '../../table.ts';

export const LABELS = [['car', '#e6194b'], ['person', '#3cb44b'], ['building', '#4363d8'], ['tree', '#f58231'], ['animal', '#911eb4'], ['sign', '#42d4f4']] as const;
export const FRAMES = 120;
/** A measurement stops after this long even if it has fewer frames (the naive page can take seconds a frame). */
export const MAX_MS = 7000;

export interface Scene { n: number; w: number; h: number; file: string }

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** n polygons of 12 vertices scattered over a w×h image; the last one (topmost) sits at the centre: the drag target. */
export function polygons(n: number, w: number, h: number): { points: number[]; label: number }[] {
  const r = rng(n);
  const out: { points: number[]; label: number }[] = [];
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    const rad = last ? 60 : 10 + r() * 35;
    const cx = last ? w / 2 : rad + r() * (w - 2 * rad), cy = last ? h / 2 : rad + r() * (h - 2 * rad);
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

/** Runs in the page: n frames, one input event per frame (a middle-button pan, then wheel zooms), returns the frame
 *  intervals (ms), the latency of each gesture's first event (sent → the frame after the one that handled it, i.e.
 *  its result is on screen) and when the last event was sent. */
export async function frameLoop(page: Page, sel: string, mode: 'panzoom' | 'drag', start: { x: number; y: number }) {
  return page.evaluate(async ({ sel, mode, start, n, maxMs }) => {
    const { el, cx, cy, fire, frame } = (window as unknown as BenchWindow).benchPane(sel);
    const times: number[] = [];
    const firsts: number[] = [];
    const t0 = performance.now();
    const half = Math.floor(n / 2);
    if (mode === 'panzoom') fire('pointerdown', cx, cy, 1, 4);
    else fire('pointerdown', start.x, start.y, 0, 1);
    let prev = await frame();
    let last = 0;
    let pending = -1;
    for (let i = 0; i < n && performance.now() - t0 < maxMs; i++) {
      const a = (i / 30) * Math.PI * 2;
      const sent = performance.now();
      if (mode === 'drag') fire('pointermove', start.x + 20 * Math.sin(a), start.y + 20 * (1 - Math.cos(a)), -1, 1);
      else if (i < half) fire('pointermove', cx + 80 * Math.sin(a), cy + 80 * (1 - Math.cos(a)), -1, 4);
      else {
        if (i === half) fire('pointerup', cx, cy, 1, 0);
        el.dispatchEvent(new WheelEvent('wheel', { clientX: cx + 100 * Math.sin(a), clientY: cy + 60 * Math.cos(a), deltaY: i % 2 ? 100 : -100, bubbles: true, cancelable: true }));
      }
      last = performance.now();
      const t = await frame();
      // The frame that handles a gesture's first event is done when the next one starts: that is its latency.
      if (pending >= 0) { firsts.push(t - pending); pending = -1; }
      if (i === 0 || i === half) pending = sent;
      times.push(t - prev);
      prev = t;
    }
    if (mode === 'drag') { fire('pointermove', start.x, start.y, -1, 1); fire('pointerup', start.x, start.y, 0, 0); }
    if (mode === 'panzoom' && times.length <= half) fire('pointerup', cx, cy, 1, 0);
    return { times, firsts, last };
  }, { sel, mode, start, n: FRAMES, maxMs: MAX_MS });
}

/** Ours, after a gesture: ms from its last input event until the shapes' bitmap is redrawn for the resting view
 *  and every image tile in the page has its pixels (the "sharp view"). */
export async function sharpAfterRest(page: Page, last: number): Promise<number> {
  return page.evaluate(async (last) => {
    const t0 = performance.now();
    for (;;) {
      const m = performance.getEntriesByName('image-static-render').find((e) => e.startTime >= last);
      const tiles = [...document.querySelectorAll<HTMLImageElement>('.img-tile')];
      if (m && tiles.every((t) => t.complete && t.naturalWidth > 0)) return Math.max(m.startTime + m.duration, performance.now()) - last;
      if (performance.now() - t0 > 30000) return NaN;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, last);
}

/**
 * What a user feels at the start of a gesture: from its first input event to the presentation of the first frame
 * that shows it (Chromium's trace: the next animation frame rendered after the event, followed to its
 * presentation). `gestures` pans (middle button) and wheel zooms, each from rest; returns one latency (ms) per gesture.
 */
export async function presentedFirsts(browser: Browser, page: Page, sel: string, gestures = 6, events = 6): Promise<number[]> {
  const out: number[] = [];
  for (let g = 0; g < gestures; g++) {
    // At rest, with the sharp redraw after the last gesture done.
    await page.waitForTimeout(1000);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
    await page.evaluate(async ({ sel, zoom, events }) => {
      const { el, cx, cy, fire, frame } = (window as unknown as BenchWindow).benchPane(sel);
      if (!zoom) { fire('pointerdown', cx, cy, 1, 4); await frame(); }
      for (let i = 0; i < events; i++) {
        if (i === 0) performance.mark('gesture-first-event');
        if (zoom) el.dispatchEvent(new WheelEvent('wheel', { clientX: cx, clientY: cy, deltaY: i % 2 ? 100 : -100, bubbles: true, cancelable: true }));
        else fire('pointermove', cx + 8 * (i + 1), cy + 4 * (i + 1), -1, 4);
        await frame();
      }
      if (!zoom) fire('pointerup', cx, cy, 1, 0);
    }, { sel, zoom: g % 2 === 1, events });
    await page.waitForTimeout(300);
    const lat = firstPresented(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
    if (lat !== null) out.push(lat);
  }
  return out;
}

interface TraceEvent { name: string; ph: string; ts: number; id?: string | number; cat: string }

/** ms from the 'gesture-first-event' mark to the presentation of the first frame rendered after it. */
function firstPresented(events: TraceEvent[]): number | null {
  const sorted = events.filter((e) => e.name === 'AnimationFrame' || e.name === 'AnimationFrame::Render' || e.name === 'gesture-first-event').sort((a, b) => a.ts - b.ts);
  const mark = sorted.find((e) => e.name === 'gesture-first-event');
  if (!mark) return null;
  // Each rendered frame ends with a flow ('s') to its presentation ('f', same id).
  let rendered = false, flow: string | null = null;
  for (const e of sorted) {
    if (e.ts < mark.ts) continue;
    if (e.name === 'AnimationFrame::Render' && e.ph === 'b' && flow === null) rendered = true;
    else if (e.name === 'AnimationFrame' && e.ph === 's' && rendered && flow === null) flow = String(e.id);
    else if (e.name === 'AnimationFrame' && e.ph === 'f' && flow !== null && String(e.id) === flow) return (e.ts - mark.ts) / 1000;
  }
  return null;
}

/** What every bench page gets (newPage): its pane, the centre of it, synthetic mouse events and the next frame. */
interface BenchWindow {
  benchPane(sel: string): { el: HTMLElement; cx: number; cy: number; fire(type: string, x: number, y: number, button: number, buttons: number): boolean; frame(): Promise<number> };
}

export async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // tsx keeps function names with an `__name` helper that functions sent to the page would miss.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(() => {
    (window as unknown as BenchWindow).benchPane = (sel) => {
      const el = document.querySelector(sel) as HTMLElement;
      const r = el.getBoundingClientRect();
      return {
        el, cx: r.left + r.width / 2, cy: r.top + r.height / 2,
        fire: (type, x, y, button, buttons) => el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button, buttons, bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse', isPrimary: true })),
        frame: () => new Promise<number>((res) => requestAnimationFrame(res)),
      };
    };
  });
  return page;
}

/** IMAGE_BENCH_PROFILE=1: where the main thread spends pan/zoom frames (self time by function), for tuning. */
export async function startProfile(page: Page, title: string): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    printTable(`${title} CPU profile, self time`, ['function', 'ms'], selfTimeRows((await cdp.send('Profiler.stop')).profile));
  };
}

export async function heap(page: Page): Promise<number> {
  return page.evaluate(() => {
    (window as unknown as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
  }) as Promise<number>;
}
