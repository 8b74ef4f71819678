// The image workspace as an annotator uses it: draw a box and a polygon with the mouse, edit a vertex, undo and
// redo, lock a shape and fail to move it, reload and find everything as it was (in the list and in SQLite).
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

interface Geo { x?: number; y?: number; w?: number; h?: number; points?: number[] }
interface Obj { id: string; kind: string; label: string; geometry: Geo; locked: boolean }

async function stored(page: Page): Promise<Obj[]> {
  return page.evaluate(async () => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    const doc = await window.tagger!.annotations.load(taskId);
    return doc.objects as unknown as Obj[];
  });
}

/** Screen position of an image pixel at the "fit to window" view the workspace opens with (see canvas/view.ts). */
async function mapper(page: Page) {
  const canvas = page.getByTestId('image-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const label = (await canvas.getAttribute('aria-label'))!;
  const [, w, h] = /(\d+) × (\d+) px/.exec(label)!.map(Number);
  const box = (await canvas.boundingBox())!;
  const s = Math.min((box.width - 32) / w, (box.height - 32) / h);
  const tx = (box.width - w * s) / 2, ty = (box.height - h * s) / 2;
  return { w, h, s, at: (x: number, y: number) => ({ x: box.x + tx + x * s, y: box.y + ty + y * s }) };
}

/** Opens a demo task; waits for the project list first (the shared helper can look before it has loaded). */
async function openDemoTask(page: Page, name: RegExp) {
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name }).click();
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
}

test('draw, edit, undo/redo, lock, reload: every change is kept', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  const m = await mapper(page);
  const tools = page.getByRole('toolbar', { name: 'Image tools' });
  const objects = page.getByRole('list', { name: 'Objects' });
  const saved = page.getByRole('status', { name: 'Save state' });
  await expect(tools.getByRole('button', { name: 'Polygon (P)' })).toBeVisible();
  await expect(page.getByLabel('Zoom level')).toHaveText(/\d+%/);

  // A box with the Car label (key 1), drawn with the mouse.
  await page.keyboard.press('1');
  await tools.getByRole('button', { name: 'Bounding box (B)' }).click();
  await drag(page, m.at(40, 40), m.at(140, 100));
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects.getByRole('listitem').first()).toContainText('Car');
  await expect(saved).toHaveText(/Saved/);
  const [box] = await stored(page);
  expect(box.kind).toBe('box');
  expect(box.geometry.x!).toBeCloseTo(40, -0.5);
  expect(box.geometry.w!).toBeCloseTo(100, -0.5);

  // A polygon with the Person label: three clicks, closed by clicking the first vertex. (Escape first: a label
  // key with a shape selected relabels that shape.)
  await page.keyboard.press('Escape');
  await page.keyboard.press('2');
  await page.keyboard.press('p');
  await expect(tools.getByRole('button', { name: 'Polygon (P)' })).toHaveAttribute('aria-pressed', 'true');
  for (const [x, y] of [[200, 50], [300, 60], [260, 150]]) await page.mouse.click(m.at(x, y).x, m.at(x, y).y);
  await page.mouse.move(m.at(200, 50).x, m.at(200, 50).y);
  await page.mouse.click(m.at(200, 50).x, m.at(200, 50).y);
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await expect(objects.getByRole('listitem').nth(1)).toContainText('Person');
  await expect(saved).toHaveText(/Saved/);
  let poly = (await stored(page)).find((o) => o.kind === 'polygon')!;
  expect(poly.label).toBe('person');
  expect(poly.geometry.points!.length).toBe(6);

  // Drag the third vertex of the selected polygon 40 image pixels down.
  await page.keyboard.press('v');
  await drag(page, m.at(260, 150), m.at(260, 190));
  await expect(saved).toHaveText(/Saved/);
  await expect.poll(async () => (await stored(page)).find((o) => o.kind === 'polygon')!.geometry.points![5]).toBeGreaterThan(180);

  // Undo puts the vertex back; redo moves it again.
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await expect.poll(async () => (await stored(page)).find((o) => o.kind === 'polygon')!.geometry.points![5]).toBeCloseTo(150, -0.5);
  await page.getByRole('button', { name: 'Redo (Ctrl+Shift+Z)' }).click();
  await expect.poll(async () => (await stored(page)).find((o) => o.kind === 'polygon')!.geometry.points![5]).toBeGreaterThan(180);
  poly = (await stored(page)).find((o) => o.kind === 'polygon')!;

  // Lock the box in the Objects list; dragging it on the canvas then changes nothing.
  await objects.getByRole('button', { name: 'Lock Car 1' }).click();
  await expect(objects.getByRole('button', { name: 'Unlock Car 1' })).toBeVisible();
  await expect(saved).toHaveText(/Saved/);
  await drag(page, m.at(90, 70), m.at(190, 170));
  await expect(page.getByText(/This shape is locked/)).toBeVisible();
  await expect(saved).toHaveText(/Saved/);
  const afterLock = (await stored(page)).find((o) => o.kind === 'box')!;
  expect(afterLock.locked).toBe(true);
  expect(afterLock.geometry).toEqual(box.geometry);

  // After a reload everything is where it was, and the history is still there.
  const before = await stored(page);
  await page.reload();
  await mapper(page);
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await expect(objects.getByRole('listitem').nth(0)).toContainText('Car');
  await expect(objects.getByRole('listitem').nth(1)).toContainText('Person');
  await expect(objects.getByRole('button', { name: 'Unlock Car 1' })).toBeVisible();
  expect(await stored(page)).toEqual(before);
  expect(before.find((o) => o.kind === 'polygon')!.geometry).toEqual(poly.geometry);
  await expect(page.getByRole('button', { name: 'Undo (Ctrl+Z)' })).toBeEnabled();
});

test('polygon keys, duplicate/delete/marquee, attributes, label picker, nudge, and paste onto the next image', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  const m = await mapper(page);
  const objects = page.getByRole('list', { name: 'Objects' });
  await page.keyboard.press('p');
  for (const [x, y] of [[50, 50], [150, 50], [150, 150]]) await page.mouse.click(m.at(x, y).x, m.at(x, y).y);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  for (const [x, y] of [[50, 50], [150, 50], [150, 150], [300, 300]]) await page.mouse.click(m.at(x, y).x, m.at(x, y).y);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  // The list updates at once (optimistic); the core has it once the status says Saved.
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  const [poly] = await stored(page);
  expect(poly.geometry.points).toHaveLength(6);
  expect(poly.geometry.points![4]).toBeCloseTo(150, -0.5);
  // Duplicate (Ctrl+D), then delete the copy; copy + paste brings one back.
  await page.keyboard.press('Control+d');
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  await page.keyboard.press('Delete');
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await objects.getByRole('button', { name: /^Select / }).first().click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  // Marquee over both selects both; Delete removes both in one undo step.
  await page.keyboard.press('v');
  await drag(page, m.at(10, 10), m.at(400, 400));
  await page.keyboard.press('Delete');
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(objects.getByRole('listitem')).toHaveCount(2);

  // Attributes, the label picker and nudging act on the shape selected in the list, and are stored.
  await objects.getByRole('button', { name: /^Select / }).first().click();
  const attrs = page.getByRole('region', { name: 'Attributes' });
  await attrs.getByRole('checkbox', { name: 'Occluded' }).check();
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search labels' }).fill('tre');
  await page.keyboard.press('Enter');
  await expect(objects.getByRole('listitem').first()).toContainText('Tree');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  const x0 = (await stored(page)).find((o) => o.label === 'tree')!.geometry.points![0];
  await page.getByTestId('image-canvas').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  const first = (await stored(page)).find((o) => o.label === 'tree')! as Obj & { attributes: Record<string, unknown> };
  expect(first.attributes.occluded).toBe(true);
  expect(first.geometry.points![0]).toBeCloseTo(x0 + 10, 5);

  // The clipboard survives moving to another image: paste puts the shape there.
  await page.keyboard.press('Control+c');
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /street-2\.png/ }).click();
  await mapper(page);
  await expect(objects.getByRole('listitem')).toHaveCount(0);
  await page.keyboard.press('Control+v');
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects.getByRole('listitem').first()).toContainText('Tree');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  expect((await stored(page))[0].geometry.points).toEqual(first.geometry.points);
});

test('machine-made shapes are marked suggested until accepted; hidden shapes cannot be picked on the canvas', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  await mapper(page);
  // A pre-tagger's proposal arrives through the contract, as the model tools will send it.
  await page.evaluate(async () => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    await window.tagger!.annotations.edit(taskId, { label: 'Pre-tag', ops: [{ op: 'put', object: { id: 'm1', kind: 'box', label: 'car', geometry: { x: 40, y: 40, w: 100, h: 60 }, attributes: {}, origin: 'model', z: 0, hidden: false, locked: false } }] });
  });
  await page.reload();
  const m = await mapper(page);
  const objects = page.getByRole('list', { name: 'Objects' });
  await expect(objects.getByRole('listitem')).toHaveCount(1);
  await expect(objects.getByRole('listitem').first()).toContainText('suggested');
  await page.mouse.click(m.at(90, 70).x, m.at(90, 70).y);
  const attrs = page.getByRole('region', { name: 'Attributes' });
  await attrs.getByRole('button', { name: 'Accept suggestion' }).click();
  await expect(objects.getByRole('listitem').first()).not.toContainText('suggested');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  expect((await stored(page))[0]).toMatchObject({ id: 'm1', origin: 'human' });
  // Hidden: a click where it is selects nothing.
  await objects.getByRole('button', { name: 'Hide Car 1' }).click();
  await page.keyboard.press('Escape');
  await page.mouse.click(m.at(90, 70).x, m.at(90, 70).y);
  await expect(attrs).toContainText('Select a shape');
  await objects.getByRole('button', { name: 'Show Car 1' }).click();
  await page.mouse.click(m.at(90, 70).x, m.at(90, 70).y);
  await expect(attrs.getByRole('combobox', { name: 'Label' })).toHaveValue('car');
});

test('the cached bitmap keeps z order across labels: where two shapes overlap, the upper one shows', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /street-2\.png/);
  await mapper(page);
  // Two overlapping pairs in opposite label order, so drawing one label's batch after the other's gets one pair wrong.
  const box = (id: string, label: string, x: number, y: number, z: number) => ({ id, kind: 'box', label, geometry: { x, y, w: 120, h: 120 }, attributes: {}, origin: 'human', z, hidden: false, locked: false });
  await page.evaluate(async (objects) => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    await window.tagger!.annotations.edit(taskId, { label: 'Seed', ops: objects.map((object) => ({ op: 'put' as const, object })) });
  }, [box('a1', 'car', 40, 40, 1), box('a2', 'person', 100, 100, 2), box('b1', 'person', 300, 40, 3), box('b2', 'car', 360, 100, 4)]);
  await page.reload();
  const m = await mapper(page);
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(4);
  /** The bitmap's color at a screen point (the visible static layer, through its CSS transform). */
  const colorAt = (p: { x: number; y: number }) => page.evaluate(({ x, y }) => {
    const c = [...document.querySelectorAll<HTMLCanvasElement>('canvas.static-layer')].find((el) => !el.hidden)!;
    const r = c.getBoundingClientRect();
    const d = c.getContext('2d')!.getImageData(Math.round((x - r.left) * (c.width / r.width)), Math.round((y - r.top) * (c.height / r.height)), 1, 1).data;
    return [d[0], d[1], d[2], d[3]];
  }, p);
  const car = [0xe6, 0x19, 0x4b], person = [0x3c, 0xb4, 0x4b];
  const nearer = (px: number[], a: number[], b: number[]) => {
    const dist = (c: number[]) => Math.hypot(px[0] - c[0], px[1] - c[1], px[2] - c[2]);
    return dist(a) < dist(b);
  };
  // Wait for a bitmap with all four drawn (it is redrawn in slices after load).
  await expect.poll(async () => (await colorAt(m.at(70, 70)))[3]).toBeGreaterThan(0);
  await expect.poll(async () => (await colorAt(m.at(450, 190)))[3]).toBeGreaterThan(0);
  // Inside each overlap (away from the outlines): the upper shape's color dominates.
  const overlapA = await colorAt(m.at(130, 130));
  const overlapB = await colorAt(m.at(390, 130));
  expect(nearer(overlapA, person, car), `pair A overlap ${overlapA} should look like the person above the car`).toBe(true);
  expect(nearer(overlapB, car, person), `pair B overlap ${overlapB} should look like the car above the person`).toBe(true);
});
