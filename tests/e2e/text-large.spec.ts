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

test('a mouse selection dragged across thousands of rows becomes one span from where it started', async ({ big, page }) => {
  await page.goto(big.url);
  await page.getByRole('button', { name: 'Open project Long' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /long\.conll/ }).click();
  const doc = page.getByRole('document', { name: 'Document' });
  await expect(doc).toContainText('Sentence number 0 mentions');
  // Press on the first word, scroll far down with the button held (more rows than the document keeps in the DOM
  // for a selection), and release on a word there.
  const first = (await doc.locator('.tx-seg').first().boundingBox())!;
  await page.mouse.move(first.x + 2, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(first.x + 40, first.y + first.height / 2 + 30, { steps: 3 });
  for (let i = 1; i <= 10; i++) {
    await doc.evaluate((el, i) => { el.scrollTop = (el.scrollHeight * i * 0.093); }, i);
    await page.waitForTimeout(50);
  }
  // A row in the middle of the viewport, and its sentence number.
  const { x, y, n } = await doc.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const mid = box.top + box.height / 2;
    const seg = [...el.querySelectorAll<HTMLElement>('.tx-seg')].find((s) => { const r = s.getBoundingClientRect(); return r.top <= mid && r.bottom >= mid; })!;
    const r = seg.getBoundingClientRect();
    return { x: r.left + 60, y: r.top + r.height / 2, n: Number(/Sentence number (\d+)/.exec(seg.closest('.tx-row')!.textContent!)![1]) };
  });
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.up();
  expect(n).toBeGreaterThan(1600);
  await page.keyboard.press('1');
  const sel = page.getByRole('region', { name: 'Selected span' });
  await expect(sel).toContainText('“Sentence number 0 mentions');
  const [, a, b] = / (\d+)–(\d+)/.exec((await sel.textContent()) ?? '')!.map(Number);
  expect(a).toBe(0);
  // Each sentence line is over 50 characters: the span runs past all n lines before the release point.
  expect(b).toBeGreaterThan(n * 50);
});

test('thousands of relations: the relations list renders only the rows in view and still deletes the one clicked', async ({ big, page }) => {
  await page.goto(big.url);
  await page.getByRole('button', { name: 'Open project Long' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /long\.conll/ }).click();
  await expect(page.getByRole('heading', { name: /^Spans \(/ })).toHaveText(`Spans (${SPANS * 2})`);
  // Each person is related to the city of the same sentence, through the contract as an import would.
  await page.evaluate(async () => {
    const taskId = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    const doc = await window.tagger!.annotations.load(taskId);
    const spans = doc.objects.filter((o) => o.kind === 'span').sort((a, b) => (a.geometry as { start: number }).start - (b.geometry as { start: number }).start);
    const ops = [];
    for (let i = 0; i + 1 < spans.length; i += 2) ops.push({ op: 'put' as const, object: { id: `rel${i / 2}`, kind: 'relation' as const, label: 'located_in', geometry: { from: spans[i].id, to: spans[i + 1].id }, attributes: {}, origin: 'human' as const, z: 100000 + i, hidden: false, locked: false } });
    await window.tagger!.annotations.edit(taskId, { label: 'Relate', ops });
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: /^Relations \(/ })).toHaveText(`Relations (${SPANS})`);
  const rels = page.getByRole('list', { name: 'Relations' });
  await expect(rels.getByRole('listitem').first()).toBeVisible();
  expect(await rels.getByRole('listitem').count()).toBeLessThan(40);
  // Scrolled to the end, the last relation is there and can be deleted.
  await rels.evaluate((el) => { el.parentElement!.scrollTop = el.parentElement!.scrollHeight; });
  const last = `Person${SPANS - 1} Surname${SPANS - 1} → `;
  await expect(rels.getByRole('listitem').filter({ hasText: last })).toHaveCount(1);
  await rels.getByRole('button', { name: new RegExp(`^Delete relation Person${SPANS - 1} `) }).click();
  await expect(page.getByRole('heading', { name: /^Relations \(/ })).toHaveText(`Relations (${SPANS - 1})`);
  await expect(rels.getByRole('listitem').filter({ hasText: last })).toHaveCount(0);
});
