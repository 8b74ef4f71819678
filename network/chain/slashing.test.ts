// The node on a chain (anvil behind a proxy we can cut): a signed rejection, once anchored, slashes the rejected
// annotator's stake on chain with the operator key; a review of work already settled is refused with the reason;
// and an RPC that dies between the anchor and the reward root blocks no ingest and is finished at the next tick
// without sending the anchor twice.
import { MICRO_PER_TAG } from '../../shared/microTag.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wallet, parseUnits, type HDNodeWallet } from 'ethers';
import { startAnvil, type Anvil } from '../../contracts/anvil.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { deployDemo, type DemoDeployment } from '../../contracts/demo.ts';
import { startRpcProxy, type RpcProxy } from '../../contracts/rpcProxy.ts';
import { projectKey } from '../../shared/chain/rules.ts';
import { contentHash } from '../../shared/signing/document.ts';
import { REVIEW_TYPES, ZERO_HASH, type ReviewMessage } from '../../shared/signing/typedData.ts';
import { startNode, type RunningNode } from '../node.ts';
import { publishFiles } from '../publish.ts';
import { api, leaseAs, sampleDocument, signSubmission, testRequester, TEST_REQUESTER } from '../testing/signing.ts';
import { OPEN_NEWCOMER_LIMITS, tempDir } from '../testing/nodeProcess.ts';

let chain: Anvil;
let proxy: RpcProxy;
let demo: DemoDeployment;
let node: RunningNode;
const annotator = Wallet.createRandom();
const validator = Wallet.createRandom();
const TAG = (n: number) => parseUnits(String(n), 18);
let submissionId: string;
let taskId: string;

async function review(verdict: 'accept' | 'reject', nonce: string) {
  const doc = sampleDocument(taskId);
  const message: ReviewMessage = { taskId, submissionIds: [submissionId], verdict, consensusHash: verdict === 'accept' ? contentHash(doc) : ZERO_HASH, reviewer: validator.address, nonce, createdAt: String(Date.now()) };
  const signature = await validator.signTypedData(node.domain, { Review: [...REVIEW_TYPES.Review] }, message);
  return (await api(`${node.url}/v1/reviews`, 'POST', { message, signature, ...(verdict === 'accept' ? { document: doc } : {}) })).body.result;
}

async function submitOne(w: HDNodeWallet, nonce: number) {
  const l = (await leaseAs(node.url, w, ['text'], 1, { domain: node.domain })).body.leases[0];
  const r = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(w, node.domain, l, { nonce })] });
  expect(r.body.results[0].status).toBe('accepted');
  return { id: r.body.results[0].id as string, taskId: l.taskId as string };
}

const chainStatus = async () => (await api(`${node.url}/v1/chain`)).body as { latestEpoch: number; latestPosted: number; lastError: string | null };

beforeAll(async () => {
  chain = await startAnvil();
  proxy = await startRpcProxy(chain.url);
  const dir = tempDir('tagger-chain-slash-');
  demo = await deployDemo(chain, path.join(dir, 'chain'));
  node = await startNode({ dataDir: dir, workers: 1, limits: OPEN_NEWCOMER_LIMITS, chain: { rpc: proxy.url, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 } });
  await node.store.creditRequester(TEST_REQUESTER.address, 1e6 * MICRO_PER_TAG, Date.now());
  // validators need the published stake in the node's ledger (REVIEW_RULES.validatorMinStake)
  await node.store.setStake(validator.address, 100 * MICRO_PER_TAG, Date.now());
  const assets = tempDir('tagger-chain-slash-assets-');
  for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(assets, `t${i}.txt`), `text ${i}\n`);
  const { projectId } = await publishFiles([assets], { requester: testRequester, node: node.url, name: 'Slash', redundancy: 1, baseReward: 2 });
  const owner = connectContracts(demo.addresses, chain.account(0));
  const requester = chain.account(2);
  await (await owner.tag.mint(requester.address, TAG(20))).wait();
  await (await owner.tag.mint(annotator.address, TAG(100))).wait();
  await (await chain.account(0).sendTransaction({ to: annotator.address, value: TAG(1) })).wait();
  const rc = connectContracts(demo.addresses, requester);
  await (await rc.tag.approve(demo.addresses.escrow, TAG(20))).wait();
  await (await rc.escrow.deposit(projectKey(projectId), TAG(20))).wait();
  const ac = connectContracts(demo.addresses, annotator.connect(chain.provider));
  await (await ac.tag.approve(demo.addresses.staking, TAG(100))).wait();
  await (await ac.staking.stake(TAG(100))).wait();
}, 60_000);
afterAll(async () => {
  await node?.close();
  await proxy?.close();
  await chain?.stop();
});

describe('stake on chain', { timeout: 30_000 }, () => {
  it('slashes the rejected annotator once the signed rejection is anchored, and refuses reviews of settled work', async () => {
    ({ id: submissionId, taskId } = await submitOne(annotator, 1));
    const rejected = await review('reject', '1');
    expect(rejected).toMatchObject({ status: 'accepted', qualities: [{ quality: 0 }] });
    const c = connectContracts(demo.addresses, chain.provider);
    const supply = await c.tag.totalSupply();
    await node.settlement!.tick();
    expect(await chainStatus()).toMatchObject({ latestPosted: 1, lastError: null });
    // 5 % of the 100 staked (REVIEW_RULES.slashRejected), burnt
    expect(await c.staking.staked(annotator.address)).toBe(TAG(95));
    expect(supply - (await c.tag.totalSupply())).toBe(TAG(5));
    const slashes = (await api(`${node.url}/v1/chain/slashes/${annotator.address}`)).body.slashes;
    expect(slashes).toEqual([{ reviewId: rejected.id, epoch: 1, amount: TAG(5).toString(), tx: expect.stringMatching(/^0x[0-9a-f]{64}$/), at: expect.any(Number) }]);
    // the next tick has nothing new and sends no second slash
    await node.settlement!.tick();
    expect(await c.staking.staked(annotator.address)).toBe(TAG(95));

    const late = await review('accept', '2');
    expect(late).toMatchObject({ status: 'rejected', reason: `submission ${submissionId} was settled on chain in epoch 1; its reward can no longer change (review work before the node's next epoch closes)` });
  });

  it('keeps ingesting while the RPC dies between the anchor and the reward root, then finishes the epoch without anchoring twice', async () => {
    const c = connectContracts(demo.addresses, chain.provider);
    await submitOne(annotator, 2);
    proxy.downAfterSends(1);
    await node.settlement!.tick();
    expect(await chainStatus()).toMatchObject({ latestEpoch: 2, latestPosted: 1, lastError: expect.stringMatching(/socket hang up|ECONNRESET|fetch failed|network|connect/i) });
    expect(await c.anchors.latestEpoch()).toBe(2n); // the anchor went through, the reward root did not
    expect(await c.distributor.latestEpoch()).toBe(1n);

    // ingest does not wait for the chain
    const t0 = Date.now();
    await submitOne(annotator, 3);
    expect(Date.now() - t0).toBeLessThan(3000);

    proxy.up();
    await node.settlement!.tick();
    expect(await chainStatus()).toMatchObject({ latestEpoch: 2, latestPosted: 2, lastError: null });
    expect(await c.anchors.latestEpoch()).toBe(2n);
    expect(await c.distributor.latestEpoch()).toBe(2n);
    // the work that came in during the outage settles in the next epoch
    await node.settlement!.tick();
    expect(await chainStatus()).toMatchObject({ latestPosted: 3, lastError: null });
  });
});
