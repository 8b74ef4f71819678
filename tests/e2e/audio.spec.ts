// The audio workspace as an annotator uses it: segments made by dragging and by [ ] while listening, edited,
// labelled and transcribed, undone as one step, and all of it still there after a reload.
import { test, expect } from './fixtures.ts';
import { drag, openInterview, saved, segments } from './audioPage.ts';

test('segments drawn by dragging are adjusted, labelled, transcribed, undone as one step and survive a reload', async ({ openApp, page }) => {
  await openApp();
  const { wave, x, lane } = await openInterview(page);
  await expect(page.getByRole('list', { name: 'Segments' })).toBeVisible();
  await expect(segments(page)).toHaveCount(0);

  // Drag in the Speaker B lane from 1 s to 2.5 s.
  await drag(page, x(1), lane(1), x(2.5));
  await expect(segments(page)).toHaveCount(1);
  await expect(segments(page).first()).toContainText('Speaker B');
  await expect(segments(page).first()).toContainText('Speech');
  const start = page.getByRole('spinbutton', { name: 'Start (s)' });
  const end = page.getByRole('spinbutton', { name: 'End (s)' });
  expect(Math.abs(Number(await start.inputValue()) - 1)).toBeLessThan(0.05);
  expect(Math.abs(Number(await end.inputValue()) - 2.5)).toBeLessThan(0.05);

  // Label key 2 relabels the selected segment.
  await page.keyboard.press('2');
  await expect(segments(page).first()).toContainText('Music');

  // Dragging the end edge to 3 s adjusts it.
  const endNow = Number(await end.inputValue());
  await drag(page, x(endNow), lane(1), x(3));
  await expect.poll(async () => Number(await end.inputValue())).toBeGreaterThan(2.9);
  expect(Number(await end.inputValue())).toBeLessThan(3.1);

  // Typed times: a valid start is taken, an end before the start is refused with a reason.
  await start.fill('1.25');
  await start.press('Enter');
  await expect(segments(page).first()).toContainText('0:01.250');
  await end.fill('0.5');
  await end.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Start must be before end.' })).toBeVisible();
  await end.fill('9999');
  await end.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'at most the duration' })).toBeVisible();
  await end.fill('3');
  await end.press('Enter');

  // A second segment overlapping on another tier is allowed.
  await drag(page, x(1.5), lane(0), x(2));
  await expect(segments(page)).toHaveCount(2);

  // The transcript of the first one: typing is one undo step.
  await segments(page).filter({ hasText: 'Speaker B' }).getByRole('button', { name: /^Segment/ }).click();
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  await transcript.click();
  await page.keyboard.type('hello world, this is speaker b');
  await page.getByRole('spinbutton', { name: 'Start (s)' }).focus();
  await saved(page);
  await expect(segments(page).filter({ hasText: 'Speaker B' })).toContainText('hello world, this is speaker b');
  await page.locator('body').click({ position: { x: 5, y: 795 } });
  await page.keyboard.press('Control+z');
  await expect(segments(page).filter({ hasText: 'Speaker B' })).not.toContainText('hello');
  await page.keyboard.press('Control+Shift+z');
  await expect(segments(page).filter({ hasText: 'Speaker B' })).toContainText('hello world, this is speaker b');

  // Attributes from the schema.
  await segments(page).filter({ hasText: 'Speaker B' }).getByRole('button', { name: /^Segment/ }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.getByRole('checkbox', { name: 'Overlapping' }).check();

  // Escape abandons a drag: nothing is added.
  await page.mouse.move(x(4), lane(2));
  await page.mouse.down();
  await page.mouse.move(x(4.5), lane(2));
  await page.mouse.move(x(5), lane(2));
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(segments(page)).toHaveCount(2);

  // With the waveform focused, Tab steps through segments in time order.
  // (Speaker B's, first in time, is selected.)
  const current = page.locator('.au-row[aria-current="true"]');
  await expect(current).toHaveAttribute('aria-posinset', '1');
  await wave.focus();
  await page.keyboard.press('Tab');
  await expect(current).toHaveAttribute('aria-posinset', '2');
  await expect(wave).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(current).toHaveAttribute('aria-posinset', '1');
  await saved(page);

  await page.reload();
  await expect(page.getByRole('application', { name: 'Waveform' })).toHaveAttribute('data-ready', 'true');
  await expect(segments(page)).toHaveCount(2);
  const b = segments(page).filter({ hasText: 'Speaker B' });
  await expect(b).toContainText('Music');
  await expect(b).toContainText('0:01.250–0:03.000');
  await expect(b).toContainText('hello world, this is speaker b');
  // Label keys also set the label for new segments, so the second one is Music too.
  await expect(segments(page).filter({ hasText: 'Speaker A' })).toContainText('Music');
  await b.getByRole('button', { name: /^Segment/ }).click();
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('de');
  await expect(page.getByRole('checkbox', { name: 'Overlapping' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Transcript' })).toHaveValue('hello world, this is speaker b');
});

test('[ and ] mark a segment at the playhead, while listening too; play, loop, lock and delete from the keyboard', async ({ openApp, page }) => {
  await openApp();
  const { x, ruler } = await openInterview(page);
  // Seek by clicking the ruler, mark, seek, end: a segment on the active tier (Events).
  await page.getByRole('button', { name: 'Tier Events' }).click();
  await page.mouse.click(x(4), ruler);
  await page.keyboard.press('[');
  await page.mouse.click(x(5.5), ruler);
  await page.keyboard.press(']');
  await expect(segments(page)).toHaveCount(1);
  await expect(segments(page).first()).toContainText('Events');
  expect(Math.abs(Number(await page.getByRole('spinbutton', { name: 'Start (s)' }).inputValue()) - 4)).toBeLessThan(0.05);
  expect(Math.abs(Number(await page.getByRole('spinbutton', { name: 'End (s)' }).inputValue()) - 5.5)).toBeLessThan(0.05);

  // While playing: Space, [ after a moment, ] a moment later, Space to stop.
  await page.getByRole('button', { name: 'Tier Speaker A' }).click();
  await page.mouse.click(x(0.2), ruler);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
  await page.waitForTimeout(400);
  await page.keyboard.press('[');
  await page.waitForTimeout(900);
  await page.keyboard.press(']');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play (Space)' })).toBeVisible();
  await expect(segments(page)).toHaveCount(2);
  const a = segments(page).filter({ hasText: 'Speaker A' });
  await expect(a).toBeVisible();
  const s = Number(await page.getByRole('spinbutton', { name: 'Start (s)' }).inputValue());
  const e = Number(await page.getByRole('spinbutton', { name: 'End (s)' }).inputValue());
  // Marked while the playhead moved on from 0.2 s: about 0.9 s long (bounds allow for a loaded machine).
  expect(s).toBeGreaterThanOrEqual(0.2);
  expect(e - s).toBeGreaterThan(0.3);
  expect(e - s).toBeLessThan(3);

  // Shift+Space plays just the selected segment and stops at its end.
  await page.keyboard.press('Shift+Space');
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play (Space)' })).toBeVisible({ timeout: 5000 });
  // L loops it: still playing after the segment's length.
  await page.keyboard.press('l');
  await expect(page.getByRole('button', { name: 'Loop selected segment (L)' })).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout((e - s) * 1000 + 700);
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
  await page.keyboard.press('l');
  await page.keyboard.press('Space');

  // Speed keeps pitch; the setting is there from 0.5× to 2×, and the media streams the file itself.
  const rate = page.getByRole('combobox', { name: 'Playback rate' });
  await expect(rate.getByRole('option')).toHaveText(['0.5×', '0.75×', '1×', '1.25×', '1.5×', '2×']);
  await rate.selectOption('1.5');
  const media = await page.locator('audio').evaluate((a: HTMLAudioElement) => ({ rate: a.playbackRate, pitch: a.preservesPitch, src: a.currentSrc }));
  expect(media).toMatchObject({ rate: 1.5, pitch: true });
  expect(media.src).toMatch(/\/media\/[0-9a-f]{64}\?k=[0-9a-f]{64}$/);

  // Lock from the list: the segment can no longer be deleted; unlock and Delete removes it.
  await a.getByRole('button', { name: /^Lock segment/ }).click();
  await expect(a.getByRole('button', { name: /^Delete segment/ })).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(segments(page)).toHaveCount(2);
  await a.getByRole('button', { name: /^Unlock segment/ }).click();
  await a.getByRole('button', { name: /^Segment/ }).click();
  await page.keyboard.press('Delete');
  await expect(segments(page)).toHaveCount(1);
  await saved(page);
  await page.reload();
  await expect(segments(page)).toHaveCount(1);
  await expect(segments(page).first()).toContainText('Events');
});
