// Integration: task distribution by a real node process — redundancy, modality, reputation, expiry, no repeats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { DEFAULT_DOMAIN } from '../shared/signing/typedData.ts';
import { publishFiles } from './publish.ts';
import { OPEN_TO_NEWCOMERS, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api, leaseAs, signSubmission, testRequester } from './testing/signing.ts';
import { signedManifest } from './publish.ts';

let node: NodeProcess;

function files(n: number, tag: string, ext = 'txt'): string {
  const dir = tempDir('tagger-node-assets-');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `${tag}-${i}.${ext}`), `${tag} ${i} ${Math.random()}\n`);
  return dir;
}

async function lease(annotator: HDNodeWallet, kinds: string[], max = 10) {
  const r = await leaseAs(node.url, annotator, kinds, max);
  expect(r.status).toBe(200);
  return r.body.leases;
}

beforeAll(async () => {
  node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
}, 60_000); // a node process starts slowly on a busy machine
afterAll(async () => node?.stop(), 30_000);

describe('node task distribution', () => {
  it('gives each task to at most k different annotators and never twice to the same one', async () => {
    const dir = files(3, 'audio', 'wav');
    const { projectId } = await publishFiles([dir], { requester: testRequester, node: node.url, name: 'Audio k2', redundancy: 2, baseReward: 1 });
    const [a, b, c] = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()];
    const la = (await lease(a, ['audio'])).filter((l) => l.projectId === projectId);
    expect(la).toHaveLength(3);
    expect(await lease(a, ['audio'])).toEqual([]); // the same annotator asks again: nothing new
    const lb = (await lease(b, ['audio'])).filter((l) => l.projectId === projectId);
    expect(lb.map((l) => l.taskId).sort()).toEqual(la.map((l) => l.taskId).sort());
    expect(await lease(c, ['audio'])).toEqual([]); // k = 2 slots are taken
  });

  it('offers only the modalities asked for and respects a minimum reputation', async () => {
    const dir = files(2, 'pic', 'png');
    const { projectId } = await publishFiles([dir], { requester: testRequester, node: node.url, name: 'Images', redundancy: 1, baseReward: 1 });
    const { projectId: strict } = await publishFiles([files(2, 'strict', 'md')], { requester: testRequester, node: node.url, name: 'Experts only', redundancy: 1, baseReward: 1, minReputation: 0.9 });
    const w = Wallet.createRandom();
    expect((await lease(w, ['text'])).filter((l) => l.projectId === projectId)).toEqual([]);
    // newcomers start at reputation 0.5, below the 0.9 the strict project asks for
    expect((await lease(w, ['text'])).filter((l) => l.projectId === strict)).toEqual([]);
    const imgs = await lease(w, ['image']);
    expect(imgs.map((l) => l.asset.kind)).toEqual(['image', 'image']);
    expect(imgs.every((l) => l.projectId === projectId)).toBe(true);
  });

  it('keeps late work on an expired lease when nobody else holds the slot', async () => {
    const { projectId } = await publishFiles([files(1, 'late')], { requester: testRequester, node: node.url, name: 'Late but free', redundancy: 1, baseReward: 2, leaseSeconds: 1 });
    const a = Wallet.createRandom();
    const [la] = (await lease(a, ['text'])).filter((l) => l.projectId === projectId);
    await new Promise((r) => setTimeout(r, 1200));
    const late = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(a, DEFAULT_DOMAIN, la, { nonce: 1 })] });
    expect(late.body.results[0]).toMatchObject({ status: 'accepted', reward: 2 });
  });

  it('refuses a second submission of the same task by the same annotator', async () => {
    const { projectId } = await publishFiles([files(1, 'once')], { requester: testRequester, node: node.url, name: 'Once', redundancy: 3, baseReward: 1 });
    const w = Wallet.createRandom();
    const [l] = (await lease(w, ['text'])).filter((x) => x.projectId === projectId);
    const r = await api(`${node.url}/v1/submissions`, 'POST', { items: [signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 1 }), signSubmission(w, DEFAULT_DOMAIN, l, { nonce: 2, document: { taskId: l.taskId, objects: [] } })] });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'rejected']);
    expect(r.body.results[1].reason).toMatch(/already submitted this task/);
  });

  it('offers a task only once its asset bytes are uploaded (publish first, upload after)', async () => {
    const bytes = Buffer.from(`uploaded later ${Math.random()}`);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const info = (await api(`${node.url}/v1/info`)).body;
    const pub = await api(`${node.url}/v1/projects`, 'POST', signedManifest(info.domain, [{ sha256, size: bytes.length, kind: 'audio', mime: 'audio/wav', name: 'later.wav', difficulty: 1 }], { name: 'Later', redundancy: 1, baseReward: 1, requester: testRequester }));
    expect(pub.status).toBe(200);
    const w = Wallet.createRandom();
    expect((await lease(w, ['audio'])).filter((l) => l.projectId === pub.body.projectId)).toEqual([]);
    expect((await fetch(`${node.url}/v1/assets/${sha256}`)).status).toBe(404);
    const put = await fetch(`${node.url}/v1/assets/${sha256}`, { method: 'PUT', body: bytes });
    expect(await put.json()).toEqual({ sha256, size: bytes.length });
    const [l] = (await lease(w, ['audio'])).filter((x) => x.projectId === pub.body.projectId);
    expect(l.asset).toEqual({ sha256, kind: 'audio', mime: 'audio/wav', name: 'later.wav', size: bytes.length });
    expect(Buffer.from(await (await fetch(`${node.url}/v1/assets/${sha256}`)).arrayBuffer()).equals(bytes)).toBe(true);
  });
});
