// Helpers shared by the audio workspace specs: open the demo interview, locate lanes and times on the timeline
// canvas, drag on it, and read the segment list.
import type { Page } from '@playwright/test';
import { expect, openDemoTask } from './fixtures.ts';

// Layout of the timeline canvas (drawTimeline.ts): ruler, waveform, then one lane per tier.
export const RULER_H = 22, WAVE_H = 120, LANE_H = 34;

export async function openInterview(page: Page) {
  // The project list loads asynchronously: wait for it (or the queue, when the project is already open).
  const project = page.getByRole('button', { name: 'Open project Demo' });
  await expect(project.or(page.getByRole('navigation', { name: 'Task queue' }))).toBeVisible();
  await openDemoTask(page, /interview\.wav/);
  const wave = page.getByRole('application', { name: 'Waveform' });
  await expect(wave).toHaveAttribute('data-ready', 'true');
  const box = (await wave.boundingBox())!;
  // The file opens fitted to the window, starting at 0 s; the status bar tells the zoom.
  const pps = parseFloat((await page.getByLabel('Zoom level').textContent())!);
  const x = (t: number) => box.x + t * pps;
  const lane = (i: number) => box.y + RULER_H + WAVE_H + LANE_H * i + LANE_H / 2;
  return { wave, box, x, lane, ruler: box.y + RULER_H / 2 };
}

export async function drag(page: Page, x0: number, y: number, x1: number) {
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(x0 + ((x1 - x0) * k) / 6, y);
  await page.mouse.up();
}

export const segments = (page: Page) => page.getByRole('list', { name: 'Segments' }).getByRole('listitem');
export const saved = (page: Page) => expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved ✓');
