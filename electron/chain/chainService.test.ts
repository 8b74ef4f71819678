// The workstation claims its rewards: a real node settling on anvil, a real workstation core that pulls, annotates,
// submits and syncs; the claim is signed in the core (keys never leave the wallet service), balances on chain
// equal the node's ledger, and a claim made while the node is unreachable waits and is sent once it is back.
import { MICRO_PER_TAG } from '../../shared/microTag.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnits } from 'ethers';
import { startAnvil, type Anvil } from '../../contracts/anvil.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { deployDemo, type DemoDeployment } from '../../contracts/demo.ts';
import { projectKey, tagToUnits, unitsToTag } from '../../shared/chain/rules.ts';
import { startNode, type RunningNode } from '../../network/node.ts';
import { tempDir, OPEN_NEWCOMER_LIMITS } from '../../network/testing/nodeProcess.ts';
import { TEST_REQUESTER } from '../../network/testing/signing.ts';
import { annotate, nodeRewards, nodeTaskIds, openWorkstation, publishTexts, type Workstation } from '../sync/testing/workstation.ts';
import { ChainService } from './chainService.ts';

let chain: Anvil;
let demo: DemoDeployment;
let node: RunningNode;
let ws: Workstation;
let projectId: string;

beforeAll(async () => {
  chain = await startAnvil();
  const dir = tempDir('tagger-ws-chain-');
  demo = await deployDemo(chain, path.join(dir, 'chain'));
  node = await startNode({ dataDir: dir, workers: 1, limits: OPEN_NEWCOMER_LIMITS, chain: { rpc: chain.url, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 } });
  await node.store.creditRequester(TEST_REQUESTER.address, 1e6 * MICRO_PER_TAG, Date.now());
  projectId = await publishTexts(node.url, 3, { baseReward: 1.5, redundancy: 1 });
  const requester = chain.account(2);
  await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('100', 18))).wait();
  const rc = connectContracts(demo.addresses, requester);
  await (await rc.tag.approve(demo.addresses.escrow, parseUnits('100', 18))).wait();
  await (await rc.escrow.deposit(projectKey(projectId), parseUnits('100', 18))).wait();
  ws = await openWorkstation({ nodeUrl: node.url, dataDir: fs.mkdtempSync(path.join(tempDir('tagger-ws-'), 'ws-')) });
  await (await chain.account(0).sendTransaction({ to: ws.address, value: parseUnits('1', 18) })).wait();
}, 60_000);
afterAll(async () => {
  await ws?.close();
  await node?.close();
  await chain?.stop();
});

const service = (fetchImpl: typeof fetch = fetch) => new ChainService({ nodeUrl: () => node.url, wallet: ws.net.wallet, prefs: ws.core.settings, fetch: fetchImpl, now: Date.now });

describe('claiming from the workstation', { timeout: 60_000 }, () => {
  it('on a node that settles no chain, status says so and Claim is refused instead of waiting forever', async () => {
    const plain = await startNode({ dataDir: tempDir('tagger-ws-nochain-'), workers: 1 });
    try {
      const s = new ChainService({ nodeUrl: () => plain.url, wallet: ws.net.wallet, prefs: ws.core.settings, fetch, now: Date.now });
      expect(await s.status()).toMatchObject({ available: false, state: 'no_chain', reason: expect.stringMatching(/settles no chain/) });
      await expect(s.claim()).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/nothing to claim on chain/) });
      expect((await s.status()).pendingClaim).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it('shows nothing claimable before an epoch, then claims exactly the ledger total in one transaction', async () => {
    await ws.net.puller.pull(node.url, ws.net.wallet.signer(), { max: 3 });
    for (const id of nodeTaskIds(ws.core)) {
      annotate(ws.core, id);
      ws.net.submissions.submit(id);
    }
    await ws.net.engine.syncNow();
    const s = service();
    expect(await s.status()).toMatchObject({ available: true, balance: '0', claimable: '0', epoch: 0, pendingClaim: null });
    await node.settlement!.tick();
    const ledger = (await nodeRewards(node.url, ws.address)).items.reduce((n, i) => n + tagToUnits(i.amount), 0n);
    expect(ledger).toBe(tagToUnits(4.5));
    expect(await s.status()).toMatchObject({ claimable: unitsToTag(ledger), epoch: 1 });
    const after = await s.claim();
    expect(after).toMatchObject({ balance: '4.5', claimable: '0', pendingClaim: null, lastClaim: { amount: '4.5' } });
    expect(await connectContracts(demo.addresses, chain.provider).tag.balanceOf(ws.address)).toBe(ledger);
    await expect(s.claim()).rejects.toThrow(/Nothing to claim yet/);
    s.close();
  });

  it('keeps a claim made while the node is unreachable and sends it when the node answers again', async () => {
    let online = false;
    const flaky: typeof fetch = (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')));
    const s = service(flaky);
    const offline = await s.claim();
    expect(offline.available).toBe(false);
    expect(offline.reason).toMatch(/^Offline: the node cannot be reached/);
    expect(offline.pendingClaim).toMatchObject({ state: 'waiting', reason: expect.stringMatching(/cannot be reached/) });
    // a restart keeps it: the claim is in the workstation's store, not in memory
    s.close();
    online = true;
    const again = service(flaky);
    expect((await again.status()).pendingClaim).toMatchObject({ state: 'waiting' });
    // nothing new was earned, so the resend finds nothing to claim and says so
    await expect(again.claim()).rejects.toThrow(/Nothing to claim yet/);
    expect((await again.status()).pendingClaim).toBeNull();
    again.close();
  });
});
