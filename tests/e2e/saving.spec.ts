// Saving as an annotator meets it on a bad day: the core stops answering, a task was already submitted, someone
// types fast. Nothing freezes, nothing typed is lost, and the screen says what is going on.
import { test, expect, openDemoTask, projectIds } from './fixtures.ts';
import type { Page } from '@playwright/test';

interface Obj { id: string; label: string; attributes: Record<string, unknown> }

async function stored(page: Page, taskId?: string): Promise<Obj[]> {
  return page.evaluate(async (id) => {
    const taskId = id ?? decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    return (await window.tagger!.annotations.load(taskId)).objects as unknown as Obj[];
  }, taskId);
}

async function openImage(page: Page, name: RegExp) {
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name }).click();
  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
}

async function drawBox(page: Page) {
  const c = (await page.getByTestId('image-canvas').boundingBox())!;
  await page.keyboard.press('b');
  await page.mouse.move(c.x + c.width * 0.3, c.y + c.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(c.x + c.width * 0.4, c.y + c.height * 0.4, { steps: 3 });
  await page.mouse.move(c.x + c.width * 0.5, c.y + c.height * 0.5, { steps: 3 });
  await page.mouse.up();
}

const taskIdOf = (page: Page) => page.evaluate(() => decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]));

test('while the core is unreachable edits stay, the banner counts them, other tasks open, and all is stored once it is back', async ({ openApp, page }) => {
  await openApp();
  await openImage(page, /street-1\.jpg/);
  const first = await taskIdOf(page);
  const objects = page.getByRole('list', { name: 'Objects' });
  const canvasBefore = await page.getByTestId('image-canvas').boundingBox();
  await page.route('**/api/call/annotations.edit', (route) => route.abort('connectionrefused'));
  await drawBox(page);
  await drawBox(page);
  await expect(objects.getByRole('listitem')).toHaveCount(2);
  const banner = page.getByRole('alert', { name: 'Unsaved changes' });
  await expect(banner).toContainText('2 changes not saved yet');
  // The loud banner does not move the picture under the pointer (it used to push the workspace down mid-drag),
  // and it leaves the status bar readable.
  expect(await page.getByTestId('image-canvas').boundingBox()).toEqual(canvasBefore);
  const [bar, statusBar] = [await banner.boundingBox(), await page.getByRole('status', { name: 'Save state' }).boundingBox()];
  expect(bar!.y + bar!.height).toBeLessThanOrEqual(statusBar!.y + 1);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/2 changes not saved yet/);
  // The app is not frozen: the next task opens while the failed saves wait.
  await page.keyboard.press('f');
  await expect(page.getByLabel('Location')).not.toContainText('street-1.jpg');
  await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
  await page.unroute('**/api/call/annotations.edit');
  // Retry now, unless the backoff's own retry got there first (it may, under load): either way the banner goes.
  await banner.getByRole('button', { name: 'Retry now' }).click({ timeout: 3000 }).catch(() => undefined);
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  expect(await stored(page, first)).toHaveLength(2);
  await page.keyboard.press('d');
  await expect(page.getByLabel('Location')).toContainText('street-1.jpg');
  await expect(objects.getByRole('listitem')).toHaveCount(2);
});

test('a submitted task opens read-only with a banner and disabled tools; F still moves on', async ({ openApp, page }) => {
  await openApp();
  await openImage(page, /street-1\.jpg/);
  const id = await taskIdOf(page);
  await drawBox(page);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  await page.evaluate((taskId) => window.tagger!.tasks.setStatus(taskId, 'submitted'), id);
  await page.reload();
  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('note', { name: 'Read-only task' })).toContainText('Submitted — read-only');
  const tools = page.getByRole('toolbar', { name: 'Image tools' });
  await expect(tools.getByRole('button', { name: 'Bounding box (B)' })).toBeDisabled();
  await expect(tools.getByRole('button', { name: 'Polygon (P)' })).toBeDisabled();
  // Hiding, locking and reordering are stored on the objects: none is offered on a submitted task.
  const panel = page.getByRole('region', { name: 'Object list' });
  for (const name of ['Hide all objects (Ctrl+Shift+H)', 'Lock all objects (Ctrl+Shift+L)', /^Hide Car 1/, /^Lock Car 1/]) await expect(panel.getByRole('button', { name })).toBeDisabled();
  await page.keyboard.press('Control+Shift+h');
  await expect(page.getByRole('button', { name: 'Hide Car 1' })).toBeVisible();
  await drawBox(page);
  await expect(page.getByRole('list', { name: 'Objects' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('alert', { name: /Save failed|Unsaved changes/ })).toHaveCount(0);
  // Trying again says so once, not once per key: identical toasts do not stack up over the canvas.
  await drawBox(page);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Delete');
  await expect(page.locator('.toast').filter({ hasText: 'read-only' })).toHaveCount(1);
  await page.keyboard.press('f');
  await expect(page.getByLabel('Location')).not.toContainText('street-1.jpg');
  await expect(page.getByRole('note', { name: 'Read-only task' })).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
});

test('the image Note keeps every fast keystroke', async ({ openApp, page }) => {
  await openApp();
  await openImage(page, /street-1\.jpg/);
  await drawBox(page);
  const objects = page.getByRole('list', { name: 'Objects' });
  await objects.getByRole('button', { name: /^Select / }).first().click();
  const note = page.getByRole('region', { name: 'Attributes' }).getByRole('textbox', { name: 'Note' });
  // Slow every save down a little so answers arrive while later keys are typed, as on a busy machine.
  await page.route('**/api/call/annotations.edit', async (route) => {
    await new Promise((r) => setTimeout(r, 15));
    await route.continue();
  });
  const text = 'the quick brown fox jumps over the lazy dog';
  await note.click();
  await page.keyboard.type(text);
  await expect(note).toHaveValue(text);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/, { timeout: 30_000 });
  await expect(note).toHaveValue(text);
  expect((await stored(page))[0].attributes.note).toBe(text);
});

test('submitted audio and text tasks offer no edit in their side panels either', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toBeVisible();
  const { task } = await projectIds(page);
  await page.evaluate(async ([audio, text]) => {
    const t = window.tagger!;
    const base = { origin: 'human' as const, z: 0, hidden: false, locked: false, attributes: {} };
    await t.annotations.edit(audio, { label: 'Seed', ops: [{ op: 'put', object: { ...base, id: 'seg', kind: 'segment', label: 'speech', geometry: { start: 0.5, end: 1.5, tier: 'speaker_a' } } }] });
    await t.annotations.edit(text, { label: 'Seed', ops: [{ op: 'put', object: { ...base, id: 'sp', kind: 'span', label: 'location', geometry: { start: 0, end: 7 } } }] });
    for (const id of [audio, text]) await t.tasks.setStatus(id, 'submitted');
  }, [task['interview.wav'], task['harbour-news.txt']]);
  await openDemoTask(page, /interview\.wav/);
  await page.getByRole('list', { name: 'Segments' }).getByRole('button', { name: /^Segment / }).click();
  const editor = page.getByRole('region', { name: 'Selected segment' });
  for (const name of ['Transcript', 'Start (s)', 'Tier', 'Lock segment (Ctrl+L)', 'Delete segment (Delete)']) await expect(editor.getByLabel(name, { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Lock segment 0:00/ })).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Play segment (Shift+Space)' })).toBeEnabled();

  await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /harbour-news\.txt/ }).click();
  const spans = page.getByRole('list', { name: 'Spans' });
  await spans.getByRole('button', { name: /^Location: / }).click();
  await expect(spans.getByRole('combobox')).toBeDisabled();
  await expect(spans.getByRole('button', { name: /^Delete / })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Selected span' }).getByRole('button', { name: 'Delete span (Del)' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'News' })).toBeDisabled();
});

test('F pressed while the core is slow to answer says the task is opening, then opens it', async ({ openApp, page, server }) => {
  await openApp();
  await openImage(page, /street-1\.jpg/);
  await page.route('**/api/call/tasks.next', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.keyboard.press('f');
  await expect(page.getByRole('status', { name: 'Opening task' })).toBeVisible();
  await expect(page.getByLabel('Location', { exact: true })).toContainText('street-2.png');
  await expect(page.getByRole('status', { name: 'Opening task' })).toHaveCount(0);
  // F then D pressed before the first answer: D starts from where F lands, so the user is back where they were.
  await page.keyboard.press('f');
  await page.keyboard.press('d');
  await expect(page.getByRole('status', { name: 'Opening task' })).toContainText('2 moves asked');
  await expect(page.getByRole('status', { name: 'Opening task' })).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByLabel('Location', { exact: true })).toContainText('street-2.png');
  // The core stops answering altogether: after a few seconds the status says so instead of a bare "Opening task…".
  await page.unrouteAll();
  process.kill(server.proc.pid!, 'SIGSTOP');
  try {
    await page.keyboard.press('f');
    await expect(page.getByRole('status', { name: 'Opening task' })).toContainText(/The core has not answered for \d+ s; it keeps trying/, { timeout: 8000 });
  } finally {
    process.kill(server.proc.pid!, 'SIGCONT');
  }
  await expect(page.getByRole('status', { name: 'Opening task' })).toHaveCount(0, { timeout: 10_000 });
  await expect(page.getByLabel('Location', { exact: true })).not.toContainText('street-2.png');
  await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
});

test('keys pressed after F apply to the next task: 2 and B pressed while the move is asked and while the task opens do not relabel the selected box being left, and the next box has label 2', async ({ openApp, page }) => {
  await openApp();
  await openImage(page, /street-1\.jpg/);
  const labels = page.getByRole('group', { name: 'Labels', exact: true });
  await page.keyboard.press('1');
  await expect(labels.getByRole('button', { name: /\(1\)$/ })).toHaveAttribute('aria-pressed', 'true');
  const first = (await labels.getByRole('button', { name: /\(1\)$/ }).textContent())!.replace(/\s*\(1\)$/, '').trim();
  const second = (await labels.getByRole('button', { name: /\(2\)$/ }).textContent())!.replace(/\s*\(2\)$/, '').trim();
  // A box on the first task, left selected: a label key reaching this task would relabel it.
  await drawBox(page);
  await expect(page.getByRole('list', { name: 'Objects' }).locator('.object-row.selected')).toContainText(first);
  await expect(page.getByRole('status', { name: 'Save state' })).toHaveText(/Saved/);
  const leftTask = await taskIdOf(page);
  // The core answers the move and the task only when the test says so.
  const gate = () => { let open!: () => void; const p = new Promise<void>((r) => (open = r)); return { p, open }; };
  const next = gate(), get = gate();
  await page.route('**/api/call/tasks.next', async (route) => { await next.p; await route.continue(); });
  await page.route('**/api/call/tasks.get', async (route) => { await get.p; await route.continue(); });
  await page.keyboard.press('f');
  await page.keyboard.press('2'); // the move is asked; the first task is still shown, its box selected
  next.open();
  await expect(page.getByLabel('Location', { exact: true })).toContainText('street-2.png');
  await expect(page.getByRole('main', { name: 'Workspace' })).toContainText('Opening…');
  await page.keyboard.press('b'); // the next task is opening; no tool is there yet
  get.open();
  await expect(page.getByTestId('image-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(labels.getByRole('button', { name: /\(2\)$/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('toolbar', { name: 'Image tools' }).getByRole('button', { name: /^Bounding box/ })).toHaveAttribute('aria-pressed', 'true');
  expect((await stored(page, leftTask)).map((o) => o.label)).toEqual([(await page.evaluate(async (id) => (await window.tagger!.tasks.get(id)).project.schema.image!.labels[0].id, leftTask))]);
  const before = (await stored(page)).length;
  const c = (await page.getByTestId('image-canvas').boundingBox())!;
  await page.mouse.move(c.x + c.width * 0.3, c.y + c.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(c.x + c.width * 0.5, c.y + c.height * 0.5, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await stored(page)).length).toBe(before + 1);
  await expect(page.getByRole('list', { name: 'Objects' }).locator('.object-row.selected')).toContainText(second);
});

