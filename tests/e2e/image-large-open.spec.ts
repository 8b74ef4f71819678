// A task with more objects than one page of the document (21,000 boxes) opens page by page: the picture is there
// while the objects arrive, a bar counts them in, each page is asked for once, and the canvas is ready to edit with
// every object once the last page is in.
import { test, expect, openDemoTask, projectIds } from './fixtures.ts';

const N = 21_000;

test('a large image task shows the picture and a count of the objects arriving, asks for each page once, then is ready to edit', async ({ openApp, page }) => {
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
  await expect(page.getByTestId('image-canvas')).not.toHaveAttribute('data-ready', 'true');
  release();

  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Object list' }).getByRole('heading')).toHaveText(`Objects ${N}`);
  expect(asked.sort((a, b) => a - b)).toEqual([0, 10_000, 20_000]);
  // Ready to edit: a click on the canvas selects the topmost box under it.
  const canvas = page.getByTestId('image-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByRole('list', { name: 'Objects' }).locator('[aria-current=true]')).toHaveCount(1);
});
