// A working hour, compressed: 200 images worked through with the keyboard (F, D, Ctrl+Enter), boxes drawn on many
// of them, a label renamed mid-way, and the core unreachable for 5 s in the middle. At the end nothing is lost,
// every finished task says so, and the screen never got stuck.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { ROOT } from '../support/server.ts';

const run = promisify(execFile);
const N = 200;

async function drawBox(page: Page) {
  const canvas = page.getByTestId('image-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const c = (await canvas.boundingBox())!;
  await page.keyboard.press('b');
  await page.mouse.move(c.x + c.width * 0.35, c.y + c.height * 0.35);
  await page.mouse.down();
  await page.mouse.move(c.x + c.width * 0.6, c.y + c.height * 0.6, { steps: 2 });
  await page.mouse.up();
}

test('200 images with F, D and Ctrl+Enter, a label renamed mid-way, the core away for 5 s: nothing lost, nothing stuck', async ({ openApp, page, server }) => {
  test.setTimeout(300_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-hour-'));
  await Promise.all(Array.from({ length: N }, (_, i) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: i, g: 255 - i, b: 128 } } }).png().toFile(path.join(dir, `img-${String(i).padStart(3, '0')}.png`))));
  await openApp();
  await run(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', server.dataDir, '--project', 'Hour', dir], { cwd: ROOT });
  await page.getByRole('button', { name: 'Open project Hour' }).click();
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await queue.getByRole('button', { name: /img-000\.png/ }).click();
  const position = page.getByLabel('Queue position');
  let drawn = 0;
  for (let i = 0; i < N; i++) {
    await expect(position).toHaveText(`${i + 1} / ${N}`);
    if (i % 5 === 0) {
      if (i > 60) await page.keyboard.press('2');
      await drawBox(page);
      drawn++;
      if (i > 60) await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem').first()).toContainText('Pedestrian');
    }
    if (i === 60) {
      // Labels edited mid-way (as a schema editor would): "Person" becomes "Pedestrian"; new boxes show the new name.
      await page.evaluate(async () => {
        const t = window.tagger!;
        const p = (await t.projects.list()).find((x) => x.name === 'Hour')!;
        const image = { ...p.schema.image!, labels: p.schema.image!.labels.map((l) => (l.name === 'Person' ? { ...l, name: 'Pedestrian' } : l)) };
        await t.projects.update(p.id, { schema: { ...p.schema, image } });
      });
    }
    if (i === 100) {
      // The core is unreachable for 5 s: the box drawn now waits in the queue, the banner says so, work goes on.
      await page.route('**/api/call/annotations.edit', (r) => r.abort('connectionrefused'));
      await drawBox(page);
      drawn++;
      await expect(page.getByRole('alert', { name: 'Unsaved changes' })).toContainText('1 change not saved yet');
      await page.keyboard.press('d');
      await expect(position).toHaveText(`${i} / ${N}`);
      await page.keyboard.press('f');
      await expect(position).toHaveText(`${i + 1} / ${N}`);
      await page.waitForTimeout(5000);
      await page.unroute('**/api/call/annotations.edit');
      await expect(page.getByRole('alert', { name: 'Unsaved changes' })).toHaveCount(0, { timeout: 15_000 });
    }
    await page.keyboard.press(i % 2 ? 'Control+Enter' : 'Control+Shift+Enter');
  }
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
  const summary = await page.evaluate(async () => {
    const t = window.tagger!;
    const p = (await t.projects.list()).find((x) => x.name === 'Hour')!;
    const tasks = await t.tasks.list(p.id);
    return { done: tasks.filter((x) => x.status === 'done').length, objects: tasks.reduce((n, x) => n + x.objectCount, 0) };
  });
  expect(summary).toEqual({ done: N, objects: drawn });
});
