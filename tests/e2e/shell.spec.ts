// The foundation as a user meets it: the demo project is there, a task of each kind opens, the place survives
// a reload, the queue filters and "Next task" work, settings persist, keys work.
import { test, expect, openDemoTask } from './fixtures.ts';
import { startServer } from '../support/server.ts';

test('demo project opens a task of each kind and the place survives a reload', async ({ openApp, page }) => {
  await openApp();
  await expect(page.getByRole('button', { name: 'Open project Demo' })).toContainText('9 tasks');
  await openDemoTask(page, /street-1\.jpg/);
  await expect(page.getByLabel('Location', { exact: true })).toContainText('Demo');
  await expect(page.getByLabel('Location', { exact: true })).toContainText('street-1.jpg');
  await expect(page.getByLabel('Queue position')).toHaveText('2 / 9');
  for (const [name, kind] of [['interview.wav', 'audio'], ['lab-notes.txt', 'text'], ['street-1.jpg', 'image']] as const) {
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
    await expect(page.getByLabel('Location', { exact: true })).toContainText(name);
    await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Could not open');
    await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
    // The workspace of that kind actually appeared: the image canvas, the waveform, or the text document.
    const main = page.getByRole('main', { name: 'Workspace' });
    const surface = { image: main.getByTestId('image-canvas'), audio: main.getByRole('application', { name: 'Waveform' }), text: main.getByRole('document', { name: 'Document' }) }[kind];
    await expect(surface).toBeVisible();
  }
  await page.reload();
  await expect(page.getByLabel('Location', { exact: true })).toContainText('street-1.jpg');
  await expect(page.getByLabel('Queue position')).toHaveText('2 / 9');
});

test('a restart on another port (as the desktop app starts, with no place in the address) reopens the task worked on last', async ({ openApp, page, server }) => {
  await openApp();
  await openDemoTask(page, /lab-notes\.txt/);
  await expect(page.getByRole('main', { name: 'Workspace' }).getByRole('document', { name: 'Document' })).toBeVisible();
  // F pressed quickly several times: the place written is where the user stopped.
  for (let i = 0; i < 3; i++) await page.keyboard.press('f');
  await expect(page.getByRole('status', { name: 'Opening task' })).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
  await expect.poll(() => page.evaluate(async () => {
    const shown = decodeURIComponent(/\/t\/([^/]+)/.exec(location.hash)![1]);
    return (await window.tagger!.settings.get()).lastTaskId === shown;
  })).toBe(true);
  const last = (await page.getByLabel('Location', { exact: true }).textContent())!;
  expect(last).not.toContain('lab-notes.txt');
  await server.stop();
  const again = await startServer({ dataDir: server.dataDir });
  try {
    await page.goto(again.url);
    await expect(page.getByLabel('Location', { exact: true })).toHaveText(last);
    await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Could not open');
  } finally {
    await again.stop();
  }
});

test('queue filters by kind and status, and Next task opens the next unfinished one', async ({ openApp, page }) => {
  await openApp();
  await page.getByRole('button', { name: 'Open project Demo' }).click();
  const queue = page.getByRole('navigation', { name: 'Task queue' });
  await queue.getByRole('combobox', { name: 'Filter by kind' }).selectOption('audio');
  await expect(queue.getByRole('list', { name: 'Tasks' }).getByRole('button')).toHaveCount(3);
  await queue.getByRole('combobox', { name: 'Filter by kind' }).selectOption('');
  await queue.getByRole('searchbox', { name: 'Filter tasks by name' }).fill('notes');
  await expect(queue.getByRole('list', { name: 'Tasks' }).getByRole('button')).toHaveCount(1);
  await queue.getByRole('searchbox', { name: 'Filter tasks by name' }).fill('');
  await queue.getByRole('button', { name: 'Next task (F)' }).click();
  await expect(page.getByLabel('Queue position')).toHaveText('1 / 9');
  // A finished task is skipped by Next task; the F key (outside text fields) does the same.
  await page.evaluate(async () => {
    const t = (window as unknown as { tagger: any }).tagger;
    const [p] = await t.projects.list();
    const tasks = await t.tasks.list(p.id);
    await t.tasks.setStatus(tasks[1].id, 'done');
  });
  await page.locator('body').press('f');
  await expect(page.getByLabel('Queue position')).toHaveText('3 / 9');
});

test('settings persist across a reload and the shortcut list comes from the action registry', async ({ openApp, page }) => {
  await openApp();
  await page.getByRole('button', { name: 'Settings (Ctrl+,)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await dialog.getByRole('textbox', { name: 'Network node URL' }).fill('http://127.0.0.1:9999');
  await dialog.getByRole('button', { name: 'Save node URL' }).click();
  await expect(dialog.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Next task');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('textbox', { name: 'Network node URL' })).toHaveValue('http://127.0.0.1:9999');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Command palette');
  await page.keyboard.press('Escape');
  // Put the theme back for the other tests of this worker.
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search commands' }).fill('shortcuts');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings (Ctrl+,)' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Theme' }).selectOption('dark');
});

test('the token leaves the address bar and never becomes a cookie; the API refuses calls without it or from another origin', async ({ app, request, openApp, page }) => {
  await openApp('#/');
  await expect(page.getByRole('button', { name: 'Open project Demo' }).or(page.getByRole('navigation', { name: 'Task queue' })).first()).toBeVisible();
  expect(page.url()).not.toContain(app.token);
  expect(await page.context().cookies()).toEqual([]);
  await page.reload(); // the tab keeps its token (session storage, scoped to this port): the app still answers
  await expect(page.getByRole('button', { name: 'Open project Demo' }).or(page.getByRole('navigation', { name: 'Task queue' })).first()).toBeVisible();
  const noToken = await request.post(`${app.origin}/api/call/projects.list`, { headers: { 'Content-Type': 'application/json' }, data: [] });
  expect(noToken.status()).toBe(401);
  const foreign = await request.post(`${app.origin}/api/call/projects.list`, { headers: { Origin: 'http://evil.example', 'X-Tagger-Token': app.token, 'Content-Type': 'application/json' }, data: [] });
  expect(foreign.status()).toBe(403);
  const ok = await request.post(`${app.origin}/api/call/projects.list`, { headers: { 'X-Tagger-Token': app.token, 'Content-Type': 'application/json' }, data: [] });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).value[0].name).toBe('Demo');
});

test('files imported from the Import dialog become tasks; bad files are named with the reason', async ({ openApp, page, server }) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-ui-import-'));
  fs.writeFileSync(path.join(dir, 'new-doc.txt'), 'Grace Hopper joined the Navy in 1943.');
  fs.writeFileSync(path.join(dir, 'broken.png'), 'not really a png');
  await openApp();
  // Keyboard alone: Enter opens the project, Ctrl+Shift+E the dialog with the paths field focused, Ctrl+Enter imports
  // (Enter only adds a line there, and the button was a Tab away).
  await expect(page.getByRole('button', { name: /^Open project Demo/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Location', { exact: true })).toContainText('Demo');
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Import and export' });
  await expect(dialog.getByRole('textbox', { name: 'Files or folders to import, one per line' })).toBeFocused();
  // Web mode reads only the exchange folder and the folders allowed on the command line: the dialog says which, and
  // its examples lie there, so nobody types a path the core will refuse.
  const exchange = fs.realpathSync(path.join(server.dataDir, 'exchange'));
  await expect(dialog.getByLabel('Folders this page may use')).toContainText(exchange);
  await expect(dialog.getByLabel('Folders this page may use')).toContainText(fs.realpathSync(os.tmpdir()));
  await expect(dialog.getByRole('textbox', { name: 'Files or folders to import, one per line' })).toHaveAttribute('placeholder', `${exchange}/my-images`);
  await expect(dialog.getByRole('textbox', { name: 'Bundle to import' })).toHaveAttribute('placeholder', `${exchange}/work.tagger`);
  await page.keyboard.type(dir);
  await page.keyboard.press('Control+Enter');
  await expect(dialog.getByRole('alert')).toContainText(/Imported 1 item\(s\).*1 failed.*broken\.png \(not a readable image/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /new-doc\.txt/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /new-doc\.txt/ })).toBeVisible();
});

test('a queue of 2,000 tasks renders only the rows in view and the keyboard reaches the end', async ({ openApp, page }) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-big-queue-'));
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(dir, `doc-${String(i).padStart(4, '0')}.txt`), `Document number ${i}.`);
  await openApp();
  const report = await page.evaluate(async (d) => {
    const t = (window as unknown as { tagger: any }).tagger;
    const p = await t.projects.create({ name: 'Big queue' });
    const r = await t.imports.paths(p.id, [d]);
    return { id: p.id, imported: r.imported };
  }, dir);
  expect(report.imported).toBe(2000);
  await page.goto(`${page.url().split('#')[0]}#/p/${report.id}`);
  const list = page.getByRole('navigation', { name: 'Task queue' }).getByRole('list', { name: 'Tasks' });
  await expect(page.getByRole('navigation', { name: 'Task queue' })).toContainText('2000 tasks');
  expect(await list.getByRole('button').count()).toBeLessThan(80);
  await list.getByRole('button').first().focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('button', { name: /doc-1999\.txt/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Queue position')).toHaveText('2000 / 2000');
});

test('the project list opens with focus on the project worked on last, so Enter opens it', async ({ openApp, page }) => {
  await openApp();
  // First visit: the first project has focus and Enter opens it (no Tab walk past the top bar).
  await expect(page.getByRole('button', { name: /^Open project Demo/ })).toBeFocused();
  await page.getByRole('textbox', { name: 'New project name' }).fill('Second');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Location', { exact: true })).toContainText('Second');
  // Back to all projects: the project worked on last has focus, not the button that brought us here.
  await page.getByRole('button', { name: 'Tagger: all projects' }).click();
  await expect(page.getByRole('button', { name: /^Open project Second/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Location', { exact: true })).toContainText('Second');
});

test('a page load logs no errors in the console (a missing icon logged a 404 on every load)', async ({ openApp, page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp();
  await expect(page.getByRole('button', { name: /^Open project Demo/ })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('button', { name: /^Open project Demo/ })).toBeVisible();
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});
