// Foundation benchmarks: cold start to the first paint of the project list, and importing 1,000 small files.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startServer, tempDataDir, ROOT } from '../support/server.ts';
import { printTable, stats, CHROMIUM } from './table.ts';

async function startToPaint(dataDir: string): Promise<{ serve: number; paint: number }> {
  const t0 = performance.now();
  const server = await startServer({ dataDir, demo: true });
  const serve = performance.now() - t0;
  const browser = await chromium.launch(CHROMIUM);
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Open project Demo' }).waitFor();
  const paint = performance.now() - t0;
  await browser.close();
  await server.stop();
  return { serve, paint };
}

const rows: (string | number)[][] = [];
for (const kind of ['first start (new data dir, demo installed)', 'later start (same data dir)']) {
  const serve: number[] = [];
  const paint: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = kind.startsWith('first') ? tempDataDir('tagger-bench-') : (globalThis as { warmDir?: string }).warmDir ?? ((globalThis as { warmDir?: string }).warmDir = tempDataDir('tagger-bench-'));
    const r = await startToPaint(dir);
    serve.push(r.serve);
    paint.push(r.paint);
  }
  rows.push([kind, stats(serve).p50, stats(paint).p50, Math.min(...paint), Math.max(...paint)]);
}
printTable('Cold start to first paint of the project list (ms, 3 runs; includes launching Chromium)', ['start', 'server ready p50', 'project list painted p50', 'min', 'max'], rows);

// Import of 1,000 small files of each kind, through the CLI as a user would run it.
const src = tempDataDir('tagger-bench-src-');
const dirs = { text: path.join(src, 'text'), image: path.join(src, 'image') };
for (const d of Object.values(dirs)) fs.mkdirSync(d);
for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dirs.text, `doc-${i}.txt`), `Document ${i}: Ada Lovelace wrote to Charles Babbage from London on ${i % 28 + 1} March.\n`);
for (let i = 0; i < 1000; i++) {
  const background = { r: i % 256, g: (i * 7) % 256, b: 40 * Math.floor(i / 256) };
  fs.writeFileSync(path.join(dirs.image, `img-${i}.png`), await sharp({ create: { width: 64, height: 48, channels: 3, background } }).png().toBuffer());
}
const importRows: (string | number)[][] = [];
for (const [kind, dir] of Object.entries(dirs)) {
  const data = tempDataDir('tagger-bench-import-');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', data, '--project', 'Bench', dir], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const again0 = performance.now();
  spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', data, '--project', 'Bench', dir], { encoding: 'utf8' });
  const dupMs = performance.now() - again0;
  const imported = /Imported (\d+)/.exec(r.stderr)?.[1] ?? '?';
  importRows.push([`1,000 ${kind} files`, imported, ms, (1000 / ms) * 1000, dupMs]);
}
printTable('Import of 1,000 small files via `tagger import` (whole command incl. process start)', ['input', 'imported', 'ms', 'files/s', 'ms re-import (all duplicates)'], importRows);
