// Machine-made segments look different until a person accepts or edits them; the segment list stays fast with
// 10,000 segments (only visible rows in the DOM); zoom and cursor time reach the status bar.
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';

const segments = (page: Page) => page.getByRole('list', { name: 'Segments' }).getByRole('listitem');

/** Stores segments on the demo task through the same API the app uses, before the task is opened. */
async function seed(page: Page, file: string, segs: { start: number; end: number; tier: string; label: string; origin: 'human' | 'model' }[]) {
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  await page.evaluate(async ({ file, segs }) => {
    const tagger = window.tagger!;
    const project = (await tagger.projects.list()).find((p) => p.name === 'Demo')!;
    const task = (await tagger.tasks.list(project.id)).find((t) => t.name === file)!;
    const ops = segs.map((s, i) => ({
      op: 'put' as const,
      object: { id: `seed-${i}`, kind: 'segment' as const, label: s.label, geometry: { start: s.start, end: s.end, tier: s.tier }, attributes: {}, origin: s.origin, z: i, hidden: false, locked: false },
    }));
    await tagger.annotations.edit(task.id, { label: 'Seed', ops });
  }, { file, segs });
}

test('suggested segments are marked until accepted with A, Accept all, or edited; undo brings a suggestion back', async ({ openApp, page }) => {
  await openApp();
  await seed(page, 'interview.wav', [
    { start: 0.5, end: 1.5, tier: 'speaker_a', label: 'speech', origin: 'model' },
    { start: 2, end: 3, tier: 'speaker_a', label: 'speech', origin: 'model' },
    { start: 5, end: 6, tier: 'speaker_b', label: 'speech', origin: 'model' },
    { start: 6.5, end: 7, tier: 'events', label: 'noise', origin: 'human' },
  ]);
  await page.evaluate(async () => {
    // A tier the schema does not know (as an imported RTTM speaker would be) still gets a lane.
    const tagger = window.tagger!;
    const project = (await tagger.projects.list()).find((p) => p.name === 'Demo')!;
    const task = (await tagger.tasks.list(project.id)).find((t) => t.name === 'interview.wav')!;
    await tagger.annotations.edit(task.id, { label: 'Seed', ops: [{ op: 'put', object: { id: 'rttm', kind: 'segment', label: 'speech', geometry: { start: 7.2, end: 7.8, tier: 'SPEAKER_07' }, attributes: {}, origin: 'human', z: 9, hidden: false, locked: false } }] });
  });
  await openDemoTask(page, /interview\.wav/);
  await expect(segments(page)).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Tier SPEAKER_07' })).toBeVisible();
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Accept all 3 suggestions' })).toBeEnabled();

  await segments(page).nth(0).getByRole('button', { name: /^Segment/ }).click();
  await expect(page.getByRole('region', { name: 'Selected segment' })).toContainText('Made by the speech detector');
  await page.keyboard.press('a');
  await expect(segments(page).nth(0)).not.toContainText('suggested');
  await expect(page.getByRole('button', { name: 'Accept all 2 suggestions' })).toBeVisible();

  // Editing a suggestion (a new label) makes it the annotator's.
  await segments(page).nth(1).getByRole('button', { name: /^Segment/ }).click();
  await page.keyboard.press('3');
  await expect(segments(page).nth(1)).toContainText('Noise');
  await expect(segments(page).nth(1)).not.toContainText('suggested');

  await page.getByRole('button', { name: 'Accept all 1 suggestions' }).click();
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(1);
  await expect(segments(page).filter({ hasText: 'Speaker B' })).toContainText('suggested');
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved ✓');
  await page.reload();
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(1);
});

test('10,000 segments: the list renders only what is in sight and reaches the last one; zoom and cursor time show', async ({ openApp, page }) => {
  await openApp();
  const tiers = ['speaker_a', 'speaker_b', 'events'];
  await seed(page, 'chimes.wav', Array.from({ length: 10_000 }, (_, i) => ({ start: (i * 4.9) / 10_000, end: (i * 4.9) / 10_000 + 0.05, tier: tiers[i % 3], label: 'speech', origin: 'human' as const })));
  await openDemoTask(page, /chimes\.wav/);
  const wave = page.getByRole('application', { name: 'Waveform' });
  await expect(wave).toHaveAttribute('data-ready', 'true');
  await expect(page.getByText('10,000 segments')).toBeVisible();
  expect(await segments(page).count()).toBeLessThan(100);
  await page.getByRole('list', { name: 'Segments' }).evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(segments(page).last()).toHaveAttribute('aria-posinset', '10000');

  // Zoom: + and − keys and Ctrl+wheel, shown in the status bar; the cursor time under the mouse.
  const zoom = page.getByLabel('Zoom level');
  const pps = async () => parseFloat((await zoom.textContent()) ?? '0');
  const z0 = await pps();
  await page.keyboard.press('+');
  await expect.poll(pps).toBeGreaterThan(z0 * 1.4);
  await page.keyboard.press('-');
  await expect.poll(pps).toBeLessThan(z0 * 1.1);
  const box = (await wave.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect.poll(pps).toBeGreaterThan(z0 * 1.2);
  await page.mouse.move(box.x + 10, box.y + 60);
  await expect(page.getByLabel('Cursor position')).toHaveText(/^0:0\d\.\d{3}$/);
  await page.mouse.move(box.x + 10, box.y + 22 + 120 + 34 + 10);
  await expect(page.getByLabel('Cursor position')).toContainText('Speaker B');
});

test('Detect speech proposes segments on the active tier, marked suggested; A accepts one, X rejects one', async ({ openApp, page }) => {
  test.slow(); // the model runs on one core shared with everything else
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  await openDemoTask(page, /interview\.wav/);
  await expect(page.getByRole('application', { name: 'Waveform' })).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Tier Speaker B' }).click();
  // The detection's stored edit comes back with its answer and is applied as it is: the document is not read again
  // (neither after the answer nor on the 'task-changed' event the core sends with it).
  // Counted by exact method name: the document store reads with annotations.loadPage, annotations.load reads it whole.
  const reads = new Set(['/api/call/annotations.load', '/api/call/annotations.loadPage']);
  let loads = 0;
  page.on('request', (r) => { if (reads.has(new URL(r.url()).pathname)) loads++; });
  await page.getByRole('button', { name: 'Detect speech' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Speech detection .* suggested \d+ segment/ })).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1000);
  expect(loads).toBe(0);
  const suggested = segments(page).filter({ hasText: 'suggested' });
  await expect(suggested.first()).toBeVisible();
  const n = await suggested.count();
  expect(n).toBeGreaterThan(0);
  expect(await segments(page).filter({ hasText: 'Speaker B' }).count()).toBe(n);
  expect(n).toBeGreaterThan(1);
  await suggested.first().getByRole('button', { name: /^Segment/ }).click();
  await page.keyboard.press('a');
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(n - 1);
  // A moved the selection to the next suggestion; X rejects it (deletes it), a person's segment stays.
  await expect(page.getByRole('region', { name: 'Selected segment' })).toContainText('Made by the speech detector');
  await page.keyboard.press('x');
  await expect(segments(page)).toHaveCount(n - 1);
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(n - 2);
  // One undo step each takes back the rejection, the acceptance, then the whole detection.
  await page.keyboard.press('Control+z');
  await expect(segments(page)).toHaveCount(n);
  await page.keyboard.press('Control+z');
  await expect(segments(page).filter({ hasText: 'suggested' })).toHaveCount(n);
  await page.keyboard.press('Control+z');
  await expect(segments(page)).toHaveCount(0);
});
