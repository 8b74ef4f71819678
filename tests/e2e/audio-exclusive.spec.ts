// Exclusive tiers: a tier marked "No overlap" in the schema editor keeps its segments apart. A segment dragged
// into its neighbour stops against it, an edge dragged over the neighbour stops at its edge, Alt+arrows stop
// there too; a tier without the mark still lets segments overlap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { drag, openInterview, saved, segments } from './audioPage.ts';

test('on an exclusive tier, moves, edge drags and nudges stop at the neighbours', async ({ openApp, page }) => {
  await openApp();
  const { x, lane } = await openInterview(page);
  await page.getByRole('button', { name: 'Labels and schema (Ctrl+Shift+S)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labels and schema' });
  await expect(dialog.getByRole('tab', { name: 'Audio' })).toHaveAttribute('aria-selected', 'true');
  await dialog.getByLabel('Segments on Speaker B may not overlap').check();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Labels saved.' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const start = page.getByRole('spinbutton', { name: 'Start (s)' });
  const end = page.getByRole('spinbutton', { name: 'End (s)' });
  const place = async (s: number, e: number) => {
    await drag(page, x(s), lane(1), x(e));
    await start.fill(String(s));
    await start.press('Enter');
    await end.fill(String(e));
    await end.press('Enter');
  };
  // Two segments on Speaker B: 1–2 s and 3–4 s.
  await place(1, 2);
  await place(3, 4);
  await expect(segments(page)).toHaveCount(2);
  const first = segments(page).nth(0);
  const second = segments(page).nth(1);
  await expect(first).toContainText('0:01.000–0:02.000');
  await expect(second).toContainText('0:03.000–0:04.000');

  // The first, dragged 2.5 s later, stops with its end against the second's start.
  await drag(page, x(1.5), lane(1), x(4));
  await expect(first).toContainText('0:02.000–0:03.000');
  await expect(second).toContainText('0:03.000–0:04.000');
  // Alt+→ cannot push it further; Alt+← moves it away.
  await page.keyboard.press('Alt+ArrowRight');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(first).toContainText('0:01.900–0:02.900');

  // The second's start edge dragged back to 1 s stops at the first's end (2.9 s).
  await drag(page, x(3), lane(1), x(1));
  await expect(second).toContainText('0:02.900–0:04.000');
  await expect(first).toContainText('0:01.900–0:02.900');

  // Typed times that would overlap the neighbour are refused, saying where the segment may go.
  await first.click();
  await end.fill('3.5');
  await end.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Segments on Speaker B may not overlap: keep this one between 0:00.000 and 0:02.900.');
  await expect(first).toContainText('0:01.900–0:02.900');
  await end.fill('2.5');
  await end.press('Enter');
  await expect(first).toContainText('0:01.900–0:02.500');

  // Moved from Speaker A onto Speaker B over the second segment: refused, with the reason.
  await drag(page, x(3.2), lane(0), x(3.6));
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('speaker_b');
  // (the "Labels saved." toast may still be up: the refusal is its own alert)
  await expect(page.getByRole('alert').filter({ hasText: /^Segments on Speaker B may not overlap: 0:03\.\d{3}–0:03\.\d{3} would overlap 0:02\.900–0:04\.000\.$/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Tier' })).toHaveValue('speaker_a');
  await page.getByRole('button', { name: 'Delete segment (Delete)' }).click();
  await expect(segments(page)).toHaveCount(2);

  // [ and ] over the second segment on Speaker B: refused with the same reason, nothing made (it used to overlap).
  await page.mouse.click(x(2.7), lane(1)); // the free gap: Speaker B active, the playhead at 2.7 s
  await page.keyboard.press('[');
  await page.mouse.click(x(4.5), lane(1));
  await page.keyboard.press(']');
  await expect(page.getByRole('alert').filter({ hasText: /^Segments on Speaker B may not overlap: 0:02\.\d{3}–0:04\.\d{3} would overlap 0:02\.900–0:04\.000\.$/ }).first()).toBeVisible();
  await expect(segments(page)).toHaveCount(2);

  // Speaker A is not exclusive: a segment there slides over its neighbour freely.
  await drag(page, x(4.5), lane(0), x(5.2));
  await drag(page, x(6), lane(0), x(7));
  await drag(page, x(4.85), lane(0), x(6.35)); // 1.5 s later: over the other one
  await expect.poll(async () => Number(await start.inputValue())).toBeGreaterThan(5.8);

  // An RTTM file whose Speaker B turn overlaps the second segment: the import is refused whole, naming the tier and
  // times, and nothing of it arrives (not even its other, harmless turn).
  const rttm = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-rttm-')), 'overlap.rttm'); // web mode reads /tmp
  fs.writeFileSync(rttm, 'SPEAKER interview 1 8 1 <NA> <NA> speaker_b <NA> <NA>\nSPEAKER interview 1 3.5 1 <NA> <NA> speaker_b <NA> <NA>\n');
  await page.getByRole('button', { name: 'Import and export (Ctrl+Shift+E)' }).click();
  const io = page.getByRole('dialog', { name: 'Import and export' });
  await io.getByRole('combobox', { name: 'Import format' }).selectOption('rttm');
  await io.getByRole('textbox', { name: 'Annotation file to import' }).fill(rttm);
  await io.getByRole('button', { name: 'Import annotations' }).click();
  await expect(io).toContainText('Segments on Speaker B may not overlap ("No overlap" is ticked for it in the project\'s labels and schema), but 2.9–4 s overlaps 3.5–4.5 s. Nothing was imported');
  await page.keyboard.press('Escape');
  await expect(segments(page)).toHaveCount(4);

  await saved(page);
  await page.reload();
  await expect(page.getByRole('application', { name: 'Waveform' })).toHaveAttribute('data-ready', 'true');
  await expect(segments(page).nth(0)).toContainText('0:01.900–0:02.500');
});
