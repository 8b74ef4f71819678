// A long document with thousands of spans, imported from CoNLL with the CLI: the document and the span list render
// only what is on screen, and jumping from the list to a span far down shows it in the document.
import { test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, tempDataDir, type RunningServer } from '../support/server.ts';

const SPANS = 3000;

function conll(): string {
  const out = ['-DOCSTART- -X- -X- O', ''];
  for (let i = 0; i < SPANS; i++) {
    out.push(`Sentence NN O`, `number NN O`, `${i} CD O`, `mentions NN O`, `Person${i} NNP B-PER`, `Surname${i} NNP I-PER`, `in NN O`, `City${i} NNP B-LOC`, '');
  }
  return out.join('\n');
}

const test = base.extend<{ big: RunningServer }>({
  big: async ({}, use) => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-long.conll`);
    fs.writeFileSync(file, conll());
    execFileSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'import', '--data', dataDir, '--project', 'Long', file], { cwd: ROOT, stdio: 'pipe' });
    const s = await startServer({ dataDir, demo: false });
    await use(s);
    await s.stop();
  },
});

test('6,000 spans: only visible rows and list items are rendered; the list jumps the document to a span', async ({ big, page }) => {
  await page.goto(big.url);
  await page.getByRole('button', { name: 'Open project Long' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /long\.conll/ }).click();
  await expect(page.getByRole('heading', { name: /^Spans \(/ })).toHaveText(`Spans (${SPANS * 2})`);
  const doc = page.getByRole('document', { name: 'Document' });
  await expect(doc).toContainText('Person0 Surname0');
  // Virtualized: a few dozen rows and list items in the DOM, not thousands.
  expect(await page.locator('.tx-row').count()).toBeLessThan(150);
  const list = page.getByRole('list', { name: 'Spans' });
  expect(await list.getByRole('listitem').count()).toBeLessThan(80);
  await expect(doc).not.toContainText(`City${SPANS - 1}`);
  // Tab in the document steps through spans in text order.
  await doc.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('City0');
  // A keyboard selection longer than the rendered band: its anchor row stays rendered, so the span starts
  // where the selection started.
  await page.keyboard.press('Escape');
  await doc.evaluate((el) => { el.scrollTop = 0; const seg = el.querySelector('.tx-seg')!; window.getSelection()!.collapse(seg.firstChild!, 0); });
  await doc.focus();
  for (let i = 0; i < 70; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('1'); // the CoNLL file's own labels: PER (1), LOC (2)
  const sel = page.getByRole('region', { name: 'Selected span' });
  await expect(sel).toContainText('“Sentence number 0 mentions');
  // 70 lines of about 60 characters: the span runs from offset 0 far past the first screen.
  const end = Number(/ 0–(\d+)/.exec((await sel.textContent()) ?? '')?.[1]);
  expect(end).toBeGreaterThan(60 * 60);
  await page.keyboard.press('Delete');
  // Scroll the list to the end and jump to the last span.
  await list.evaluate((el) => { el.parentElement!.scrollTop = el.parentElement!.scrollHeight; });
  await list.getByRole('button', { name: `LOC: City${SPANS - 1}` }).click();
  await expect(doc.getByRole('button', { name: `LOC: City${SPANS - 1}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText(`City${SPANS - 1}`);
  // A new span far down is painted and counted.
  await doc.getByRole('button', { name: `LOC: City${SPANS - 1}` }).click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('heading', { name: /^Spans \(/ })).toHaveText(`Spans (${SPANS * 2 - 1})`);
  await expect(doc.getByRole('button', { name: `LOC: City${SPANS - 1}` })).toHaveCount(0);
});
