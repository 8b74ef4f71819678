// Layout defects found by looking at the screens, each turned into a check of geometry or style a user would see:
// toasts over the side panel, a toolbar that wraps when suggestions appear, cut labels, a faint selected row, and
// an empty project pointing at a key that does nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openDemoTask, projectIds } from './fixtures.ts';
import { ROOT } from '../support/server.ts';

const overlaps = async (a: Locator, b: Locator) => {
  const [x, y] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
};
const notCut = (l: Locator) => l.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);

async function seedSegment(page: Page) {
  await page.evaluate(async () => {
    const t = window.tagger!;
    const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
    const task = (await t.tasks.list(project.id)).find((x) => x.name === 'interview.wav')!;
    await t.annotations.edit(task.id, { label: 'Seed', ops: [{ op: 'put', object: { id: 'seg', kind: 'segment', label: 'speech', geometry: { start: 0.5, end: 1.5, tier: 'speaker_a' }, attributes: { transcript: 'and then we walked all the way down to the harbour to watch the ships come in before dark' }, origin: 'human', z: 0, hidden: false, locked: false } }] });
  });
}

test('text: every label in view, suggestions move neither the toolbar nor the document, toasts stay off the side panel, span list labels are whole', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /harbour-news\.txt/);
  const doc = page.getByRole('document', { name: 'Document' });
  await expect(doc).toContainText('Amara Okafor');
  // With no span selected the document labels are the side panel's first block: their heading keeps the same room
  // above it as the Spans heading below (it sat on the panel's top edge, a fieldset legend drawn on the border).
  const room = (heading: Locator) => heading.evaluate((h) => h.getBoundingClientRect().top - h.parentElement!.getBoundingClientRect().top);
  const docLabels = page.getByRole('group', { name: /^Document labels/ });
  await expect(docLabels).toBeVisible();
  const spansRoom = await room(page.getByRole('heading', { name: /^Spans \(/ }));
  expect(spansRoom).toBeGreaterThanOrEqual(4);
  expect(Math.abs((await room(docLabels.locator('legend'))) - spansRoom)).toBeLessThanOrEqual(1);
  // Every label is in view (they used to scroll sideways behind a scrollbar, showing two of five), and running the
  // pre-tagger, which adds a suggestion count to the toolbar, moves neither Redo nor the document.
  const labels = page.getByRole('group', { name: 'Labels', exact: true });
  const labelsBox = (await labels.boundingBox())!;
  for (const b of await labels.getByRole('button').all()) {
    const r = (await b.boundingBox())!;
    expect(r.x >= labelsBox.x - 1 && r.x + r.width <= labelsBox.x + labelsBox.width + 1 && r.y + r.height <= labelsBox.y + labelsBox.height + 1).toBe(true);
  }
  expect(await labels.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const redo = page.getByRole('button', { name: /^Redo/ });
  const before = [(await redo.boundingBox())!, (await doc.boundingBox())!];
  await page.getByRole('button', { name: /^Pre-tag/ }).click();
  await expect(page.getByRole('heading', { name: /^Spans \(/ })).toContainText('suggested');
  expect([(await redo.boundingBox())!, (await doc.boundingBox())!]).toEqual(before);
  const toast = page.locator('.toast').first();
  await expect(toast).toBeVisible();
  expect(await overlaps(toast, page.getByRole('complementary', { name: 'Spans panel' }))).toBe(false);
  const select = page.getByRole('list', { name: 'Spans' }).getByRole('combobox').first();
  expect(await select.evaluate((s: HTMLSelectElement) => s.clientWidth >= s.scrollWidth)).toBe(true);
  await expect(select).toHaveValue(/.+/);
});

test('audio: a segment row shows its label whole; image: the selected object row keeps its index readable', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  await seedSegment(page);
  await openDemoTask(page, /interview\.wav/);
  const row = page.getByRole('list', { name: 'Segments' }).getByRole('listitem').first();
  await expect(row).toContainText('Speech');
  expect(await notCut(row.getByText('Speech', { exact: true }))).toBe(true);

  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /street-1\.jpg/ }).click();
  const c = page.getByTestId('image-canvas');
  await expect(c).toHaveAttribute('data-ready', 'true');
  const b = (await c.boundingBox())!;
  await page.keyboard.press('b');
  await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.5, { steps: 4 });
  await page.mouse.up();
  const selected = page.getByRole('list', { name: 'Objects' }).getByRole('button', { name: /^Select/, pressed: true });
  const [meta, text] = await selected.evaluate((el) => [getComputedStyle(el.querySelector('.obj-meta')!).color, getComputedStyle(el).color]);
  expect(meta).toBe(text);
});

test('the top bar stays one line with a long task name open: no button wraps its text, the page does not scroll sideways', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const { projectId } = await projectIds(page);
  await page.evaluate((id) => window.tagger!.projects.update(id, { name: 'Harbour authority press releases, spring batch' }), projectId);
  await page.reload();
  await page.getByRole('button', { name: /Open project Harbour/ }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /street-2\.png/ }).click();
  await expect(page.getByLabel('Queue position')).toHaveText('3 / 9');
  const bar = page.getByRole('banner');
  for (const b of await bar.getByRole('button').all()) expect((await b.boundingBox())!.height, await b.innerText()).toBeLessThan(30);
  expect((await bar.boundingBox())!.height).toBeLessThan(42);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await expect(page.getByRole('button', { name: 'Settings (Ctrl+,)' })).toBeInViewport({ ratio: 1 });
});

test('an empty project says how to get tasks, not to press F', async ({ openApp, page }) => {
  await openApp();
  await page.getByLabel('New project name').fill('Empty');
  await page.getByRole('button', { name: 'Create project' }).click();
  const opened = page.getByRole('button', { name: /Open project Empty/ });
  if (await opened.isVisible().catch(() => false)) await opened.click();
  const ws = page.getByRole('main', { name: 'Workspace' });
  await expect(ws).toContainText('Import files into this project');
  await expect(ws).not.toContainText('press F');
});

test('text: relation arrows and captions sit in room kept above the line and in the gutter, covering no text, no tag and no other caption', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const { task } = await projectIds(page);
  const body = fs.readFileSync(path.join(ROOT, 'resources/demo/text/harbour-news.txt'), 'utf8');
  await page.evaluate(async ([taskId, body]) => {
    const t = window.tagger!;
    const base = { origin: 'human' as const, z: 0, hidden: false, locked: false, attributes: {} };
    const span = (id: string, label: string, w: string) => ({ op: 'put' as const, object: { ...base, id, kind: 'span' as const, label, geometry: { start: body.indexOf(w), end: body.indexOf(w) + w.length } } });
    const rel = (id: string, label: string, from: string, to: string) => ({ op: 'put' as const, object: { ...base, id, kind: 'relation' as const, label, geometry: { from, to } } });
    await t.annotations.edit(taskId, { label: 'Seed', ops: [
      span('s1', 'person', 'Amara Okafor'), span('s2', 'organization', 'Port of Rotterdam Authority'), span('s3', 'location', 'ROTTERDAM'), span('s4', 'date', '14 March'),
      span('s5', 'location', 'Maasvlakte'), span('s6', 'person', 'Pieter de Vries'),
      // Besides two on one line: one from the first paragraph to the last, and one across a paragraph break.
      rel('r1', 'works_for', 's1', 's2'), rel('r2', 'located_in', 's2', 's3'), rel('r3', 'located_in', 's5', 's3'), rel('r4', 'works_for', 's6', 's2'),
    ] });
  }, [task['harbour-news.txt'], body] as const);
  await openDemoTask(page, /harbour-news\.txt/);
  await page.getByRole('list', { name: 'Spans' }).getByRole('button', { name: /^Organization: Port/ }).click();
  const captions = page.locator('svg.tx-arrows rect');
  await expect(captions).toHaveCount(3);
  const found = await page.evaluate(() => {
    const boxes = (els: Iterable<Element>) => [...els].map((e) => e.getBoundingClientRect());
    const caps = boxes(document.querySelectorAll('svg.tx-arrows rect'));
    const tags = boxes(document.querySelectorAll('.tx-tag'));
    const glyphs: DOMRect[] = [];
    for (const seg of document.querySelectorAll('.tx-seg')) {
      for (const node of seg.childNodes) {
        const r = document.createRange();
        r.selectNodeContents(node);
        glyphs.push(...r.getClientRects());
      }
    }
    const hit = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    // Points along every arrow (but the last few pixels at each end, where it meets its tags' tops): none on text.
    const inside = (x: number, y: number, b: DOMRect) => x > b.left + 0.5 && x < b.right - 0.5 && y > b.top + 0.5 && y < b.bottom - 0.5;
    const crossings: string[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('svg.tx-arrows g.tx-arrow path')) {
      const m = path.getScreenCTM()!;
      const len = path.getTotalLength();
      for (let d = 4; d < len - 4; d += 2) {
        const p = path.getPointAtLength(d).matrixTransform(m);
        if (glyphs.some((g) => inside(p.x, p.y, g)) || tags.some((g) => inside(p.x, p.y, g))) { crossings.push(path.getAttribute('d')!); break; }
      }
    }
    return {
      text: caps.filter((c) => glyphs.some((g) => hit(c, g))).length,
      tags: caps.filter((c) => tags.some((g) => hit(c, g))).length,
      each: caps.filter((c, i) => caps.some((d, j) => i !== j && hit(c, d))).length,
      glyphs: glyphs.length,
      arrows: document.querySelectorAll('svg.tx-arrows g.tx-arrow path').length,
      crossings,
    };
  });
  expect(found.glyphs).toBeGreaterThan(5);
  expect(found).toMatchObject({ text: 0, tags: 0, each: 0, arrows: 4, crossings: [] });
});
