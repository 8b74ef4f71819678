// Signed bundles in the app: export the demo project as a bundle (progress, signed by the wallet), import it on
// a second data directory (refused until its signer is trusted, then merged), check a tampered one, and cancel a
// long export (nothing is left at the destination).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, openDemoTask } from './fixtures.ts';
import { startServer, tempDataDir } from '../support/server.ts';
import { createCore } from '../../electron/core/createCore.ts';
import type { Page } from '@playwright/test';

const KEY = '0x' + '7e'.repeat(32);

async function openBundles(page: Page) {
  await page.keyboard.press('Control+k');
  await page.getByRole('textbox', { name: 'Search commands' }).fill('signed bundle');
  await page.keyboard.press('Enter');
  return page.getByRole('dialog', { name: 'Import and export' });
}

test('export the demo project as a signed bundle, import it elsewhere once its signer is trusted, refuse a tampered copy', async ({ openApp, page, browser }) => {
  await openApp();
  const address = await page.evaluate(async (k) => (await window.tagger!.wallet.import({ kind: 'privateKey', privateKey: k, password: 'bundle-pass-1' })).address!, KEY);
  await openDemoTask(page, /street-1/);
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Import and export' });
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-bundle-')), 'demo.tagger');
  await dialog.getByLabel('Bundle destination').fill(out);
  await dialog.getByRole('button', { name: 'Export bundle' }).click();
  await expect(dialog.getByRole('status')).toContainText(`signed by ${address}`);
  await expect(dialog.getByRole('status')).toContainText(/Wrote .*demo\.tagger .*task\(s\) with media/);
  expect(fs.statSync(out).size).toBeGreaterThan(10_000);

  // A second machine, with its own Demo project: the bundle's project arrives as "Demo (2)".
  const other = await startServer({ demo: false });
  try {
    const page2 = await browser.newPage();
    await page2.goto(other.url);
    const d2 = await openBundles(page2);
    await d2.getByLabel('Bundle to import').fill(out);
    await d2.getByRole('button', { name: 'Import bundle' }).click();
    await expect(d2.getByRole('alert')).toContainText(`signed by ${address}, which is not on this machine's trusted-keys list`);
    await d2.getByLabel('Address to trust').fill(address);
    await d2.getByLabel('Name of the key').fill('lead');
    await d2.getByRole('button', { name: 'Trust this key' }).click();
    await expect(d2.getByRole('list', { name: 'Trusted keys' })).toContainText(address);
    await d2.getByRole('button', { name: 'Check bundle' }).click();
    await expect(d2.getByRole('status')).toContainText(/Bundle checks out\. "Demo": \d+ task\(s\)/);
    await d2.getByRole('button', { name: 'Import bundle' }).click();
    await expect(d2.getByRole('status')).toContainText(/Imported into "Demo \(2\)" from 0x[0-9a-fA-F]{40}: 9 new task\(s\)/);
    await page2.screenshot({ path: test.info().outputPath('bundle-imported.png') });

    // A tampered copy (one media byte flipped) is refused, with the file named.
    const bad = out.replace('.tagger', '-tampered.tagger');
    const bytes = fs.readFileSync(bad.replace('-tampered', ''));
    bytes[bytes.length - 2048] ^= 0xff;
    fs.writeFileSync(bad, bytes);
    await d2.getByLabel('Bundle to import').fill(bad);
    await d2.getByRole('button', { name: 'Check bundle' }).click();
    await expect(d2.getByRole('alert')).toContainText(/The SHA-256 of media\/[0-9a-f]{64} is [0-9a-f]{64}, not/);
    await page2.screenshot({ path: test.info().outputPath('bundle-tampered.png') });
    await page2.close();
  } finally {
    await other.stop();
  }
});

test('a long bundle export shows progress and Cancel, and cancelling leaves no file behind', async ({ page }) => {
  // A project with one 3 GiB (sparse) text asset: the export streams it for long enough to be cancelled.
  const dataDir = tempDataDir();
  const core = createCore({ dataDir });
  const project = core.projects.create({ name: 'Big' });
  const id = 'b'.repeat(64); // the export reads the store as content-addressed and never re-hashes
  const file = core.media.pathOf(id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  fs.truncateSync(file, 3 * 1024 ** 3);
  core.assets.insertIfMissing({ id, kind: 'text', mime: 'text/plain', originalName: 'huge.txt', size: 3 * 1024 ** 3, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
  core.tasks.create(project.id, id);
  await core.close();
  const server = await startServer({ dataDir, demo: false });
  try {
    await page.goto(server.url);
    await page.evaluate(async (k) => window.tagger!.wallet.import({ kind: 'privateKey', privateKey: k, password: 'bundle-pass-1' }), KEY);
    await page.getByRole('button', { name: 'Open project Big' }).click();
    await page.getByRole('button', { name: 'Import and export (Ctrl+Shift+E)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import and export' });
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-bundle-')), 'big.tagger');
    await dialog.getByLabel('Bundle destination').fill(out);
    await dialog.getByRole('button', { name: 'Export bundle' }).click();
    const bar = dialog.getByRole('progressbar', { name: /Export bundle of Big/ });
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('bundle-export-progress.png') });
    await dialog.getByRole('button', { name: /Cancel Export bundle of Big/ }).click();
    await expect(dialog.getByRole('alert')).toContainText('cancelled');
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('a .tagger file opened with the app (here: named on the command line) opens Import/Export on it and checks it, importing nothing', async ({ openApp, page, browser }) => {
  await openApp();
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-open-')), 'opened.tagger');
  const { address, projectId } = await page.evaluate(async ({ k, out }) => {
    const t = window.tagger!;
    const a = (await t.wallet.import({ kind: 'privateKey', privateKey: k, password: 'bundle-pass-1' })).address!;
    const [project] = await t.projects.list();
    await t.bundles.export(project.id, out, { withMedia: false });
    return { address: a, projectId: project.id };
  }, { k: KEY, out });
  // no --allow-path: naming the bundle lets the page read its folder, nothing else
  const other = await startServer({ demo: false, allowPaths: [], args: [out] });
  try {
    const page2 = await browser.newPage();
    await page2.goto(other.url);
    const dialog = page2.getByRole('dialog', { name: 'Import and export' });
    await expect(dialog.getByLabel('Bundle to import')).toHaveValue(out);
    await expect(dialog.getByRole('alert')).toContainText(`signed by ${address}`);
    await expect(dialog.getByRole('alert')).toContainText("not on this machine's trusted-keys list");
    // checked, not imported: the bundle's project is not in the store, and a reload does not open the dialog again
    expect(await page2.evaluate(async () => (await window.tagger!.projects.list()).map((p) => p.id))).not.toContain(projectId);
    await page2.reload();
    await expect(page2.getByRole('status', { name: 'Save state' })).toBeVisible();
    await expect(page2.getByRole('dialog', { name: 'Import and export' })).toHaveCount(0);
    await page2.close();
  } finally {
    await other.stop();
  }
});
