// Rewards on a chain, end to end (issue 14's acceptance test), every part real: anvil, the contracts, a node that
// settles on them, three workstation cores. A requester publishes and funds the escrow (`tagger escrow-deposit`),
// two annotators submit from their workstations, a validator reviews one task in the review workspace (signed
// Review through the outbox), the node closes the epoch and posts both roots, an annotator claims from the
// workstation (signed in its core), balances on chain equal the node's ledger, and `tagger verify` on the
// exported dataset passes, names who made and who reviewed each label, and fails clearly once a label is changed.
import { MICRO_PER_TAG } from '../../shared/microTag.ts';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnits } from 'ethers';
import { startAnvil, type Anvil } from '../../contracts/anvil.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { deployDemo, type DemoDeployment } from '../../contracts/demo.ts';
import { tagToUnits, unitsToTag } from '../../shared/chain/rules.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import type { ReviewItem } from '../../shared/api/review.ts';
import type { ChainWalletStatus } from '../../shared/api/chain.ts';
import type { VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import { startNode, type RunningNode } from '../../network/node.ts';
import { tempDir, OPEN_NEWCOMER_LIMITS } from '../../network/testing/nodeProcess.ts';
import { TEST_REQUESTER } from '../../network/testing/signing.ts';
import { localTask, nodeRewards, nodeTaskIds, openWorkstation, publishTexts, type Workstation } from '../sync/testing/workstation.ts';
import { VersionRepository } from '../review/versions.ts';
import { main as cli } from '../cli/main.ts';

let chain: Anvil;
let demo: DemoDeployment;
let node: RunningNode;
let projectId: string;
let dir: string;
const ws: Record<'ana' | 'ben' | 'val', Workstation> = {} as never;
const key = (b: string) => `0x${b.repeat(32)}`;

/** Runs the real CLI in this process and returns its exit code and what it printed. */
async function tagger(...argv: string[]): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    return { code: await cli(argv), out };
  } finally {
    process.stdout.write = write;
  }
}

async function ok<T>(w: Workstation, method: string, ...args: unknown[]): Promise<T> {
  const r = (await w.core.dispatch(method, args)) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const doclabel = (id: string, label: string) => ({ id, kind: 'doclabel', label, geometry: null, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false }) as const;

beforeAll(async () => {
  chain = await startAnvil();
  dir = tempDir('tagger-e2e-chain-');
  demo = await deployDemo(chain, path.join(dir, 'chain'));
  node = await startNode({ dataDir: dir, workers: 1, limits: OPEN_NEWCOMER_LIMITS, chain: { rpc: chain.url, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 } });
  await node.store.creditRequester(TEST_REQUESTER.address, 1e6 * MICRO_PER_TAG, Date.now());
  const root = tempDir('tagger-e2e-ws-');
  for (const [name, b] of [['ana', 'a1'], ['ben', 'b2'], ['val', 'c3']] as const) {
    ws[name] = await openWorkstation({ nodeUrl: node.url, key: key(b), dataDir: fs.mkdtempSync(path.join(root, `${name}-`)) });
    await (await chain.account(0).sendTransaction({ to: ws[name].address, value: parseUnits('1', 18) })).wait();
  }
  // the validator holds the published validator stake in the node's ledger (REVIEW_RULES.validatorMinStake)
  await node.store.setStake(ws.val.address, 100 * MICRO_PER_TAG, Date.now());
}, 60_000);
afterAll(async () => {
  for (const w of Object.values(ws)) await w?.close();
  await node?.close();
  await chain?.stop();
});

describe('rewards on a chain, end to end', { timeout: 60_000 }, () => {
  it('publish with escrow → two annotators submit → review → epoch posted → claim from the workstation → balances equal the ledger', async () => {
    // the requester publishes two texts for two annotators each, then funds the project's escrow on chain
    projectId = await publishTexts(node.url, 2, { baseReward: 3, redundancy: 2 });
    const requester = chain.account(2);
    await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('50', 18))).wait();
    const keyFile = path.join(dir, 'requester.key');
    fs.writeFileSync(keyFile, requester.privateKey);
    const dep = await tagger('escrow-deposit', '--rpc', chain.url, '--contracts', demo.contractsFile, '--key', keyFile, '--project', projectId, '--amount', '50');
    expect(dep.out).toContain(`Deposited 50 TAG for project ${projectId}; its escrow holds 50 TAG`);

    // two annotators pull, label and submit through their outboxes; they disagree on one text
    for (const [name, labels] of [['ana', ['greeting', 'greeting']], ['ben', ['farewell', 'greeting']]] as const) {
      const w = ws[name];
      await w.net.puller.pull(node.url, w.net.wallet.signer(), { max: 2 });
      const tasks = nodeTaskIds(w.core);
      expect(tasks).toHaveLength(2);
      tasks.forEach((id, i) => w.core.annotations.edit(id, { label: 'Label', ops: [{ op: 'put', object: doclabel(`o-${i}`, labels[i]) }] }));
      for (const id of tasks) w.net.submissions.submit(id);
      expect(await w.net.engine.syncNow()).toMatchObject({ error: null, accepted: 2, remaining: 0 });
    }

    // the validator reviews the first text: both versions as the node holds them, in the review workspace
    const work = (await (await fetch(`${node.url}/v1/chain/export?project=${projectId}`)).json()) as VerifiableExport;
    const labelOf = (l: VerifiableExport['labels'][number]) => (l.document as { objects: { label: string }[] }).objects[0].label;
    const first = work.labels.find((l) => labelOf(l) === 'farewell')!.message.taskId;
    const v = ws.val;
    const local = localTask(v.core, 'Review');
    v.core.db.prepare('INSERT INTO node_tasks(task_id, node_url, node_task_id, node_project_id) VALUES (?,?,?,?)').run(local, node.url, first, projectId);
    const versions = new VersionRepository(v.core.db, v.core.tasks, v.core.now);
    for (const l of work.labels.filter((x) => x.message.taskId === first)) {
      const objects = (l.document as { objects: ObjectInput[] }).objects.map((o, k) => ({ ...o, z: k, hidden: false, locked: false }));
      versions.put(local, l.message.annotator, objects, 'node', { signer: l.message.annotator, submissionId: l.id });
    }
    const item = await ok<ReviewItem>(v, 'review.item', local);
    expect(item.versions).toHaveLength(2);
    // the validator settles the disagreement for ana's label
    const draft = item.consensus[0];
    await ok(v, 'review.edit', local, { label: 'Label', ops: [{ op: 'put', object: { ...draft, label: 'greeting', origin: 'human', attributes: {} } }] });
    await ok(v, 'review.submit', local, { verdict: 'accept', reason: '', versionHashes: Object.fromEntries(item.versions.map((x) => [x.annotator, x.contentHash])) });
    expect(await v.net.engine.syncNow()).toMatchObject({ error: null, accepted: 1, remaining: 0 });

    // the node closes the epoch: 4 submissions and the review are anchored, the reward root is posted
    await node.settlement!.tick();
    const status = (await (await fetch(`${node.url}/v1/chain`)).json()) as { latestPosted: number; lastError: string | null; epochs: { anchorCount: number }[] };
    expect(status).toMatchObject({ latestPosted: 1, lastError: null });
    expect(status.epochs[0].anchorCount).toBe(5);

    // ana claims from her workstation with one call (signed in the core)
    const before = await ok<ChainWalletStatus>(ws.ana, 'chain.status');
    const ledger = async (w: Workstation) => (await nodeRewards(node.url, w.address)).items.reduce((n, i) => n + tagToUnits(i.amount), 0n);
    expect(before).toMatchObject({ available: true, balance: '0', claimable: unitsToTag(await ledger(ws.ana)), epoch: 1 });
    const after = await ok<ChainWalletStatus>(ws.ana, 'chain.claim');
    expect(after).toMatchObject({ balance: unitsToTag(await ledger(ws.ana)), claimable: '0', pendingClaim: null });

    // on chain, each wallet's balance (ana) or claimable total (ben, the validator) equals the node's ledger
    const tag = connectContracts(demo.addresses, chain.provider).tag;
    expect(await tag.balanceOf(ws.ana.address)).toBe(await ledger(ws.ana));
    expect(await ledger(ws.ana)).toBe(tagToUnits(6)); // agreed with the consensus on both texts: 3 + 3
    expect(await ledger(ws.ben)).toBe(tagToUnits(3)); // his first label disagreed with the consensus: 0 + 3
    expect((await ok<ChainWalletStatus>(ws.ben, 'chain.status')).claimable).toBe('3');
    const validator = (await (await fetch(`${node.url}/v1/reputation/${ws.val.address}`)).json()) as { validatorRewards: number };
    expect(validator.validatorRewards).toBeGreaterThan(0);
    expect((await ok<ChainWalletStatus>(ws.val, 'chain.status')).claimable).toBe(unitsToTag(tagToUnits(validator.validatorRewards)));
  });

  it('tagger verify passes on the exported dataset, naming maker and reviewer, and fails clearly after one label is changed', async () => {
    const exp = (await (await fetch(`${node.url}/v1/chain/export?project=${projectId}`)).json()) as VerifiableExport;
    const file = path.join(dir, 'dataset.json');
    fs.writeFileSync(file, JSON.stringify(exp));
    const good = await tagger('verify', file, '--rpc', chain.url);
    expect(good.code, good.out).toBe(0);
    const val = ws.val.address.toLowerCase();
    expect(good.out).toContain(`made by ${ws.ana.address.toLowerCase()}, reviewed by ${val} (accept, quality 1), anchored in epoch 1, reward 3 TAG`);
    expect(good.out).toContain(`made by ${ws.ben.address.toLowerCase()}, reviewed by ${val} (accept, quality 0), anchored in epoch 1, reward 0 TAG`);
    expect(good.out).toMatch(/4 labels of project .*: 4 carry their annotator's valid EIP-712 signature, 2 reviewed, 4 anchored in epoch 1/);
    expect(good.out).toMatch(/Anchor roots compared with AnchorRegistry 0x[0-9a-fA-F]{40} on chain 31337 .*: 1 of 1 epochs found on chain/);
    expect(good.out.trim().split('\n').pop()).toBe('VERIFIED');

    const changed = structuredClone(exp);
    const target = changed.labels.find((l) => l.reviews.length && l.reward.quality === 0)!;
    (target.document as { objects: { label: string }[] }).objects[0].label = 'greeting';
    // and someone claims the validator judged ana's label worse than the consensus it signed says
    const other = changed.labels.find((l) => l.reviews.length && l.reward.quality === 1)!;
    other.reviews[0].quality = 0.5;
    const bad = path.join(dir, 'dataset-changed.json');
    fs.writeFileSync(bad, JSON.stringify(changed));
    const r = await tagger('verify', bad, '--quiet');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL ${target.id.slice(0, 10)}…`);
    expect(r.out).toMatch(/content hash does not match the document/);
    expect(r.out).toContain(`FAIL ${other.id.slice(0, 10)}…`);
    expect(r.out).toMatch(/review 0x[0-9a-f]{8}…: it sets quality 0\.5, but the label's agreement with the signed consensus gives 1/);
    expect(r.out).toMatch(/its reward uses quality 1, but its last review \(0x[0-9a-f]{8}…\) set 0\.5/);
    expect(r.out).toMatch(/NOT VERIFIED: 2 labels failed$/m);
  });

  it('tagger verify accepts a signed bundle too: who made and reviewed each label, and that a bundle carries no anchors', async () => {
    const ana = ws.ana;
    const out = path.join(dir, 'ana.tagger');
    const local = ana.core.tasks.get(nodeTaskIds(ana.core)[0]).projectId;
    await ana.core.bundles.exportBundle({ projectId: local, out, withMedia: false });
    const r = await tagger('verify', out);
    expect(r.code, r.out).toBe(0);
    expect(r.out.match(new RegExp(`^ok {3}0x[0-9a-f]{8}… task t_\\w+: made by ${ana.address.toLowerCase()}, not reviewed$`, 'gm'))).toHaveLength(2);
    expect(r.out).toContain(`The bundle is signed by ${ana.address}`);
    expect(r.out).toContain('A bundle carries signed work, not anchors or rewards');
    expect(r.out.trim().split('\n').pop()).toBe('VERIFIED (signatures only)');

    const bytes = fs.readFileSync(out);
    bytes[bytes.length - 40] ^= 0xff;
    fs.writeFileSync(out, bytes);
    const bad = await tagger('verify', out);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/NOT VERIFIED/);
  });
});
