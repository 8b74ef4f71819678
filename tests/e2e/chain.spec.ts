// The wallet's on-chain side as an annotator meets it (web mode, a real node settling on anvil): after an epoch the
// wallet shows TAG balance, claimable amount and stake; Claim while the node is down waits in the outbox table
// ("Waiting to sync", with the reason), and is sent once the node answers again; the balance on chain is then the
// ledger's reward.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseUnits } from 'ethers';
import { test, expect } from './fixtures.ts';
import { startNodeProcess, freePort, type NodeProcess } from '../../network/testing/nodeProcess.ts';
import { testRequester } from '../../network/testing/signing.ts';
import { publishFiles } from '../../network/publish.ts';
import { startAnvil, type Anvil } from '../../contracts/anvil.ts';
import { deployDemo } from '../../contracts/demo.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { projectKey } from '../../shared/chain/rules.ts';

const shots = process.env.TAGGER_SHOTS;
const KEY = `0x${'6c'.repeat(32)}`;

test('the wallet shows balance, claimable and stake, and a claim made offline waits in the outbox and is sent when online', async ({ openApp, page }) => {
  test.setTimeout(120_000);
  let chain: Anvil | null = null;
  let node: NodeProcess | null = null;
  try {
    chain = await startAnvil();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-chain-'));
    const demo = await deployDemo(chain, path.join(dir, 'chain'));
    const chainArgs = ['--rpc', chain.url, '--operator-key', demo.operatorKeyFile, '--contracts', demo.contractsFile, '--epoch-seconds', '0.5'];
    const port = await freePort();
    node = await startNodeProcess({ args: ['--port', String(port), ...chainArgs] });
    const nodeDir = node.dataDir;
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-e2e-pub-'));
    fs.writeFileSync(path.join(files, 'headline.txt'), 'Storm closes the harbour for a second day.\n');
    const { projectId } = await publishFiles([files], { requester: testRequester, node: node.url, name: 'Headlines', redundancy: 1, baseReward: 3 });
    const requester = chain.account(2);
    await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('10', 18))).wait();
    const rc = connectContracts(demo.addresses, requester);
    await (await rc.tag.approve(demo.addresses.escrow, parseUnits('10', 18))).wait();
    await (await rc.escrow.deposit(projectKey(projectId), parseUnits('10', 18))).wait();

    await openApp();
    const address = await page.evaluate(async ({ k, url }) => {
      const t = window.tagger!;
      await t.settings.set({ nodeUrl: url });
      await t.wallet.import({ kind: 'privateKey', privateKey: k, password: 'right-password' });
      await t.submissions.pull();
      return (await t.wallet.status()).address!;
    }, { k: KEY, url: node.url });
    // the claim's gas
    await (await chain.account(0).sendTransaction({ to: address, value: parseUnits('1', 18) })).wait();
    await page.reload();
    await page.getByRole('button', { name: 'Open project Headlines' }).click();
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name: /headline\.txt/ }).click();
    await page.getByRole('button', { name: 'Submit task and open next (Ctrl+Enter)' }).click();
    await page.getByRole('dialog', { name: 'Submit an empty task?' }).getByRole('button', { name: 'Submit empty task' }).click();
    await expect(page.getByRole('button', { name: /^Wallet 0x.*, 3 TAG$/ })).toBeVisible({ timeout: 30_000 });

    // the node closes an epoch within a second: the wallet shows the reward as claimable on chain
    const nodeUrl = node.url;
    await expect.poll(async () => ((await (await fetch(`${nodeUrl}/v1/chain/claims/${address}`)).json()) as { claims: unknown[] }).claims.length, { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: /^Wallet 0x.*, 3 TAG$/ }).click();
    const wallet = page.getByRole('dialog', { name: 'Wallet' });
    const onChain = wallet.getByRole('region', { name: 'On chain' });
    await expect(onChain.getByLabel('Claimable')).toHaveText('3 TAG');
    await expect(onChain.getByLabel('TAG balance')).toHaveText('0 TAG');
    await expect(onChain.getByLabel('Staked')).toHaveText('0 TAG');
    await expect(onChain).toContainText('chain 31337, epoch 1');
    if (shots) await page.screenshot({ path: path.join(shots, 'chain-1-claimable.png') });

    // the node goes away; Claim is kept and says why it waits
    await node.stop();
    node = null;
    await onChain.getByRole('button', { name: 'Claim 3 TAG' }).click();
    await expect(onChain.getByRole('status').filter({ hasText: 'Claim waiting to be sent' })).toContainText('the node cannot be reached');
    await expect(onChain.getByRole('button', { name: 'Claim when online' })).toBeDisabled();
    await expect(page.getByLabel('Waiting to sync')).toHaveText('1 waiting to sync');
    if (shots) await page.screenshot({ path: path.join(shots, 'chain-2-claim-waiting.png') });
    await wallet.getByRole('button', { name: 'Close' }).click();

    // it is listed with the submissions waiting to sync
    await page.getByRole('button', { name: /^Submissions and rewards/ }).click();
    const subs = page.getByRole('dialog', { name: 'Submissions and rewards' });
    const row = subs.getByRole('row', { name: 'Claim of rewards on chain: Waiting to sync' });
    await expect(row).toContainText('Last try: the node cannot be reached');
    // and counted with them: the summary's "waiting" is the status bar's
    await expect(subs.getByLabel('Rewards summary')).toContainText(/rejected · 1 waiting/);
    if (shots) await page.screenshot({ path: path.join(shots, 'chain-3-outbox.png') });

    // the node is back: the next sync sends the claim, and the TAG are in the wallet on chain
    node = await startNodeProcess({ dataDir: nodeDir, credit: false, args: ['--port', String(port), ...chainArgs] });
    await subs.getByRole('button', { name: 'Sync now' }).click();
    // sent with the sync, not by the 30 s retry
    await expect(row).toHaveCount(0, { timeout: 10_000 });
    expect(await connectContracts(demo.addresses, chain.provider).tag.balanceOf(address)).toBe(parseUnits('3', 18));
    await subs.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Wallet 0x.*, 3 TAG$/ }).click();
    await expect(onChain.getByLabel('TAG balance')).toHaveText('3 TAG');
    await expect(onChain.getByLabel('Claimable')).toHaveText('0 TAG');
    await expect(onChain).toContainText(/Last claim: 3 TAG in 0x[0-9a-f]{8}…/);
    await expect(onChain.getByRole('button', { name: 'Nothing to claim yet' })).toBeDisabled();
    await expect(page.getByLabel('Waiting to sync')).toHaveText('0 waiting to sync');
    if (shots) await page.screenshot({ path: path.join(shots, 'chain-4-claimed.png') });
  } finally {
    await node?.stop();
    await chain?.stop();
  }
});
