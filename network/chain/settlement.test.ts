// The node with a chain (anvil on loopback): epochs close on schedule and post their roots, each wallet gets its
// proofs, claims on chain equal the ledger, unbacked work waits for its escrow, and a dead RPC blocks nothing.
import { MICRO_PER_TAG } from '../../shared/microTag.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Wallet, parseUnits } from 'ethers';
import { startAnvil, type Anvil } from '../../contracts/anvil.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { deployDemo, type DemoDeployment } from '../../contracts/demo.ts';
import { projectKey, tagToUnits } from '../../shared/chain/rules.ts';
import { startNode, type RunningNode } from '../node.ts';
import { publishFiles } from '../publish.ts';
import { api, leaseAs, signSubmission, testRequester, TEST_REQUESTER } from '../testing/signing.ts';
import { freePort, OPEN_NEWCOMER_LIMITS, ROOT, tempDir } from '../testing/nodeProcess.ts';

let chain: Anvil;
let demo: DemoDeployment;
let node: RunningNode;
let funded: string;
let unfunded: string;
const alice = Wallet.createRandom();
const bob = Wallet.createRandom();

function textFiles(n: number, tag: string): string {
  const dir = tempDir('tagger-chain-assets-');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `doc-${i}.txt`), `${tag} document ${i}\n`);
  return dir;
}

async function work(w: typeof alice, nonce: number) {
  const r = await leaseAs(node.url, w, ['text'], 10, { domain: node.domain });
  const items = (r.body.leases as { taskId: string; projectId: string }[]).map((l, i) => signSubmission(w, node.domain, l, { nonce: nonce + i }));
  const s = await api(`${node.url}/v1/submissions`, 'POST', { items });
  expect(s.body.results.every((x: { status: string }) => x.status === 'accepted')).toBe(true);
}

/** Closes and posts the next epoch now (the schedule is an hour in these tests) and returns the node's status. */
async function posted(epoch: number) {
  await node.settlement!.tick();
  const s = await api(`${node.url}/v1/chain`);
  if (s.body.latestPosted !== epoch) throw new Error(`epoch ${epoch} was not posted: ${JSON.stringify(s.body)}`);
  return s.body;
}

const ledgerUnits = async (w: { address: string }, projectId: string) => {
  const r = await api(`${node.url}/v1/rewards/${w.address}`);
  return (r.body.items as { projectId: string; amount: number }[]).filter((i) => i.projectId === projectId).reduce((s, i) => s + tagToUnits(i.amount), 0n);
};

beforeAll(async () => {
  chain = await startAnvil();
  const dir = tempDir('tagger-chain-');
  demo = await deployDemo(chain, path.join(dir, 'chain'));
  node = await startNode({ dataDir: dir, workers: 1, limits: OPEN_NEWCOMER_LIMITS, chain: { rpc: chain.url, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 } });
  await node.store.creditRequester(TEST_REQUESTER.address, 1e6 * MICRO_PER_TAG, Date.now());
  ({ projectId: funded } = await publishFiles([textFiles(3, 'funded')], { requester: testRequester, node: node.url, name: 'Funded', redundancy: 2, baseReward: 2.5 }));
  ({ projectId: unfunded } = await publishFiles([textFiles(2, 'unfunded')], { requester: testRequester, node: node.url, name: 'Unfunded', redundancy: 1, baseReward: 1 }));
  const requester = chain.account(2);
  const c = connectContracts(demo.addresses, requester);
  await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('1000', 18))).wait();
  await (await c.tag.approve(demo.addresses.escrow, parseUnits('1000', 18))).wait();
  await (await c.escrow.deposit(projectKey(funded), parseUnits('100', 18))).wait();
}, 60_000);
afterAll(async () => {
  await node?.close();
  await chain?.stop();
});

describe('settlement on a chain', () => {
  it('closes an epoch with the escrow-backed work, posts both roots, and pays claims equal to the ledger', async () => {
    await work(alice, 1);
    await work(bob, 100);
    const status = await posted(1);
    expect(status.lastError).toBeNull();
    const c = connectContracts(demo.addresses, chain.provider);
    const anchor = await c.anchors.anchors(1);
    expect(anchor.root).toBe(status.epochs[0].anchorRoot);
    expect(anchor.count).toBe(6n); // 3 tasks × 2 annotators in the funded project; the unfunded one waits
    expect(await c.distributor.roots(1)).toBe(status.epochs[0].rewardRoot);

    const claims = (await api(`${node.url}/v1/chain/claims/${alice.address}`)).body;
    expect(claims.claims).toEqual([expect.objectContaining({ projectId: funded, projectKey: projectKey(funded) })]);
    const expected = await ledgerUnits(alice, funded);
    expect(BigInt(claims.claims[0].cumulative)).toBe(expected);

    const a = alice.connect(chain.provider);
    await (await chain.account(0).sendTransaction({ to: a.address, value: parseUnits('1', 18) })).wait();
    const cl = claims.claims[0];
    await (await connectContracts(demo.addresses, a).distributor.claim(claims.epoch, [cl.projectKey], [cl.cumulative], [cl.proof])).wait();
    expect(await c.tag.balanceOf(alice.address)).toBe(expected);
  });

  it('credits deferred work once its project is funded', async () => {
    // alice leased both tasks of the unfunded project (redundancy 1) in the first test
    expect(await ledgerUnits(alice, unfunded)).toBe(tagToUnits(2));
    const before = (await api(`${node.url}/v1/chain/claims/${alice.address}`)).body.claims;
    expect(before.map((x: { projectId: string }) => x.projectId)).toEqual([funded]);
    const c = connectContracts(demo.addresses, chain.account(2));
    await (await c.escrow.deposit(projectKey(unfunded), parseUnits('10', 18))).wait();
    await posted(2);
    const after = (await api(`${node.url}/v1/chain/claims/${alice.address}`)).body.claims as { projectId: string; cumulative: string }[];
    expect(Object.fromEntries(after.map((x) => [x.projectId, BigInt(x.cumulative)]))).toEqual({ [funded]: await ledgerUnits(alice, funded), [unfunded]: tagToUnits(2) });
  });

  it('keeps accepting work while the RPC is unreachable, and says why settlement waits', async () => {
    const dir = tempDir('tagger-chain-dead-');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const n = await startNode({ dataDir: dir, workers: 1, limits: OPEN_NEWCOMER_LIMITS, chain: { rpc: dead, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 } });
    try {
      await n.store.creditRequester(TEST_REQUESTER.address, 1e6 * MICRO_PER_TAG, Date.now());
      const { projectId } = await publishFiles([textFiles(1, 'dead')], { requester: testRequester, node: n.url, name: 'Dead RPC', redundancy: 1, baseReward: 1 });
      const w = Wallet.createRandom();
      const l = (await leaseAs(n.url, w, ['text'], 1, { domain: n.domain })).body.leases[0];
      expect(l.projectId).toBe(projectId);
      const t0 = Date.now();
      const r = await api(`${n.url}/v1/submissions`, 'POST', { items: [signSubmission(w, n.domain, l, { nonce: 1 })] });
      expect(r.body.results[0].status).toBe('accepted');
      expect(Date.now() - t0).toBeLessThan(5000);
      await n.settlement!.tick();
      const s = (await api(`${n.url}/v1/chain`)).body;
      expect(s.lastError).toMatch(/ECONNREFUSED|connect|RPC/i);
      expect(s.latestPosted).toBe(0);
    } finally {
      await n.close();
    }
  });
});

describe('tagger verify on the export', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'verify', ...args], { cwd: ROOT, encoding: 'utf8' });
  let file: string;

  beforeAll(async () => {
    const exp = await api(`${node.url}/v1/chain/export?project=${funded}`);
    expect(exp.status).toBe(200);
    file = path.join(tempDir('tagger-export-'), 'funded.json');
    fs.writeFileSync(file, JSON.stringify(exp.body, null, 1));
  });

  it('passes offline and says the roots were not compared with the chain, then passes against the chain', () => {
    const r = run([file]);
    expect(r.stdout).toMatch(/^ok {3}0x[0-9a-f]{8}… task t_\w+: made by 0x[0-9a-f]{40}, not reviewed, anchored in epoch 1, reward 2\.5 TAG$/m);
    expect(r.stdout).toMatch(/6 labels .* 6 carry their annotator's valid EIP-712 signature, 0 reviewed, 6 anchored in epoch 1/);
    expect(r.stdout).toMatch(/OFFLINE: everything was checked except that the epochs' anchor roots are the ones on chain 31337/);
    expect(r.stdout.trim().split('\n').pop()).toBe('VERIFIED');
    expect(r.status).toBe(0);
    const online = run([file, '--rpc', chain.url, '--quiet']);
    expect(online.stdout).toMatch(/Anchor roots compared with AnchorRegistry 0x[0-9a-fA-F]{40} on chain 31337 via http:\/\/127\.0\.0\.1:\d+: 1 of 1 epochs found on chain/);
    expect(online.status).toBe(0);
  });

  it('fails with a clear message when one label was changed, or its reward inflated', () => {
    const exp = JSON.parse(fs.readFileSync(file, 'utf8'));
    exp.labels[2].document.objects[0].label = 'truck';
    exp.labels[4].reward.units = (BigInt(exp.labels[4].reward.units) * 2n).toString();
    const bad = file.replace('.json', '-changed.json');
    fs.writeFileSync(bad, JSON.stringify(exp));
    const r = run([bad, '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL ${exp.labels[2].id.slice(0, 10)}`);
    expect(r.stdout).toMatch(/content hash does not match the document: the document hashes to 0x[0-9a-f]{64}, the signed message says 0x[0-9a-f]{64}/);
    expect(r.stdout).toMatch(/its reward 5 TAG does not follow the rules: 2\.5 × 1 × 1 = 2\.5 TAG/);
    expect(r.stdout).toMatch(/NOT VERIFIED: 2 labels failed$/m);
  });
});
