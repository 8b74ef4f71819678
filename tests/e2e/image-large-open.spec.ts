// A task with more objects than one page of the document (21,000 boxes) opens page by page: the picture is there
// while the objects arrive, a bar counts them in, each page is asked for once, and the canvas is ready to edit with
// every object once the last page is in. Drawing waits for them (a new shape goes on top of every object).
import { test, expect, openDemoTask, projectIds } from './fixtures.ts';
import { drag } from './imagePage.ts';

const N = 21_000;

test('a large image task shows the picture and a count of the objects arriving, asks for each page once, then is ready to edit on top', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const { task } = await projectIds(page);
  await page.evaluate(async ({ taskId, n }) => {
    const ops = Array.from({ length: n }, (_, i) => ({
      op: 'put' as const,
      object: { id: `b${i}`, kind: 'box' as const, label: 'car', geometry: { x: (i % 150) * 6, y: Math.floor(i / 150) * 4, w: 4, h: 3 }, attributes: {}, origin: 'human' as const, z: i, hidden: false, locked: false },
    }));
    await window.tagger!.annotations.edit(taskId, { label: 'Seed', ops });
  }, { taskId: task['street-1.jpg'], n: N });

  // Hold the second page until the test has seen the task half open.
  const asked: number[] = [];
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/call/annotations.loadPage', async (route) => {
    const [, offset] = route.request().postDataJSON() as [string, number, number];
    asked.push(offset);
    if (offset === 10_000) await held;
    await route.continue();
  });
  await openDemoTask(page, /street-1\.jpg/);
  const progress = page.getByRole('status', { name: 'Opening progress' });
  await expect(progress).toContainText('Loading objects… 10,000 of 21,000');
  // The picture loaded beside the objects; the list does not pretend the task is empty; nothing is editable yet.
  await expect(page.locator('.img-plane img')).toHaveJSProperty('complete', true);
  await expect(page.getByText('No shapes yet')).toHaveCount(0);
  const canvas = page.getByTestId('image-canvas');
  await expect(canvas).not.toHaveAttribute('data-ready', 'true');
  // A box drawn now is not taken (its place in the stack is not known yet): the user is told so, nothing is saved.
  await expect(progress).toContainText('drawing waits until they are all here');
  const box = (await canvas.boundingBox())!;
  const from = { x: box.x + box.width / 2 - 40, y: box.y + box.height / 2 - 30 }, to = { x: box.x + box.width / 2 + 40, y: box.y + box.height / 2 + 30 };
  await canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('1');
  await page.keyboard.press('b');
  await drag(page, from, to);
  await expect(page.getByText(/still opening \(10,000 of 21,000 objects\): draw once they have all arrived/)).toBeVisible();
  release();

  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Object list' }).getByRole('heading')).toHaveText(`Objects ${N}`);
  expect(asked.sort((a, b) => a - b)).toEqual([0, 10_000, 20_000]);
  // What the core holds past the seeded boxes (pages go by id; a drawn shape's id sorts after theirs).
  const past = () => page.evaluate(async (taskId) => window.tagger!.annotations.loadPage(taskId, 21_000, 10), task['street-1.jpg']);
  expect((await past()).total).toBe(N);
  // Ready to edit: the same box drawn now lands on top of all 21,000 (seeded with z 0 to 20,999), and a click
  // inside it selects it.
  await drag(page, from, to);
  await expect(page.getByRole('region', { name: 'Object list' }).getByRole('heading')).toHaveText(`Objects ${N + 1}`);
  await expect.poll(async () => (await past()).total).toBe(N + 1);
  const [drawn] = (await past()).objects;
  expect(drawn.z).toBeGreaterThan(N - 1);
  await page.keyboard.press('v');
  await page.keyboard.press('Escape');
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByRole('list', { name: 'Objects' }).locator('[aria-current=true]')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Objects' }).locator('[aria-current=true]')).toContainText(`${N + 1}`);
});
