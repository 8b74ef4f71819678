// Review of text and audio, as a validator meets it: three annotators' versions imported from files (doccano, RTTM)
// with --annotator, side by side with the draft consensus. Text: clicking a span makes its cluster current in every
// column, and J walks on. Audio: a 5-minute recording with 600 segments per version keeps only the segments near
// the view in the page, and J brings the one disagreement (at 4 min 10 s) into view, outlined in each lane.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { ROOT } from '../support/server.ts';
import { writeLongWav } from '../bench/pages/audio/wavFile.ts';

const run = promisify(execFile);
// The imports run the command-line tool (as a team lead would); it takes seconds to start on a busy machine.
test.describe.configure({ timeout: 150_000 });
const tagger = (...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { cwd: ROOT });


async function openReview(page: Page, project: string | null, item: RegExp) {
  if (project) await page.getByRole('button', { name: `Open project ${project}` }).click();
  await page.getByRole('button', { name: 'Review mode (Ctrl+Shift+V)' }).click();
  await page.getByRole('navigation', { name: 'Review queue' }).getByRole('button', { name: item }).click();
}

test('text review: a clicked span is current in every column that has it, J walks the disagreements, M asks the model about each version', async ({ openApp, page, server }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-review-text-'));
  const text = 'Ada Lovelace met Charles Babbage in London in 1833.';
  fs.writeFileSync(path.join(dir, 'story.txt'), text);
  const spans: Record<string, [number, number, string][]> = {
    amara: [[0, 12, 'Person'], [17, 32, 'Person'], [36, 42, 'Location']],
    bruno: [[0, 12, 'Person'], [17, 32, 'Organization'], [36, 42, 'Location']],
    chen: [[0, 12, 'Person'], [36, 42, 'Location']],
  };
  await tagger('import', '--data', server.dataDir, '--project', 'Stories', path.join(dir, 'story.txt'));
  for (const [who, label] of Object.entries(spans)) fs.writeFileSync(path.join(dir, `${who}.jsonl`), `${JSON.stringify({ text, label })}\n`);
  // Two versions from a terminal while the app runs (the running app does the import), one from the Import dialog.
  await Promise.all(['amara', 'bruno'].map((who) => tagger('import', '--data', server.dataDir, '--project', 'Stories', '--annotations', path.join(dir, `${who}.jsonl`), '--format', 'doccano', '--annotator', who)));
  await openApp();
  await page.getByRole('button', { name: 'Open project Stories' }).click();
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Import and export' });
  await dialog.getByLabel('Import format').selectOption('doccano');
  await dialog.getByLabel('Annotation file to import').fill(path.join(dir, 'chen.jsonl'));
  await dialog.getByLabel('Import as the version of annotator').fill('chen');
  await dialog.getByRole('button', { name: 'Import annotations' }).click();
  await expect(dialog.getByRole('status')).toContainText("chen's version: Read 2 annotation(s) onto 1 task(s); 0 skipped");
  // The same name again is refused, and nothing of chen's is overwritten.
  await dialog.getByRole('button', { name: 'Import annotations' }).click();
  await expect(dialog.getByRole('alert')).toContainText('"chen" already has a version of 1 task(s)');
  await page.keyboard.press('Escape');
  await openReview(page, null, /story\.txt, text, 3 versions/);
  const panes = page.locator('.rv-pane');
  await expect(panes).toHaveCount(4);
  await expect(panes.nth(0)).toContainText(text);
  // Click Babbage in the first column: his cluster is outlined in both columns that have him (not in chen's).
  await panes.nth(0).locator('mark', { hasText: 'Charles Babbage' }).click();
  const current = page.locator('.rv-text mark.rv-current');
  await expect(current).toHaveCount(await panes.locator('mark', { hasText: 'Charles Babbage' }).count());
  await expect(current.first()).toHaveText('Charles Babbage');
  await expect(panes.nth(2).locator('mark.rv-current')).toHaveCount(0);
  // Tab walks every matched object (J only the one disagreement here): the outline moves with it, one cluster at a
  // time, through all three.
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const before = names[names.length - 1] ?? 'Charles Babbage';
    await page.keyboard.press('Tab');
    await expect(current.first()).not.toHaveText(before);
    const texts = new Set(await current.allTextContents());
    expect(texts.size).toBe(1);
    names.push([...texts][0]);
  }
  expect(new Set(names)).toEqual(new Set(['Ada Lovelace', 'Charles Babbage', 'London']));
  await page.keyboard.press('j');
  await expect(current.first()).toHaveText('Charles Babbage');
  // M asks the entity finders: chen, who left Babbage out, is flagged with where; nothing is added to the draft.
  const drafted = await page.locator('.rv-pane').nth(3).locator('mark').count();
  await page.keyboard.press('m');
  await expect(page.getByLabel('Model opinion of chen')).toContainText(/⚑ Leaves out \d+ spans? the model is sure of: .*Person at characters 17–32/, { timeout: 30_000 });
  await expect(page.getByLabel('Model opinion of amara')).toBeVisible();
  await expect(page.locator('.rv-pane').nth(3).locator('mark')).toHaveCount(drafted);
  await page.screenshot({ path: test.info().outputPath('review-text.png') });
});

test('audio review: 600 segments per version on a 5-minute recording keep the page small, J brings the disagreement into view and Shift+Space plays just it', async ({ openApp, page, server }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-review-audio-'));
  writeLongWav(path.join(dir, 'call.wav'), 300, 8000);
  await tagger('import', '--data', server.dataDir, '--project', 'Calls', path.join(dir, 'call.wav'));
  await Promise.all(['amara', 'bruno', 'chen'].map((who) => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      if (who === 'chen' && i === 500) continue; // chen missed one, at 250 s
      lines.push(`SPEAKER call 1 ${(i * 0.5).toFixed(3)} 0.300 <NA> <NA> A <NA> <NA>`);
    }
    fs.writeFileSync(path.join(dir, `${who}.rttm`), `${lines.join('\n')}\n`);
    return tagger('import', '--data', server.dataDir, '--project', 'Calls', '--annotations', path.join(dir, `${who}.rttm`), '--format', 'rttm', '--annotator', who);
  }));
  await openApp();
  await openReview(page, 'Calls', /call\.wav, audio, 3 versions/);
  await expect(page.locator('.rv-lane')).toHaveCount(4);
  await expect(page.locator('.rv-seg').first()).toBeVisible();
  // 4 × 600 segments, but only those within a screen of the view are in the page.
  await expect.poll(() => page.locator('.rv-seg').count()).toBeLessThan(600);
  await page.keyboard.press('j');
  const current = page.locator('.rv-seg.rv-current');
  await expect(current.first()).toBeInViewport();
  await expect(current.first()).toHaveAccessibleName(/250\.00 to 250\.30 s/);
  // amara's, bruno's and the draft's: chen has none there
  await expect(current).toHaveCount(3);
  await expect.poll(() => page.locator('.rv-lanes').evaluate((el) => el.scrollLeft)).toBeGreaterThan(1000);
  // Shift+Space plays the object under judgement and stops at its end.
  // The player's own events are logged in the page: the 0.3 s of playing is too short to catch by polling.
  const player = page.getByLabel('Play the recording');
  await player.evaluate((a: HTMLAudioElement) => {
    const log: [string, number][] = [];
    (window as unknown as { playLog: typeof log }).playLog = log;
    for (const ev of ['playing', 'pause']) a.addEventListener(ev, () => log.push([ev, a.currentTime]));
  });
  await page.keyboard.press('Shift+Space');
  const playLog = () => page.evaluate(() => (window as unknown as { playLog: [string, number][] }).playLog);
  await expect.poll(async () => (await playLog()).map(([ev]) => ev), { timeout: 10_000 }).toEqual(['playing', 'pause']);
  const [[, startedAt], [, stoppedAt]] = await playLog();
  expect(startedAt).toBeGreaterThanOrEqual(249.95);
  expect(startedAt).toBeLessThan(250.1);
  expect(stoppedAt).toBeGreaterThanOrEqual(250.29);
  expect(stoppedAt).toBeLessThan(250.9);
  await page.screenshot({ path: test.info().outputPath('review-audio.png') });
});
