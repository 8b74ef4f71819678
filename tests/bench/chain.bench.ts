// Rewards on chain: `tagger verify` on an export of 10,000 labels with their reviews (goal: under 1 s offline),
// and closing and posting an epoch of 100,000 rewards (both trees, the local transaction, the two transactions on
// anvil, serving one wallet's proof), on the calling thread and as the node does it, on its epoch thread.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Wallet, hexlify, randomBytes } from 'ethers';
import { createSubmissionHasher } from '../../shared/signing/submissionDigest.ts';
import { annotationDocument, contentHash } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN, type ReviewMessage, type SubmissionMessage } from '../../shared/signing/typedData.ts';
import { reviewDigest } from '../../shared/signing/reviewDigest.ts';
import { validatorReward } from '../../shared/agreement/reputation.ts';
import { qualityOf } from '../../shared/agreement/reviewQuality.ts';
import { keccak256Native } from '../../network/verify/nativeCrypto.ts';
import { createMerkleKit, type AnchorLeaf } from '../../shared/chain/merkle.ts';
import { projectKey, CURRENT_REWARD_RULES, rewardUnits, rulesHash } from '../../shared/chain/rules.ts';
import { microToChainUnits, microToTag } from '../../shared/microTag.ts';
import { EXPORT_FORMAT, type VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import { parseExport, verifyExport } from '../../electron/chain/verifyExport.ts';
import { planEpoch, loadRewardTree, submissionItem } from '../../network/chain/epochs.ts';
import { ChainState } from '../../network/chain/chainState.ts';
import { EpochBuilder } from '../../network/chain/epochBuilder.ts';
import { ChainOperator } from '../../network/chain/operator.ts';
import type { AcceptedWork } from '../../network/store/NodeStore.ts';
import { startAnvil } from '../../contracts/anvil.ts';
import { deployDemo } from '../../contracts/demo.ts';
import { connectContracts } from '../../contracts/artifacts.ts';
import { tempDir, ROOT } from '../../network/testing/nodeProcess.ts';
import { printTable } from './table.ts';
import { parseUnits } from 'ethers';

const secp = createRequire(import.meta.url)('secp256k1/bindings') as { ecdsaSign(msg: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number } };
const hasher = createSubmissionHasher(keccak256Native);
const kit = createMerkleKit(keccak256Native);
const ms = (t0: number) => performance.now() - t0;

const sign = (digest: Uint8Array, key: string) => {
  const sig = secp.ecdsaSign(digest, Buffer.from(key.slice(2), 'hex'));
  return `0x${Buffer.from(sig.signature).toString('hex')}${(27 + sig.recid).toString(16)}`;
};

/** n labels: two annotators per task, every task reviewed (accepted) by one validator, all anchored in epoch 1. */
function makeExport(n: number): VerifiableExport {
  const wallets = Array.from({ length: 50 }, () => new Wallet(hexlify(randomBytes(32))));
  const validator = new Wallet(hexlify(randomBytes(32)));
  const projectId = 'p_bench';
  const labels: VerifiableExport['labels'] = [];
  const leaves: AnchorLeaf[] = [];
  for (let i = 0; i < n; i += 2) {
    const taskId = `t_${i}`;
    const difficulty = 1 + (i % 3);
    const pair = [0, 1].map((k) => {
      const w = wallets[(i + k) % wallets.length];
      const document = annotationDocument(taskId, [{ id: 'o1', z: 0, kind: 'box', label: 'car', geometry: { x: (i % 100) + k * 3, y: 2, w: 30, h: 40 }, attributes: {}, origin: 'human' }]);
      const message: SubmissionMessage = { taskId, projectId, contentHash: contentHash(document), annotator: w.address, nonce: String(i + k + 1), createdAt: String(1_700_000_000_000 + i) };
      const digest = hasher.digest(DEFAULT_DOMAIN, message);
      return { id: hexlify(digest), message, signature: sign(digest, w.privateKey), document };
    });
    const consensus = pair[0].document;
    const review: ReviewMessage = { taskId, submissionIds: pair.map((p) => p.id).sort(), verdict: 'accept', consensusHash: contentHash(consensus), reviewer: validator.address, nonce: String(i + 1), createdAt: String(1_700_000_000_000 + i) };
    const reviewId = reviewDigest(DEFAULT_DOMAIN, review);
    const vReward = validatorReward(2_500_000, difficulty);
    const entry = { id: reviewId, message: review, signature: sign(Buffer.from(reviewId.slice(2), 'hex'), validator.privateKey), document: consensus, validatorReward: microToTag(vReward), units: microToChainUnits(vReward).toString(), anchor: null };
    leaves.push([reviewId, validator.address, microToChainUnits(vReward)]);
    for (const p of pair) {
      const quality = Math.round(qualityOf('accept', p.document.objects as never, consensus.objects as never) * 1e6) / 1e6;
      const reward = { baseReward: 2.5, difficulty, quality };
      const units = rewardUnits(CURRENT_REWARD_RULES, reward);
      labels.push({ ...p, reward: { ...reward, units: units.toString() }, anchor: null, reviews: [{ ...entry, quality }] });
      leaves.push([p.id, p.message.annotator, units]);
    }
  }
  const tree = kit.build(leaves.map((l) => kit.anchorLeafHash(l)));
  const index = new Map(leaves.map((l, i) => [l[0], i]));
  for (const l of labels) {
    l.anchor = { epoch: 1, proof: tree.proof(index.get(l.id)!) };
    for (const r of l.reviews) r.anchor = { epoch: 1, proof: tree.proof(index.get(r.id)!) };
  }
  return {
    format: EXPORT_FORMAT, version: 1, node: 'bench', exportedAt: Date.now(), domain: DEFAULT_DOMAIN, project: { id: projectId, key: projectKey(projectId) },
    rules: CURRENT_REWARD_RULES, chain: null, epochs: [{ epoch: 1, anchorRoot: tree.root, rulesHash: rulesHash(CURRENT_REWARD_RULES), anchorCount: leaves.length, anchorTx: null }], labels,
  };
}

function verifyBench(): void {
  const rows: (string | number)[][] = [];
  const exp = makeExport(10_000);
  const file = path.join(tempDir('tagger-bench-export-'), 'export.json');
  fs.writeFileSync(file, JSON.stringify(exp));
  const mb = fs.statSync(file).size / 1e6;
  for (let run = 1; run <= 3; run++) {
    const t0 = performance.now();
    const parsed = parseExport(fs.readFileSync(file, 'utf8'), file);
    const tParse = ms(t0);
    const t1 = performance.now();
    const report = verifyExport(parsed, null);
    const tVerify = ms(t1);
    if (!report.ok) throw new Error(`the bench export did not verify: ${JSON.stringify(report.labels.find((l) => !l.ok) ?? report.problems)}`);
    rows.push([`in process, run ${run}`, 10_000, mb.toFixed(1), tParse, tVerify, tParse + tVerify]);
  }
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'verify', file, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tagger verify failed: ${r.stdout}${r.stderr}`);
  rows.push(['`tagger verify --quiet` process (incl. tsx start-up)', 10_000, mb.toFixed(1), '', '', ms(t0)]);
  printTable('tagger verify, 10,000 labels (2 per task, every task reviewed: 5,000 signed reviews), offline (ms; goal < 1000)', ['run', 'labels', 'MB', 'read+parse+schema', 'verify', 'total'], rows);
}

async function epochBench(): Promise<void> {
  const N = 100_000;
  const projectId = 'p_bench';
  const candidates: AcceptedWork[] = Array.from({ length: N }, (_, i) => ({
    seq: i + 1, id: hexlify(randomBytes(32)), taskId: `t_${i}`, projectId, annotator: hexlify(randomBytes(20)), nonce: '1', createdAt: '0',
    contentHash: `0x${'00'.repeat(32)}`, signature: '0x', baseReward: 1_000_000, difficulty: 1, quality: 1, amount: 1_000_000,
  }));
  const chain = await startAnvil();
  const rows: (string | number)[][] = [];
  try {
    const dir = tempDir('tagger-bench-epoch-');
    const demo = await deployDemo(chain, path.join(dir, 'chain'));
    const requester = chain.account(2);
    await (await connectContracts(demo.addresses, chain.account(0)).tag.mint(requester.address, parseUnits('1000000', 18))).wait();
    const rc = connectContracts(demo.addresses, requester);
    await (await rc.tag.approve(demo.addresses.escrow, parseUnits('1000000', 18))).wait();
    await (await rc.escrow.deposit(projectKey(projectId), parseUnits('1000000', 18))).wait();
    const op = new ChainOperator({ rpc: chain.url, operatorKeyFile: demo.operatorKeyFile, contractsFile: demo.contractsFile, epochSeconds: 3600 }, demo.addresses);
    const state = ChainState.open(dir);
    let t0 = performance.now();
    const backing = await op.backing([projectId]);
    rows.push(['read escrow backing (1 project)', ms(t0)]);
    t0 = performance.now();
    const items = candidates.map((w) => submissionItem(CURRENT_REWARD_RULES, w));
    const plan = planEpoch({ epoch: 1, now: Date.now(), rules: CURRENT_REWARD_RULES, candidates: items, cumulative: [], backing, scan: { submissions: N, reviews: 0 } });
    rows.push([`plan on the calling thread: rewards, anchor tree and reward tree (${N} leaves each)`, ms(t0)]);
    t0 = performance.now();
    state.saveEpoch(plan.epoch!);
    rows.push(['store the epoch (one SQLite transaction)', ms(t0)]);
    t0 = performance.now();
    await op.post(state.latest()!);
    rows.push(['post anchor + reward root (2 transactions on anvil)', ms(t0)]);
    t0 = performance.now();
    const t = loadRewardTree(state.latest(true)!.rewardTree);
    rows.push(['load the posted reward tree for proofs (first claim request)', ms(t0)]);
    t0 = performance.now();
    for (let i = 0; i < 1000; i++) t.tree.proof(i * 97);
    rows.push(['1,000 proofs from the loaded tree', ms(t0)]);
    state.close();
    op.close();

    // What the node does: the same epoch planned and stored on the epoch thread, while this (the request) thread
    // answers a 1 ms timer; its longest wait is how long an ingest request could be held up.
    const builder = new EpochBuilder(tempDir('tagger-bench-epoch-thread-'));
    let longest = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
    }, 1);
    t0 = performance.now();
    await builder.build({ epoch: 1, now: Date.now(), rules: CURRENT_REWARD_RULES, candidates: items, backing, scan: { submissions: N, reviews: 0 } });
    rows.push(['node: plan + store on the epoch thread (wall)', ms(t0)]);
    clearInterval(probe);
    rows.push(['node: longest stall of the request thread meanwhile', longest]);
    t0 = performance.now();
    await builder.claims(1, items[0].account);
    rows.push(['node: first claim proof from the epoch thread (loads the tree there)', ms(t0)]);
    await builder.close();
  } finally {
    await chain.stop();
  }
  printTable('an epoch of 100,000 rewards (ms)', ['step', 'ms'], rows);
}

verifyBench();
await epochBench();
