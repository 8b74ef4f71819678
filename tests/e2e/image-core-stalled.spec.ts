// The core stops (SIGSTOP: requests hang, as with a frozen process) just as the picture of an image task is asked
// for: the canvas says what is wrong and that it keeps trying instead of staying blank, and comes back by itself,
// picture and all, once the core answers again.
import { test, expect, openDemoTask } from './fixtures.ts';

test('a core that stops before the picture arrives is said over the canvas, and the picture comes once it answers', async ({ openApp, page, server }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  let stopped = false;
  await page.route('**/media/**', async (route) => {
    if (!stopped) {
      stopped = true;
      process.kill(server.proc.pid!, 'SIGSTOP');
    }
    await route.continue();
  });
  const canvas = page.getByTestId('image-canvas');
  const alert = page.getByRole('alert').filter({ hasText: 'The Tagger core is not answering, so the picture cannot load. Still trying' });
  try {
    await openDemoTask(page, /street-1\.jpg/);
    await expect(alert).toBeVisible({ timeout: 10_000 });
    await expect(canvas).not.toHaveAttribute('data-ready', 'true');
    expect(stopped).toBe(true);
  } finally {
    process.kill(server.proc.pid!, 'SIGCONT');
  }
  await expect(alert).toHaveCount(0, { timeout: 15_000 });
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.img-plane img')).toHaveJSProperty('complete', true);
  expect(await page.locator('.img-plane img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});
