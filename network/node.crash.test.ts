// Integration: the node is SIGKILLed while batches are in flight, restarted on the same data directory, and the
// workstation resends everything it had not seen acknowledged. Nothing may be lost or paid twice.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Wallet } from 'ethers';
import { DEFAULT_DOMAIN } from '../shared/signing/typedData.ts';
import { publishFiles } from './publish.ts';
import { OPEN_TO_NEWCOMERS, startNodeProcess, tempDir, type NodeProcess } from './testing/nodeProcess.ts';
import { api, leaseAs, signSubmission, type SignedItem, testRequester } from './testing/signing.ts';

let node: NodeProcess | undefined;
afterAll(async () => node?.stop(), 30_000);

const TASKS = 150;
const ANNOTATORS = 8;
const REWARD = 1.5;

describe('node killed mid-batch', () => {
  it('keeps each batch wholly stored or wholly absent, and a resend completes it without double rewards', async () => {
    node = await startNodeProcess({ args: OPEN_TO_NEWCOMERS });
    const dir = tempDir('tagger-node-assets-');
    for (let i = 0; i < TASKS; i++) fs.writeFileSync(path.join(dir, `t${i}.txt`), `crash test ${i}`);
    await publishFiles([dir], { requester: testRequester, node: node.url, name: 'Crash', redundancy: ANNOTATORS, baseReward: REWARD });
    const wallets = Array.from({ length: ANNOTATORS }, () => Wallet.createRandom());
    const items: SignedItem[] = [];
    for (const w of wallets) {
      const r = await leaseAs(node.url, w, ['text'], TASKS);
      expect(r.body.leases).toHaveLength(TASKS);
      r.body.leases.forEach((l: { taskId: string; projectId: string }, i: number) => items.push(signSubmission(w, DEFAULT_DOMAIN, l, { nonce: i + 1 })));
    }
    const batches: SignedItem[][] = [];
    for (let i = 0; i < items.length; i += 100) batches.push(items.slice(i, i + 100));

    // fire every batch at once and kill the node as soon as the first one is acknowledged
    const acknowledged = new Map<string, string>();
    const sends = batches.map((b) =>
      api(`${node!.url}/v1/submissions`, 'POST', { items: b }).then((r) => {
        for (const x of r.body.results) acknowledged.set(x.id, x.status);
        return true;
      }, () => false));
    await Promise.race(sends);
    await node.kill();
    const delivered = await Promise.all(sends);
    expect(delivered.filter(Boolean).length).toBeGreaterThan(0);
    expect(delivered.filter((x) => !x).length).toBeGreaterThan(0); // some batches really died in flight

    // the store is consistent on its own: every stored submission has one reward and the task counters agree
    const db = new Database(path.join(node.dataDir, 'node.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT count(*) FROM submissions').pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM rewards').pluck().get()).toBe(stored);
    expect(db.prepare('SELECT coalesce(sum(accepted), 0) FROM tasks').pluck().get()).toBe(stored);
    expect(stored % 100).toBe(0); // whole batches only
    expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
    db.close();

    // restart on the same data and resend everything (the workstation does not know what the node kept)
    node = await startNodeProcess({ dataDir: node.dataDir, args: OPEN_TO_NEWCOMERS });
    const statuses: string[] = [];
    for (const b of batches) {
      const r = await api(`${node.url}/v1/submissions`, 'POST', { items: b });
      for (const x of r.body.results) {
        statuses.push(x.status);
        expect(x.reward).toBe(REWARD);
        if (acknowledged.has(x.id)) expect(x.status).toBe('duplicate');
      }
    }
    expect(statuses.filter((s) => s === 'rejected')).toEqual([]);
    expect(statuses.filter((s) => s === 'duplicate').length).toBe(stored);
    for (const w of wallets) {
      const r = await api(`${node.url}/v1/rewards/${w.address}`);
      expect(r.body.count).toBe(TASKS);
      expect(r.body.total).toBe(TASKS * REWARD);
    }
  }, 120_000); // two node starts and 1,200 signatures on a busy machine
});
