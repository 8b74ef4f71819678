// A validator's review, as one meets it: three wallets submitted their versions of a street image to a real node; the
// validator (staked by the operator) gets the item from the node, walks the disagreements by keyboard, accepts a
// version's object and rejects another, accepts the consensus; the node records the review, updates reputation and
// pays each annotator base × difficulty × quality (quality = F1 against the accepted consensus) and the validator 10%.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { test, expect } from './fixtures.ts';
import { stakeWallets, startNodeProcess, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { api, leaseAs, signSubmission, testRequester } from '../../network/testing/signing.ts';
import { publishFiles } from '../../network/publish.ts';
import { annotationDocument } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN } from '../../shared/signing/typedData.ts';
import { ROOT } from '../support/server.ts';

const box = (id: string, label: string, x: number, y: number, w: number, h: number) => ({ id, z: 0, kind: 'box', label, geometry: { x, y, w, h }, attributes: {}, origin: 'human' });
// car: all agree; person: bruno says cyclist (label differs); sign: chen has none (missing); chen's second car: extra
const VERSIONS = [
  [box('a1', 'car', 100, 300, 200, 120), box('a2', 'person', 500, 250, 60, 160), box('a3', 'traffic_sign', 400, 330, 30, 30)],
  [box('b1', 'car', 104, 302, 198, 118), box('b2', 'animal', 500, 250, 60, 160), box('b3', 'traffic_sign', 401, 331, 30, 30)],
  [box('c1', 'car', 100, 300, 200, 120), box('c2', 'person', 502, 252, 58, 158), box('c3', 'car', 700, 420, 120, 70)],
];
const KEY = `0x${'3c'.repeat(32)}`;

test('a validator walks the disagreements, accepts a consensus and the node pays quality-adjusted rewards', async ({ openApp, page }) => {
  test.setTimeout(120_000);
  let node: NodeProcess | null = null;
  try {
    node = await startNodeProcess();
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-review-'));
    fs.copyFileSync(path.join(ROOT, 'resources/demo/images/street-1.jpg'), path.join(files, 'street-1.jpg'));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/demo/schema.json'), 'utf8')) as { image: unknown };
    await publishFiles([files], { requester: testRequester, node: node.url, name: 'Street review', redundancy: 3, baseReward: 2, schema: { image: schema.image } });
    // review mode lists versions by annotator address: sort the wallets so they read amara, bruno, chen
    const annotators = VERSIONS.map(() => Wallet.createRandom()).sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1));
    for (const [i, w] of annotators.entries()) {
      const l = (await leaseAs(node.url, w, ['image'], 1)).body.leases[0];
      const r = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 1, document: annotationDocument(l.taskId, VERSIONS[i]) })] });
      expect(r.body.results[0].status).toBe('accepted');
    }

    await openApp();
    const validator = new Wallet(KEY).address;
    await page.evaluate(async ({ url, key }) => {
      await window.tagger!.settings.set({ nodeUrl: url });
      await window.tagger!.wallet.import({ kind: 'privateKey', privateKey: key, password: 'validator pass 1' });
    }, { url: node.url, key: KEY });
    await page.getByRole('button', { name: 'Open project Demo' }).click();
    await page.getByRole('button', { name: 'Review mode (Ctrl+Shift+V)' }).click();
    const queue = page.getByRole('navigation', { name: 'Review queue' });

    // Not staked yet: the node says why and nothing arrives.
    await queue.getByRole('button', { name: 'Get items to review from the node' }).click();
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: /may not validate on this node: validators need at least 100 TAG staked/ }).first()).toBeVisible();
    await stakeWallets(node, { [validator]: 100 });
    await queue.getByRole('button', { name: 'Get items to review from the node' }).click();
    await expect(page.getByText('1 item to review from the node')).toBeVisible();
    // The retry succeeded: the stale refusal is not left over the panes.
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: /may not validate on this node/ })).toHaveCount(0, { timeout: 2000 });
    await expect(page.getByLabel('Location')).toContainText('Street review');
    await queue.getByRole('button', { name: /street-1\.jpg, image, 3 versions, to review/ }).click();

    const panes = page.getByTestId('review-pane');
    await expect(panes).toHaveCount(4); // three versions and the draft consensus
    // On a laptop-sized window four panes of a landscape picture sit 2×2: a row of four showed it at half the size.
    await expect(page.locator('.rv-panes')).toHaveAttribute('data-columns', '2');
    const boxes = await panes.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: Math.round(r.x), y: Math.round(r.y), w: r.width, h: r.height }; }));
    expect(new Set(boxes.map((b) => b.x)).size).toBe(2);
    expect(new Set(boxes.map((b) => b.y)).size).toBe(2);
    const objects = page.getByRole('region', { name: 'Matched objects' }).getByRole('button');
    await expect(objects).toHaveCount(4);
    await expect(page.getByRole('region', { name: 'Legend' })).toContainText('label differs (1)');

    // Walk the disagreements by keyboard: J goes to the label difference first.
    await page.keyboard.press('j');
    const current = page.getByRole('region', { name: 'Matched objects' }).locator('[aria-current="true"]');
    await expect(current).toHaveAccessibleName(/^2: label differs; .* person, .* animal, .* person; consensus person \(proposed\)$/);
    await page.screenshot({ path: test.info().outputPath('review-label-differs.png') });
    // P moves to bruno's pane, then back; A accepts the focused (first) version's person
    await page.keyboard.press('p');
    await expect(page.getByRole('region', { name: new RegExp(`${annotators[1].address.slice(0, 6)}.* pane`, 'i') })).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Shift+P');
    await page.keyboard.press('a');
    await expect(current).toHaveAccessibleName(/consensus person$/);
    // the sign chen did not mark: reject it from the consensus
    await page.keyboard.press('j');
    await expect(current).toHaveAccessibleName(/^3: missing in some; .*traffic_sign.*consensus traffic_sign \(proposed\)$/);
    await page.keyboard.press('x');
    await expect(current).toHaveAccessibleName(/consensus none$/);
    // chen's extra car stays out (the proposed consensus already left it out); J wraps back to the first disagreement
    await page.keyboard.press('j');
    await expect(current).toHaveAccessibleName(/^4: extra \(one annotator\); .*consensus none$/);
    await page.keyboard.press('o');
    await expect(panes).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath('review-overlay.png') });
    await page.keyboard.press('o');
    // undo brings the sign back, redo takes it out again
    await page.keyboard.press('Control+z');
    await expect(objects.nth(2)).toHaveAccessibleName(/consensus traffic_sign \(proposed\)$/);
    await page.keyboard.press('Control+Shift+z');
    await expect(objects.nth(2)).toHaveAccessibleName(/consensus none$/);
    await page.screenshot({ path: test.info().outputPath('review-before-accept.png') });

    // Accept the consensus: signed, queued, synced.
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText(/Accepted and signed/)).toBeVisible();
    await expect(queue.getByRole('button', { name: /street-1\.jpg, image, 3 versions, Accepted/ })).toBeVisible();
    await page.evaluate(() => window.tagger!.submissions.syncNow());
    await expect(page.getByLabel('Waiting to sync')).toHaveText('0 waiting to sync');

    // The node recorded it and paid: consensus = {car, person}; each annotator had 3 objects.
    const paid = async (w: string) => (await api(`${node!.url}/v1/rewards/${w}`)).body.items[0];
    expect(await paid(annotators[0].address)).toMatchObject({ amount: 1.6, quality: 0.8, status: 'reviewed' }); // car, person: 2·2/(3+2)
    expect(await paid(annotators[1].address)).toMatchObject({ amount: 0.8, quality: 0.4, status: 'reviewed' }); // only the car
    expect(await paid(annotators[2].address)).toMatchObject({ amount: 1.6, quality: 0.8, status: 'reviewed' });
    expect((await api(`${node.url}/v1/reputation/${annotators[1].address}`)).body).toMatchObject({ score: expect.closeTo((0.4 + 1) / 3, 6), evidence: { accepted: 0.4, rejected: 0.6 } });
    expect((await api(`${node.url}/v1/reputation/${validator}`)).body).toMatchObject({ reviews: 1, validatorRewards: 0.2 });
    // the validator's own Submissions list explains the review's reward
    await page.getByRole('button', { name: /^Submissions and rewards/ }).click();
    const subs = page.getByRole('dialog', { name: 'Submissions and rewards' });
    const row = subs.getByRole('row', { name: 'street-1.jpg (review): Accepted' });
    await expect(row).toContainText('0.2 TAG');
    await expect(row.getByLabel('Reward breakdown')).toHaveText('validator share: 10% of base × difficulty');
    await subs.getByRole('button', { name: 'Close' }).click();
    // the reviewed item is no longer served
    await queue.getByRole('button', { name: 'Get items to review from the node' }).click();
    await expect(page.getByText('0 items to review from the node')).toBeVisible();
  } finally {
    await node?.stop();
  }
});
