// Moving a whole segment: dragged by its body to a new time keeping its length, stopped at the start of the file,
// nudged with Alt+arrows; each gesture one undo step, and the result still there after a reload.
import { test, expect } from './fixtures.ts';
import { drag, openInterview, saved, segments } from './audioPage.ts';

test('a segment dragged by its body moves keeping its length; Alt+arrows nudge it; undo and reload', async ({ openApp, page }) => {
  await openApp();
  const { x, lane, box } = await openInterview(page);
  const start = page.getByRole('spinbutton', { name: 'Start (s)' });
  const end = page.getByRole('spinbutton', { name: 'End (s)' });
  const row = segments(page).first();

  // A 1.5 s segment on Speaker B at exactly 1–2.5 s.
  await drag(page, x(1), lane(1), x(2.5));
  await start.fill('1');
  await start.press('Enter');
  await end.fill('2.5');
  await end.press('Enter');
  await expect(row).toContainText('0:01.000–0:02.500');

  // Grab it in the middle and drag 2 s later: same length, new start, still one segment.
  await drag(page, x(1.75), lane(1), x(3.75));
  await expect(segments(page)).toHaveCount(1);
  await expect.poll(async () => Number(await start.inputValue())).toBeGreaterThan(2.9);
  const s = Number(await start.inputValue());
  expect(s).toBeLessThan(3.1);
  expect(Number(await end.inputValue()) - s).toBeCloseTo(1.5, 3);

  // One undo step puts it back.
  await page.keyboard.press('Control+z');
  await expect(row).toContainText('0:01.000–0:02.500');

  // Dragged far before the start of the file, it stops at 0 s with its length.
  await drag(page, x(1.75), lane(1), box.x - 300);
  await expect(row).toContainText('0:00.000–0:01.500');

  // Alt+→ moves it 0.1 s later, Alt+Shift+→ 1 s, Alt+← 0.1 s back (and the browser does not go Back); the run
  // of nudges is one undo step.
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(row).toContainText('0:01.100–0:02.600');
  await page.keyboard.press('Control+z');
  await expect(row).toContainText('0:00.000–0:01.500');
  await page.keyboard.press('Control+Shift+z');
  await expect(row).toContainText('0:01.100–0:02.600');

  await saved(page);
  await page.reload();
  await expect(page.getByRole('application', { name: 'Waveform' })).toHaveAttribute('data-ready', 'true');
  await expect(segments(page)).toHaveCount(1);
  await expect(segments(page).first()).toContainText('0:01.100–0:02.600');
});
