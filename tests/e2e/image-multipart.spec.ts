// A COCO instance in several pieces (a segmentation list of two polygons) is one object in the image workspace:
// every piece has vertex handles; dragging a vertex of the second piece is one undoable edit of that object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, openDemoTask } from './fixtures.ts';
import { drag, mapper, stored } from './imagePage.ts';

const FIRST = [100, 100, 200, 100, 200, 200, 100, 200];
const SECOND = [400, 300, 520, 300, 520, 400, 400, 400];

test('a vertex of the second ring of a multi-part object is dragged, saved and undone', async ({ openApp, page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-rings-')), 'instances.json');
  fs.writeFileSync(file, JSON.stringify({
    images: [{ id: 1, file_name: 'street-1.jpg', width: 960, height: 640 }],
    categories: [{ id: 3, name: 'car' }],
    annotations: [{ id: 9, image_id: 1, category_id: 3, segmentation: [FIRST, SECOND], bbox: [100, 100, 420, 300], area: 22000, iscrowd: 0 }],
  }));
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  await page.evaluate(async (file) => {
    const t = window.tagger!;
    const project = (await t.projects.list()).find((p) => p.name === 'Demo')!;
    await t.formats.import(project.id, 'coco', file);
  }, file);
  await openDemoTask(page, /street-1\.jpg/);
  const m = await mapper(page);
  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await objects.getByRole('button', { name: /^Select car/ }).click();

  await drag(page, m.at(520, 400), m.at(560, 430));
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  // (to the pixel: the mouse moves in screen pixels)
  await expect.poll(async () => (await stored(page))[0].geometry.rings?.map((r) => r.map(Math.round))).toEqual([[400, 300, 520, 300, 560, 430, 400, 400]]);
  const [moved] = await stored(page);
  expect(moved.geometry.points).toEqual(FIRST);

  await page.getByTestId('image-canvas').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(page))[0].geometry).toEqual({ points: FIRST, rings: [SECOND] });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
});
