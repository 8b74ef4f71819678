// Signed work end to end, as an annotator meets it: create a wallet (phrase shown once, words typed back), get a
// task from a node, submit it while the node is down (it waits), bring the node back, see it accepted with a reward.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { startNodeProcess, freePort, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { testRequester } from '../../network/testing/signing.ts';
import { publishFiles } from '../../network/publish.ts';

test('submit offline, then the node accepts it with a reward', async ({ openApp, page }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  let node: NodeProcess | null = await startNodeProcess({ args: ['--port', String(port)] });
  const nodeDir = node.dataDir;
  try {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-pub-'));
    fs.writeFileSync(path.join(files, 'headline.txt'), 'Storm closes the harbour for a second day.\n');
    await publishFiles([files], { requester: testRequester, node: node.url, name: 'Headlines', redundancy: 2, baseReward: 3 });

    await openApp();
    await page.evaluate((url) => window.tagger!.settings.set({ nodeUrl: url }), node.url);

    // Create a wallet: the phrase is shown once and three of its words must be typed back.
    await page.getByRole('button', { name: 'Wallet: none' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create or import a wallet' });
    await dialog.getByRole('button', { name: 'Create a new wallet' }).click();
    // Each step hands the keyboard to its first field or action (focus used to drop to the page after a step).
    await expect(dialog.getByLabel('New wallet password')).toBeFocused();
    await dialog.getByLabel('New wallet password').fill('correct horse 1');
    await dialog.getByLabel('Repeat wallet password').fill('correct horse 1');
    await dialog.getByRole('button', { name: 'Create wallet' }).click();
    await expect(dialog.getByRole('list', { name: 'Recovery phrase' }).getByRole('listitem')).toHaveCount(12);
    const words = await dialog.getByRole('list', { name: 'Recovery phrase' }).getByRole('listitem').allTextContents();
    expect(words).toHaveLength(12);
    // The phrase is whole in view (the top bar's no-wrap rule leaked into the dialog and cut its third column).
    expect(await dialog.getByRole('list', { name: 'Recovery phrase' }).evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await expect(dialog.getByRole('button', { name: 'I wrote them down' })).toBeFocused();
    await dialog.getByRole('button', { name: 'I wrote them down' }).click();
    await expect(dialog.getByRole('textbox', { name: /^Word \d+$/ }).first()).toBeFocused();
    await expect(dialog.getByLabel('Recovery phrase')).toHaveCount(0);
    for (const input of await dialog.getByRole('textbox', { name: /^Word \d+$/ }).all()) {
      const n = Number((await input.getAttribute('aria-label'))!.split(' ')[1]);
      await input.fill(words[n - 1]);
    }
    await dialog.getByRole('button', { name: 'Confirm and save' }).click();
    await expect(page.getByRole('button', { name: /^Wallet 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}, 0 TAG$/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // The wallet's overview opens on its first action, not on the idle-lock minutes field.
    await page.getByRole('button', { name: /^Wallet 0x/ }).click();
    await expect(page.getByRole('dialog', { name: 'Wallet' }).getByRole('button', { name: 'Submissions and rewards' })).toBeFocused();
    // This node settles no chain: the panel says so and offers no Claim button that would wait forever.
    const onChain = page.getByRole('dialog', { name: 'Wallet' }).getByRole('region', { name: 'On chain' });
    await expect(onChain).toContainText('The node settles no chain');
    await expect(onChain.getByRole('button')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Get work from the node.
    await page.getByRole('button', { name: 'Submissions and rewards' }).click();
    const subs = page.getByRole('dialog', { name: 'Submissions and rewards' });
    await subs.getByRole('button', { name: 'Get tasks from the node' }).click();
    await expect(page.getByRole('status').filter({ hasText: '1 new task' })).toBeVisible();
    // A new wallet is a newcomer on this node: the toast says why it got one lease, in the node's words.
    await expect(page.getByRole('status').filter({ hasText: '1 new task' })).toContainText('no accepted work on this node yet');
    await subs.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Open project Headlines' }).click();
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt/ }).click();
    await expect(page.getByLabel('Location')).toContainText('headline.txt');

    // The node goes away; submitting still works and the item waits.
    await node.stop();
    node = null;
    await page.getByRole('button', { name: 'Submit task and open next (Ctrl+Enter)' }).click();
    // Nothing is marked in the headline: Submit asks before signing an empty task.
    await page.getByRole('dialog', { name: 'Submit an empty task?' }).getByRole('button', { name: 'Submit empty task' }).click();
    await expect(page.getByLabel('Waiting to sync')).toHaveText('1 waiting to sync');
    await expect(page.getByLabel('Network state')).toHaveText('Offline');
    await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt, Submitted, .*, text/ })).toBeVisible();

    // The node is back on the same address: the submission is accepted and paid.
    node = await startNodeProcess({ dataDir: nodeDir, args: ['--port', String(port)] });
    await page.getByRole('button', { name: /^Submissions and rewards/ }).click();
    await subs.getByRole('button', { name: 'Sync now' }).click();
    await expect(subs.getByRole('row', { name: 'headline.txt: Accepted' })).toContainText('3 TAG');
    await expect(subs.getByLabel('Total rewards')).toHaveText('3 TAG');
    await expect(page.getByLabel('Waiting to sync')).toHaveText('0 waiting to sync');
    await expect(page.getByLabel('Network state')).toHaveText('Online');
    await subs.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt, Accepted, .*, text/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Wallet 0x.*, 3 TAG$/ })).toBeVisible();
  } finally {
    await node?.stop();
  }
});

test('a locked wallet asks for the password on Submit of a network task, an empty one asks first, and a node\'s rejection is shown with its reason', async ({ openApp, page }) => {
  test.setTimeout(120_000);
  const node = await startNodeProcess();
  try {
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-pub-'));
    fs.writeFileSync(path.join(files, 'headline.txt'), 'Storm closes the harbour for a second day.\n');
    await publishFiles([files], { requester: testRequester, node: node.url, name: 'Headlines', redundancy: 2, baseReward: 3 });
    await openApp();
    const key = '0x' + '7b'.repeat(32);
    await page.evaluate(async ({ k, url }) => {
      const t = window.tagger!;
      await t.settings.set({ nodeUrl: url });
      await t.wallet.import({ kind: 'privateKey', privateKey: k, password: 'right-password' });
      await t.submissions.pull();
      await t.wallet.lock();
    }, { k: key, url: node.url });
    await page.reload();
    await page.getByRole('button', { name: 'Open project Headlines' }).click();
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt/ }).click();
    await expect(page.getByRole('button', { name: 'Submit task and open next (Ctrl+Enter)' })).toBeVisible();
    // Nothing is marked in it: Submit asks first, and Cancel (the focused, safe answer) keeps the task open.
    await page.keyboard.press('Control+Enter');
    const empty = page.getByRole('dialog', { name: 'Submit an empty task?' });
    await expect(empty.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(empty).toHaveCount(0);
    await page.keyboard.press('Control+Enter');
    await empty.getByRole('button', { name: 'Submit empty task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlock wallet' });
    await expect(dialog).toContainText('unlock it to continue');
    await expect(dialog.getByLabel('Wallet password')).toBeFocused();
    await dialog.getByLabel('Wallet password').fill('wrong-password');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Wrong password');
    await dialog.getByLabel('Wallet password').fill('right-password');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    // Unlocking continues the submit (without asking about the empty task again): the task is frozen.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt, (Submitted|Accepted), .*, text/ })).toBeVisible();

    // A task imported here is never sent by the keys (Ctrl+Enter marks it done); one submitted through the API
    // anyway is rejected by the node, and the user sees the node's reason and can rework the task.
    const localId = await page.evaluate(async () => {
      const t = window.tagger!;
      const demo = (await t.projects.list()).find((p) => p.name === 'Demo')!;
      const task = (await t.tasks.list(demo.id)).find((x) => x.name === 'lab-notes.txt')!;
      await t.submissions.submit(task.id);
      return `#/p/${encodeURIComponent(demo.id)}/t/${encodeURIComponent(task.id)}`;
    });
    await page.evaluate((hash) => { location.hash = hash; }, localId);
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search commands' }).fill('sync now');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'lab-notes.txt was rejected: unknown task' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /lab-notes\.txt, Rejected, .*, text/ })).toBeVisible();
    await expect(page.getByLabel('Waiting to sync')).toHaveText('0 waiting to sync');
  } finally {
    await node.stop();
  }
});
