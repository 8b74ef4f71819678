// A COCO crowd region kept as an RLE mask is shown as a raster in its label's color over the picture (not just its
// box), on the resting canvas and while selected through its row, and is exported back unchanged with iscrowd 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';
import { mapper } from './imagePage.ts';

/** Column-major COCO runs (starting with 0s) of a mask over a height × width image. */
function rle(height: number, width: number, set: (x: number, y: number) => boolean): number[] {
  const counts: number[] = [];
  let value = false, run = 0;
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) {
    if (set(x, y) !== value) { counts.push(run); value = !value; run = 0; }
    run++;
  }
  counts.push(run);
  return counts;
}

/** An L in the sky of the demo street (960 × 640): the left half of its box, and a strip along its bottom. */
const inL = (x: number, y: number) => (x >= 20 && x < 70 && y >= 10 && y < 70) || (x >= 70 && x < 120 && y >= 50 && y < 70);
const MASK = { size: [640, 960], counts: rle(640, 960, inL) };

async function pixel(page: Page, at: { x: number; y: number }): Promise<number[]> {
  const png = await page.screenshot({ clip: { x: Math.round(at.x), y: Math.round(at.y), width: 1, height: 1 } });
  return [...(await sharp(png).removeAlpha().raw().toBuffer())];
}

const distance = (a: number[], hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return Math.hypot(a[0] - ((n >> 16) & 255), a[1] - ((n >> 8) & 255), a[2] - (n & 255));
};

test('a crowd mask is painted in its label color, selected through its row, and exported unchanged', async ({ openApp, page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-masks-'));
  const file = path.join(dir, 'crowd.json');
  fs.writeFileSync(file, JSON.stringify({
    images: [{ id: 1, file_name: 'street-1.jpg', width: 960, height: 640 }],
    categories: [{ id: 1, name: 'person' }],
    annotations: [{ id: 5, image_id: 1, category_id: 1, iscrowd: 1, bbox: [20, 10, 100, 60], area: 4000, segmentation: MASK }],
  }));
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const color = await page.evaluate(async (file) => {
    const t = window.tagger!;
    const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
    await t.formats.import(project.id, 'coco', file);
    return (await t.projects.get(project.id)).schema.image!.labels.find((l) => l.name === 'person')!.color;
  }, file);
  await openDemoTask(page, /street-1\.jpg/);
  const m = await mapper(page);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  await page.mouse.move(5, 5); // no hover outline over the region

  // Inside the L the picture is tinted with the label's color; inside its box but outside the L it is not.
  const inside = m.at(40, 30), outside = m.at(100, 30);
  await expect.poll(async () => distance(await pixel(page, outside), color) - distance(await pixel(page, inside), color), { timeout: 10_000 }).toBeGreaterThan(40);

  // Selected through its row (the box), the mask stays painted.
  await page.getByRole('list', { name: 'Objects' }).getByRole('button', { name: /^Select person/ }).click();
  await expect.poll(async () => distance(await pixel(page, outside), color) - distance(await pixel(page, inside), color), { timeout: 10_000 }).toBeGreaterThan(40);

  const out = path.join(dir, 'back.json');
  await page.evaluate(async (out) => {
    const t = window.tagger!;
    const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
    await t.formats.export(project.id, 'coco', out);
  }, out);
  const back = JSON.parse(fs.readFileSync(out, 'utf8')) as { annotations: { iscrowd: number; bbox: number[]; segmentation: unknown }[] };
  const crowd = back.annotations.filter((a) => a.iscrowd === 1);
  expect(crowd).toHaveLength(1);
  expect(crowd[0].segmentation).toEqual(MASK);
  expect(crowd[0].bbox).toEqual([20, 10, 100, 60]);
});
