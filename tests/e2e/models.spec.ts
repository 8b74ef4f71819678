// Models that propose work, run offline in the core: CenterNet boxes on an image and entity spans in a text, each
// shown as "suggested" until accepted with A or rejected with X, each run one undo step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';

// The models run on one core shared with the page and the other tests.
test.slow();

const COLLAGE = path.resolve('tests/fixtures/models/collage.jpg');

/** Imports a file into the demo project through the same contract the Import dialog uses (from a copy in the
 *  temp folder, which the test server allows; the repository's fixtures are outside what web mode may read). */
async function importIntoDemo(page: Page, source: string): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-models-')), path.basename(source));
  fs.copyFileSync(source, file);
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  await page.evaluate(async (file) => {
    const tagger = window.tagger!;
    const project = (await tagger.projects.list()).find((p) => p.name === 'Demo')!;
    await tagger.imports.paths(project.id, [file]);
  }, file);
  await page.reload();
}

async function stored(page: Page) {
  return page.evaluate(async () => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    return (await window.tagger!.annotations.load(taskId)).objects;
  });
}

test('Detect objects proposes boxes; A accepts one, X rejects one, one undo takes back the rejection', async ({ openApp, page }) => {
  await openApp();
  await importIntoDemo(page, COLLAGE);
  await openDemoTask(page, /collage\.jpg/);
  await expect(page.getByTestId('image-canvas')).toBeVisible();
  await page.getByRole('button', { name: 'Detect objects' }).click();
  await expect(page.getByRole('status').filter({ hasText: /CenterNet \(COCO\) suggested \d+ boxes/ })).toBeVisible({ timeout: 60_000 });
  const items = page.getByRole('list', { name: 'Objects' }).getByRole('listitem');
  const suggested = items.filter({ hasText: 'suggested' });
  const n = await suggested.count();
  expect(n).toBeGreaterThanOrEqual(2); // the astronaut, the horse and the cat (person and animal in the demo)
  await expect(items).toHaveCount(n);
  await expect(page.getByRole('group', { name: 'Model suggestions' })).toContainText(`${n} suggested`);

  // A with nothing selected takes the first suggestion; the next one is selected for X.
  await page.getByTestId('image-canvas').focus();
  await page.keyboard.press('a');
  await expect(suggested).toHaveCount(n - 1);
  await expect(page.getByRole('region', { name: 'Attributes' })).toContainText('suggested');
  await page.keyboard.press('x');
  await expect(items).toHaveCount(n - 1);
  await expect(suggested).toHaveCount(n - 2);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved ✓');
  const objs = await stored(page);
  expect(objs.filter((o) => o.origin === 'human')).toHaveLength(1);
  expect(objs.filter((o) => o.origin === 'human')[0].attributes).not.toHaveProperty('score');
  expect(objs.filter((o) => o.origin === 'model')).toHaveLength(n - 2);

  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(n);
  await expect(suggested).toHaveCount(n - 1);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(0); // the whole detection was one step
});

test('Find entities proposes spans in a text; A accepts one, X rejects one', async ({ openApp, page }) => {
  await openApp();
  await openDemoTask(page, /harbour-news\.txt/);
  const spans = page.getByRole('list', { name: 'Spans' }).getByRole('listitem');
  await expect(page.getByRole('button', { name: 'Find entities' })).toBeEnabled();
  // Model runs are actions: started from the command palette, the button shows the run.
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Search commands' }).fill('Find entities');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /compromise \+ wink-nlp suggested \d+ spans/ })).toBeVisible({ timeout: 60_000 });
  await expect(spans.getByRole('button', { name: /\(suggested\)/ }).first()).toBeVisible();
  const before = (await stored(page)).filter((o) => o.origin === 'model');
  expect(before.length).toBeGreaterThanOrEqual(3);
  // The story's people, places and dates are among them, at the right offsets (the list shows each span's text).
  const list = page.getByRole('list', { name: 'Spans' });
  await expect(list.getByRole('button', { name: 'Person (suggested): Pieter de Vries' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Location (suggested): ROTTERDAM', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'Date (suggested): 14 March' })).toBeVisible();

  // With nothing selected, A takes the first suggestion and selects the next, which X then rejects.
  await page.keyboard.press('a');
  await expect(list.getByRole('button', { name: 'Location: ROTTERDAM', exact: true })).toBeVisible();
  await page.keyboard.press('x');
  await expect(list.getByRole('button', { name: /14 March/ })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved ✓');
  const after = await stored(page);
  expect(after.filter((o) => o.origin === 'human')).toHaveLength(1);
  expect(after.filter((o) => o.origin === 'model')).toHaveLength(before.length - 2);
  await expect(page.getByText(`${before.length - 2} suggested`).first()).toBeVisible();
  // Accept all is an action too: from the palette it accepts every remaining suggestion as one edit.
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Search commands' }).fill('Accept all suggestions');
  await page.keyboard.press('Enter');
  await expect(list.getByRole('button', { name: /\(suggested\)/ })).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText('Saved ✓');
  const accepted = await stored(page);
  expect(accepted.filter((o) => o.origin === 'model')).toHaveLength(0);
  expect(accepted.filter((o) => o.origin === 'human')).toHaveLength(before.length - 1);
});
