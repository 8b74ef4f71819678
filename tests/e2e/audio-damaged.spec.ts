// Damaged audio: a truncated WAV still opens up to the damage with a warning naming the file; an asset whose media
// file vanished from the data folder says so and what to do instead of silently not playing. Nothing saved is lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { ROOT } from '../support/server.ts';

test('a truncated WAV opens with a warning; a missing media file gives a clear message and keeps the segments', async ({ openApp, page, server }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-audio-bad-'));
  const truncated = path.join(dir, 'cut-short.wav');
  fs.writeFileSync(truncated, fs.readFileSync(path.join(ROOT, 'resources/demo/audio/interview.wav')).subarray(0, 100_000));
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const report = await page.evaluate(async (file) => {
    const project = (await window.tagger!.projects.list()).find((p) => p.name === 'Demo')!;
    return window.tagger!.imports.paths(project.id, [file]);
  }, truncated);
  expect(report.imported).toBe(1);
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await queue.getByRole('button', { name: /cut-short\.wav/ }).click();
  await expect(page.getByRole('application', { name: 'Waveform' })).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('note', { name: 'Audio warning' })).toContainText('cut-short.wav is truncated');

  // chimes.wav gets a segment, then its media file disappears from the data folder before it is ever opened.
  const sha = await page.evaluate(async () => {
    const tagger = window.tagger!;
    const project = (await tagger.projects.list()).find((p) => p.name === 'Demo')!;
    const task = (await tagger.tasks.list(project.id)).find((t) => t.name === 'chimes.wav')!;
    await tagger.annotations.edit(task.id, { label: 'Seed', ops: [{ op: 'put', object: { id: 'kept', kind: 'segment', label: 'music', geometry: { start: 1, end: 2, tier: 'events' }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false } }] });
    return (await tagger.tasks.get(task.id)).asset.id;
  });
  fs.rmSync(path.join(server.dataDir, 'media', sha.slice(0, 2), sha));
  await queue.getByRole('button', { name: /chimes\.wav/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'chimes.wav' })).toContainText('import it again');
  // What was saved is still there.
  await expect(page.getByRole('list', { name: 'Segments' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Segments' }).getByRole('listitem')).toContainText('Music');
  fs.rmSync(dir, { recursive: true, force: true });
});
