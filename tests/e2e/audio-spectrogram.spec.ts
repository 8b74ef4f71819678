// The spectrogram view: S (or the toolbar button) computes it in the core the first time and shows it in place of
// the waveform; speech is bright and pauses dark; it scrolls and zooms with the timeline, and S turns it back.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { openInterview, RULER_H, WAVE_H } from './audioPage.ts';

/** Mean brightness (0–255) of the spectrogram band at a canvas x (CSS px from the canvas' left edge). */
function brightness(page: Page, x: number): Promise<number> {
  return page.locator('[aria-label="Waveform"] canvas').evaluate((c: HTMLCanvasElement, [cx, top, h]) => {
    const dpr = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d')!.getImageData(Math.round(cx * dpr), Math.round(top * dpr), 1, Math.round(h * dpr)).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
    return sum / (d.length / 4);
  }, [x, RULER_H + 2, WAVE_H - 4]);
}

test('S shows the spectrogram computed in the core: speech bright, pauses dark; it scrolls and zooms with the timeline', async ({ openApp, page }) => {
  await openApp();
  const { wave, box } = await openInterview(page);
  await expect(wave).toHaveAttribute('data-view', 'waveform');
  await wave.focus();
  await page.keyboard.press('s');
  await expect(wave).toHaveAttribute('data-view', 'spectrogram');
  await expect(wave).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText('Spectrogram', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^Spectrogram/ })).toHaveAttribute('aria-pressed', 'true');

  // The demo interview opens fitted: speech around 0.5 s, a pause around 1.6 s.
  const pps = parseFloat((await page.getByLabel('Zoom level').textContent())!);
  const speech = await brightness(page, 0.8 * pps);
  const pause = await brightness(page, 1.6 * pps);
  expect(speech).toBeGreaterThan(pause + 15);

  // Zoom in at the speech and scroll: the ruler moves, the view redraws complete at each step.
  await page.mouse.move(box.x + 0.8 * pps, box.y + 60);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -800);
  await page.keyboard.up('Control');
  await expect.poll(async () => parseFloat((await page.getByLabel('Zoom level').textContent())!)).toBeGreaterThan(pps * 2);
  const before = await brightness(page, 10);
  for (let k = 0; k < 10; k++) await page.mouse.wheel(60, 0);
  await expect(wave).toHaveAttribute('data-ready', 'true');
  await expect.poll(() => brightness(page, 10)).not.toBeCloseTo(before, 1);

  // S again: back to the waveform.
  await page.keyboard.press('s');
  await expect(wave).toHaveAttribute('data-view', 'waveform');
});
