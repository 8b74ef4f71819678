// Integration: a real `tagger node` process on 127.0.0.1; workstation-side signing with ethers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { DEFAULT_DOMAIN } from '../shared/signing/typedData.ts';
import { publishFiles, signedManifest, walletSigner } from './publish.ts';
import { creditRequesters, OPEN_TO_NEWCOMERS, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api, leaseAs, sampleDocument, signSubmission, testRequester } from './testing/signing.ts';

let node: NodeProcess;
let projectId: string;

function textFiles(n: number, tag: string): string {
  const dir = tempDir('tagger-node-assets-');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `doc-${i}.txt`), `${tag} document ${i}\n`);
  return dir;
}

async function lease(wallet: HDNodeWallet, max = 1) {
  const r = await leaseAs(node.url, wallet, ['text'], max);
  expect(r.status).toBe(200);
  return r.body.leases;
}

const submit = (items: unknown[]) => api(`${node.url}/v1/submissions`, 'POST', { items });

beforeAll(async () => {
  node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
  ({ projectId } = await publishFiles([textFiles(30, 'sub')], { requester: testRequester, node: node.url, name: 'Texts', redundancy: 2, baseReward: 2.5 }));
}, 60_000); // a node process starts slowly on a busy machine
afterAll(async () => node?.stop(), 30_000);

describe('node submissions', () => {
  it('accepts a signed submission on a leased task and pays baseReward × difficulty', async () => {
    const w = Wallet.createRandom();
    const [l] = await lease(w);
    expect(l.projectId).toBe(projectId);
    const item = signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 1 });
    const r = await submit([item]);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([{ id: expect.stringMatching(/^0x[0-9a-f]{64}$/), status: 'accepted', reward: 2.5 }]);
    const rewards = await api(`${node.url}/v1/rewards/${w.address}`);
    expect(rewards.body.total).toBe(2.5);
    expect(rewards.body.items).toEqual([expect.objectContaining({ submissionId: r.body.results[0].id, taskId: l.taskId, projectId, amount: 2.5, status: 'pending' })]);
  });

  it('rejects bad items with a reason each, keeps the good ones, and keeps serving', async () => {
    const w = Wallet.createRandom();
    const other = Wallet.createRandom();
    const [l1, l2, l3, l4] = await lease(w, 4);
    const good = signSubmission(w, DEFAULT_DOMAIN, l1, { nonce: 10 });
    const forged = signSubmission(other, DEFAULT_DOMAIN, l2, { nonce: 11 });
    forged.message.annotator = w.address; // claims to be w, signed by another key
    forged.signature = other.signingKey.sign(new Uint8Array(32).fill(7)).serialized;
    const malformedSig = { ...signSubmission(w, DEFAULT_DOMAIN, l2, { nonce: 12 }), signature: '0x1234' };
    const tampered = signSubmission(w, DEFAULT_DOMAIN, l3, { nonce: 13 });
    tampered.document = sampleDocument(l3.taskId, 3);
    const reused = signSubmission(w, DEFAULT_DOMAIN, l4, { nonce: 10 });
    const wrongChain = signSubmission(w, { ...DEFAULT_DOMAIN, chainId: 1 }, l2, { nonce: 14 });
    const wrongChainDeclared = { ...signSubmission(w, { ...DEFAULT_DOMAIN, chainId: 1 }, l2, { nonce: 15 }), domain: { ...DEFAULT_DOMAIN, chainId: 1 } };
    const stranger = Wallet.createRandom();
    const noLease = signSubmission(stranger, DEFAULT_DOMAIN, l2, { nonce: 1 });
    const unknownTask = signSubmission(w, DEFAULT_DOMAIN, { taskId: 't_doesnotexist', projectId }, { nonce: 16 });
    const future = signSubmission(w, DEFAULT_DOMAIN, l2, { nonce: 17, createdAt: Date.now() + 11 * 60_000 });
    const deep = { ...signSubmission(w, DEFAULT_DOMAIN, l2, { nonce: 18 }), document: { taskId: l2.taskId, objects: [{ id: 'a', kind: 'box', label: 'x', attributes: {}, origin: 'human', geometry: 'DEEP' }] } };
    // 100,000 nested arrays: JSON.parse copes, but copying that to a worker would overflow the stack
    const body = JSON.stringify({ items: [good, forged, malformedSig, tampered, reused, wrongChain, wrongChainDeclared, noLease, unknownTask, future, { message: 'nope' }, deep] })
      .replace('"DEEP"', '['.repeat(100_000) + ']'.repeat(100_000));
    const r = await api(`${node.url}/v1/submissions`, 'POST', body);
    expect(r.status).toBe(200);
    const res = r.body.results as { status: string; reason?: string }[];
    expect(res.map((x) => x.status)).toEqual(['accepted', ...Array(11).fill('rejected')]);
    expect(res[1].reason).toMatch(/signer is not the annotator/);
    expect(res[2].reason).toMatch(/bad signature/);
    expect(res[3].reason).toMatch(/content hash does not match the document/);
    expect(res[4].reason).toMatch(/nonce already used/);
    expect(res[5].reason).toMatch(/signer is not the annotator.*chainId 31337/);
    expect(res[6].reason).toMatch(/wrong chainId\/domain: signed for chainId 1/);
    expect(res[7].reason).toMatch(/does not hold a lease/);
    expect(res[8].reason).toMatch(/unknown task/);
    expect(res[9].reason).toMatch(/createdAt too far in the future/);
    expect(res[10].reason).toMatch(/malformed item: message/);
    expect(res[11].reason).toMatch(/malformed item: it nests deeper than 64 levels/);
    // only the good one earned anything
    expect((await api(`${node.url}/v1/rewards/${w.address}`)).body.total).toBe(2.5);
    expect((await api(`${node.url}/v1/health`)).body).toEqual({ ok: true });
  });

  it('rejects oversized and malformed requests with a reason and keeps serving', async () => {
    const big = await fetch(`${node.url}/v1/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"items":["${'x'.repeat(17 * 1024 * 1024)}"]}` });
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/limit of 16777216 bytes/);
    const bad = await api(`${node.url}/v1/submissions`, 'POST', '{"items": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const tooMany = await submit(Array(5001).fill({}));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/items/);
    const badLease = await api(`${node.url}/v1/leases`, 'POST', { message: { annotator: '0x12', kinds: 'video', skills: '', max: 0, nonce: '1', expiresAt: '1' }, signature: '0x' });
    expect(badLease.status).toBe(400);
    expect(badLease.body.error.message).toMatch(/message\.annotator: an address/);
    expect((await api(`${node.url}/v1/nowhere`)).status).toBe(404);
    expect((await api(`${node.url}/v1/health`)).body).toEqual({ ok: true });
  });

  it('acknowledges the same batch delivered twice as duplicates with the original reward, paid once', async () => {
    const w = Wallet.createRandom();
    const leases = await lease(w, 5);
    const batch = leases.map((l, i) => signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 100 + i }));
    const first = await submit(batch);
    const [second, third] = await Promise.all([submit(batch), submit(batch)]);
    expect(first.body.results.map((x: { status: string }) => x.status)).toEqual(Array(5).fill('accepted'));
    for (const again of [second, third]) {
      expect(again.body.results).toEqual(first.body.results.map((x: { id: string }) => ({ id: x.id, status: 'duplicate', reward: 2.5 })));
    }
    // a resend is recognised without verifying it again, but only when it is the same item: a changed signature
    // or document is checked in full and refused
    const forgedResend = { ...batch[0], signature: Wallet.createRandom().signingKey.sign(first.body.results[0].id).serialized };
    const changedDoc = { ...batch[1], document: sampleDocument(batch[1].message.taskId, 5) };
    const odd = await submit([forgedResend, changedDoc, batch[2]]);
    expect(odd.body.results.map((x: { status: string }) => x.status)).toEqual(['rejected', 'rejected', 'duplicate']);
    expect(odd.body.results[0].reason).toMatch(/signer is not the annotator/);
    expect(odd.body.results[1].reason).toMatch(/content hash does not match/);
    const rewards = await api(`${node.url}/v1/rewards/${w.address}`);
    expect(rewards.body.total).toBe(12.5);
    expect(rewards.body.items).toHaveLength(5);
  });

  it('serves published assets by hash and refuses uploads whose bytes do not match', async () => {
    const [l] = await lease(Wallet.createRandom());
    const leased = (await lease(Wallet.createRandom()))[0];
    const res = await fetch(`${node.url}/v1/assets/${leased.asset.sha256}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toMatch(/^sub document \d+\n$/);
    // the asset's bytes are stored already; a new asset with wrong bytes is refused and nothing is stored
    const bytes = Buffer.from('hello');
    const sha = 'ab'.repeat(32);
    const info = (await api(`${node.url}/v1/info`)).body;
    expect((await api(`${node.url}/v1/projects`, 'POST', signedManifest(info.domain, [{ sha256: sha, size: bytes.length, kind: 'text', mime: 'text/plain', name: 'h.txt', difficulty: 1 }], { name: 'H', redundancy: 1, baseReward: 1, requester: testRequester }))).status).toBe(200);
    const wrong = await fetch(`${node.url}/v1/assets/${sha}`, { method: 'PUT', body: bytes });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(/hash to 2cf24dba.*nothing was stored/);
    expect((await fetch(`${node.url}/v1/assets/${sha}`)).status).toBe(404);
    expect(l.taskId).toBeTruthy();
  });

  // last: its annotators lease across every project on the node
  it('answers exact amounts: many 0.1 TAG rewards add up to what a person would write, and the budget is spent to the micro-TAG', async () => {
    // in floats, ten rewards of 0.1 add to 0.9999999999999999 and 0.1 × 3 is 0.30000000000000004
    const requester = Wallet.createRandom();
    await creditRequesters({ dataDir: node.dataDir }, { [requester.address]: 6 });
    const { projectId: tenths, budget } = await publishFiles([textFiles(20, 'tenth')], { requester: walletSigner(requester), node: node.url, name: 'Tenths', redundancy: 3, baseReward: 0.1 });
    expect(budget).toBe(6);
    expect((await api(`${node.url}/v1/requesters/${requester.address}`)).body.balance).toBe(0);
    const workers = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
    for (const w of workers) {
      const leases = (await leaseAs(node.url, w, ['text'], 100)).body.leases.filter((l) => l.projectId === tenths);
      expect(leases).toHaveLength(20);
      const r = await submit(leases.map((l, k) => signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 1000 + k })));
      expect(r.body.results.every((x: { status: string; reward: number }) => x.status === 'accepted' && x.reward === 0.1)).toBe(true);
      expect((await api(`${node.url}/v1/rewards/${w.address}`)).body.total).toBe(2);
    }
    // a fourth annotator finds nothing to do and nothing left to pay
    expect((await leaseAs(node.url, Wallet.createRandom(), ['text'], 100)).body.leases.filter((l) => l.projectId === tenths)).toEqual([]);
  });
});
