// A task's life as the annotator sees it: To do → In progress (first edit, shown in the queue at once) → Done
// (local) with Ctrl+Enter, never sent to a node; F pressed quickly moves exactly as many tasks; a terminal import
// shows up without a reload; dialogs and the queue hand focus where the keyboard expects it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from './fixtures.ts';
import { ROOT } from '../support/server.ts';

const run = promisify(execFile);

test('a command-line import shows without a reload, and F pressed 20 times quickly moves exactly 20 tasks', async ({ openApp, page, server }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-quick-'));
  for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(dir, `note-${String(i).padStart(2, '0')}.txt`), `Note number ${i}.\n`);
  await run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', server.dataDir, '--project', 'Quick', dir], { cwd: ROOT });
  await expect(page.getByRole('button', { name: 'Open project Quick' })).toContainText('30 tasks');
  await page.getByRole('button', { name: 'Open project Quick' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /note-00\.txt/ }).click();
  await expect(page.getByLabel('Queue position')).toHaveText('1 / 30');
  await page.locator('body').focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('f', { delay: 0 });
  await expect(page.getByLabel('Queue position')).toHaveText('21 / 30');
  await expect(page.getByLabel('Location', { exact: true })).toContainText('note-20.txt');
});

test('a local task: the queue row follows edits live, Ctrl+Enter marks it done without a wallet, and Tab after a queue click walks the objects', async ({ openApp, page }) => {
  await openApp();
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await queue.getByRole('button', { name: /street-1\.jpg/ }).click();
  const canvas = page.getByTestId('image-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  // Clicking a queue row hands the keyboard to the workspace.
  await expect(canvas).toBeFocused();
  const c = (await canvas.boundingBox())!;
  await page.keyboard.press('b');
  for (const [a, b] of [[0.2, 0.4], [0.5, 0.7]]) {
    await page.mouse.move(c.x + c.width * a, c.y + c.height * a);
    await page.mouse.down();
    await page.mouse.move(c.x + c.width * b, c.y + c.height * b, { steps: 4 });
    await page.mouse.up();
  }
  await expect(queue.getByRole('button', { name: /street-1\.jpg, In progress, 2 annotations, image/ })).toBeVisible();
  await page.keyboard.press('v');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('button', { name: /^Select / }).and(page.locator('[aria-pressed="true"]'))).toHaveCount(1);
  await expect(canvas).toBeFocused();

  await expect(page.getByRole('button', { name: 'Mark done and open next (Ctrl+Enter)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit task and open next (Ctrl+Enter)' })).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(queue.getByRole('button', { name: /street-1\.jpg, Done \(local\), 2 annotations, image/ })).toBeVisible();
  await expect(page.getByLabel('Location', { exact: true })).not.toContainText('street-1.jpg');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await page.evaluate(async () => (await window.tagger!.submissions.list()).length)).toBe(0);
});

test('the command palette opens with its search field focused and gives focus back when closed', async ({ openApp, page }) => {
  await openApp();
  const settings = page.getByRole('button', { name: 'Settings (Ctrl+,)' });
  await settings.focus();
  await page.keyboard.press('Control+k');
  const search = page.getByRole('textbox', { name: 'Search commands' });
  await expect(search).toBeFocused();
  await page.keyboard.type('shortcuts');
  await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(settings).toBeFocused();
});
