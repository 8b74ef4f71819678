// A submitted audio task is read-only on the timeline too: a drag in a lane draws no preview and makes nothing, a
// drag on a segment neither moves nor resizes it, and the page says the task is read-only (as the image canvas
// does); a click still selects.
import { test, expect } from './fixtures.ts';
import { drag, openInterview, saved, segments } from './audioPage.ts';

test('on a submitted audio task a drag on the timeline draws nothing and says read-only', async ({ openApp, page }) => {
  await openApp();
  const first = await openInterview(page);
  await drag(page, first.x(1), first.lane(0), first.x(2));
  await expect(segments(page)).toHaveCount(1);
  await saved(page);
  const before = await segments(page).first().textContent();
  await page.evaluate(() => window.tagger!.tasks.setStatus(decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]), 'submitted'));
  await page.reload();
  const { x, lane } = await openInterview(page);
  await expect(page.getByRole('note', { name: 'Read-only task' })).toBeVisible();

  // Half a drag over empty lane: the strip it covers looks as it did before the press (no preview), and the page
  // already says why.
  const y = lane(0);
  const strip = { x: x(3.2), y: y - 10, width: x(4.3) - x(3.2), height: 20 };
  await page.mouse.move(x(5), y);
  const still = await page.screenshot({ clip: strip });
  await page.mouse.move(x(3), y);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(x(3) + ((x(4.5) - x(3)) * k) / 6, y);
  await expect(page.locator('.toast').filter({ hasText: 'read-only' })).toHaveCount(1);
  expect(await page.screenshot({ clip: strip })).toEqual(still);
  await page.mouse.up();
  await expect(segments(page)).toHaveCount(1);

  // Dragging the segment's body or its edge changes nothing either.
  await drag(page, x(1.5), lane(0), x(3.5));
  await drag(page, x(2), lane(0), x(4));
  await expect(segments(page).first()).toHaveText(before!);
  await expect(page.locator('.toast').filter({ hasText: 'read-only' })).toHaveCount(1);
  await expect(page.getByRole('alert', { name: /Save failed|Unsaved changes/ })).toHaveCount(0);
});
