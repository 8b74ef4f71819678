// Text workspace as an annotator uses it: select with the mouse and the keyboard, tag, relabel, delete, nest,
// relate, classify the document, pre-tag and accept; everything is still there after a reload.
import type { Page } from '@playwright/test';
import { test, expect, openDemoTask } from './fixtures.ts';

async function phraseBox(page: Page, phrase: string, nth = 0): Promise<{ x1: number; y1: number; x2: number; y2: number }> {
  const box = await page.evaluate(([phrase, nth]) => {
    const root = document.querySelector('[role="document"][aria-label="Document"]');
    if (!root) return null;
    const nodes: { node: Text; at: number }[] = [];
    let all = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (!n.parentElement?.closest('.tx-row') || n.parentElement.closest('[data-at]')) continue;
      nodes.push({ node: n, at: all.length });
      all += n.data;
    }
    let idx = -1;
    for (let k = 0; k <= (nth as number); k++) idx = all.indexOf(phrase as string, idx + 1);
    if (idx < 0) return null;
    const locate = (i: number) => { let j = nodes.length - 1; while (nodes[j].at > i) j--; return { node: nodes[j].node, off: i - nodes[j].at }; };
    const a = locate(idx), b = locate(idx + (phrase as string).length - 1);
    const r = document.createRange();
    r.setStart(a.node, a.off); r.setEnd(a.node, a.off + 1);
    const first = r.getBoundingClientRect();
    r.setStart(b.node, b.off); r.setEnd(b.node, b.off + 1);
    const last = r.getBoundingClientRect();
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, [phrase, nth] as const);
  if (!box) throw new Error(`"${phrase}" is not on screen in the document`);
  return box;
}

/** Selects a phrase by dragging the mouse across it. */
async function dragSelect(page: Page, phrase: string, nth = 0): Promise<void> {
  const b = await phraseBox(page, phrase, nth);
  await page.mouse.move(b.x1, b.y1);
  await page.mouse.down();
  await page.mouse.move((b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2, { steps: 3 });
  await page.mouse.move(b.x2, b.y2, { steps: 3 });
  await page.mouse.up();
}

async function doubleClickPhrase(page: Page, phrase: string, nth = 0): Promise<void> {
  const b = await phraseBox(page, phrase, nth);
  await page.mouse.dblclick((b.x1 + b.x2) / 2, b.y1);
}

const spanList = (page: Page) => page.getByRole('list', { name: 'Spans' });
const spansHeading = (page: Page) => page.getByRole('heading', { name: /^Spans \(/ });

test('select, tag, nest, relabel, relate, delete, classify; all of it survives a reload', async ({ openApp, page }) => {
  await openApp();
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  await openDemoTask(page, /harbour-news\.txt/);
  const doc = page.getByRole('document', { name: 'Document' });
  await expect(doc).toContainText('Amara Okafor will become');
  await expect(spansHeading(page)).toHaveText('Spans (0)');

  // Mouse selection from inside "mara" to inside "Okafo" snaps to the whole names.
  await dragSelect(page, 'mara Okafo');
  await page.keyboard.press('1');
  await expect(spansHeading(page)).toHaveText('Spans (1)');
  await expect(spanList(page).getByRole('button', { name: 'Person: Amara Okafor' })).toBeVisible();
  await expect(doc.getByRole('button', { name: 'Person: Amara Okafor' })).toBeVisible();

  // Relabel from the list, then back with the key while the span is selected.
  await spanList(page).getByRole('combobox', { name: 'Label of Amara Okafor' }).selectOption('organization');
  await expect(spanList(page).getByRole('button', { name: 'Organization: Amara Okafor' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(spanList(page).getByRole('button', { name: 'Person: Amara Okafor' })).toBeVisible();

  // Double-click tags one token with the active label; choose Location first (Esc clears the selected span).
  await page.keyboard.press('Escape');
  await page.keyboard.press('3');
  await doubleClickPhrase(page, 'Rotterdam');
  await expect(spanList(page).getByRole('button', { name: 'Location: Rotterdam' })).toBeVisible();

  // A span around it: nested spans both keep a clickable tag.
  await dragSelect(page, 'Port of Rotterdam Authority');
  await page.keyboard.press('2');
  await expect(spansHeading(page)).toHaveText('Spans (3)');
  await doc.getByRole('button', { name: 'Location: Rotterdam' }).click();
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('Rotterdam');
  await doc.getByRole('button', { name: 'Organization: Port of Rotterdam Authority' }).click();
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('Port of Rotterdam Authority');

  // Relation: select Okafor, R, click the target, pick the type.
  await doc.getByRole('button', { name: 'Person: Amara Okafor' }).click();
  await page.keyboard.press('r');
  await doc.getByRole('button', { name: 'Location: Rotterdam' }).click();
  await page.getByRole('dialog', { name: 'Relation type' }).getByRole('button', { name: /located in/ }).click();
  await expect(page.getByRole('list', { name: 'Relations' })).toContainText('Amara Okafor → located in → Rotterdam');

  // Attributes of the selected span come from the schema.
  await doc.getByRole('button', { name: 'Person: Amara Okafor' }).click();
  await page.getByRole('region', { name: 'Selected span' }).getByRole('combobox', { name: 'Confidence' }).selectOption('high');

  // Keyboard selection: caret before "Tuesday", Shift+→ seven times, key 4.
  await page.evaluate(() => {
    const seg = [...document.querySelectorAll<HTMLElement>('.tx-seg')].find((s) => s.textContent!.includes('on Tuesday'))!;
    const node = seg.firstChild as Text;
    window.getSelection()!.collapse(node, node.data.indexOf('Tuesday'));
  });
  await doc.focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('4');
  await expect(spanList(page).getByRole('button', { name: 'Date: Tuesday' })).toBeVisible();
  await expect(spansHeading(page)).toHaveText('Spans (4)');
  // Delete it with the key (it is the selected span now).
  await page.keyboard.press('Delete');
  await expect(spansHeading(page)).toHaveText('Spans (3)');
  await expect(spanList(page).getByRole('button', { name: 'Date: Tuesday' })).toHaveCount(0);
  // Undo brings it back, redo deletes it again (the shared history).
  await page.keyboard.press('Control+z');
  await expect(spansHeading(page)).toHaveText('Spans (4)');
  await page.keyboard.press('Control+Shift+z');
  await expect(spansHeading(page)).toHaveText('Spans (3)');

  // Document label.
  await page.getByRole('checkbox', { name: 'News' }).check();
  await expect(page.getByRole('status', { name: 'Save state' })).toContainText(/Saved/);

  await page.reload();
  await expect(spansHeading(page)).toHaveText('Spans (3)');
  await expect(spanList(page).getByRole('button', { name: 'Person: Amara Okafor' })).toBeVisible();
  await expect(spanList(page).getByRole('button', { name: 'Organization: Port of Rotterdam Authority' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Relations' })).toContainText('Amara Okafor → located in → Rotterdam');
  await expect(page.getByRole('checkbox', { name: 'News' })).toBeChecked();
  await expect(page.locator('.tx-arrow path')).toHaveCount(1);
  await page.getByRole('document', { name: 'Document' }).getByRole('button', { name: 'Person: Amara Okafor' }).click();
  await expect(page.getByRole('region', { name: 'Selected span' }).getByRole('combobox', { name: 'Confidence' })).toHaveValue('high');
  await page.screenshot({ path: test.info().outputPath('after-reload.png') });
});

test('RTL, CJK and emoji text: tokens snap correctly; pre-tagger suggestions are accepted and rejected', async ({ openApp, page }) => {
  await openApp();
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  await openDemoTask(page, /multilingual\.txt/);
  const doc = page.getByRole('document', { name: 'Document' });
  await expect(doc).toContainText('القاهرة');
  await page.keyboard.press('3');
  await doubleClickPhrase(page, 'القاهرة');
  await expect(spanList(page).getByRole('button', { name: 'Location: القاهرة' })).toBeVisible();
  await dragSelect(page, '東京');
  await page.keyboard.press('3');
  await expect(spanList(page).getByRole('button', { name: /^Location: 東京/ })).toBeVisible();
  // After the emoji, stored UTF-16 offsets and Python's code-point offsets differ; the panel shows both.
  await doubleClickPhrase(page, 'Zoë');
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText(/code points \d+–\d+/);
  await page.keyboard.press('Delete');
  // Character mode: half a word is allowed.
  await page.getByRole('checkbox', { name: 'Snap to words' }).uncheck();
  await dragSelect(page, 'Welc');
  await page.keyboard.press('5');
  await expect(spanList(page).getByRole('button', { name: 'Event: Welc' })).toBeVisible();

  await page.getByRole('button', { name: 'Pre-tag' }).click();
  await expect(spansHeading(page)).toContainText('2 suggested');
  await expect(doc.getByRole('button', { name: 'Location (suggested): Cairo' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('suggestions.png') });
  await doc.getByRole('button', { name: 'Location (suggested): Cairo' }).click();
  await page.keyboard.press('a');
  await expect(doc.getByRole('button', { name: 'Location: Cairo' })).toBeVisible();
  // After accepting, the next suggestion is selected; X rejects it.
  await expect(page.getByRole('region', { name: 'Selected span' })).toContainText('São Paulo');
  await page.keyboard.press('x');
  await expect(spanList(page).getByRole('button', { name: /São Paulo/ })).toHaveCount(0);
  await expect(spansHeading(page)).toHaveText('Spans (4)');
  // The searchable picker (/) tags the selection captured when it opened.
  await page.getByRole('checkbox', { name: 'Snap to words' }).check();
  await dragSelect(page, 'museum');
  await page.keyboard.press('/');
  await page.getByRole('dialog', { name: 'Pick a label' }).getByRole('textbox', { name: 'Search labels' }).fill('dat');
  await page.keyboard.press('Enter');
  await expect(spanList(page).getByRole('button', { name: 'Date: museum' })).toBeVisible();
  await page.reload();
  await expect(spansHeading(page)).toHaveText('Spans (5)');
  await expect(spanList(page).getByRole('button', { name: 'Location: Cairo' })).toBeVisible();
});
