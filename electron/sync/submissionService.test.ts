import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyTypedData, TypedDataEncoder } from 'ethers';
import { createCore, type Core } from '../core/createCore.ts';
import { DEFAULT_DOMAIN, SUBMISSION_TYPES } from '../../shared/signing/typedData.ts';
import { annotationDocument, contentHash } from '../../shared/signing/document.ts';
import { localTask } from './testing/workstation.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

async function setup(opts: { now?: () => number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-outbox-'));
  // Nothing listens on this port: the node is down.
  const core = createCore({ dataDir: dir, now: opts.now, network: { scryptN: 1024 } });
  cores.push(core);
  core.settings.set({ nodeUrl: 'http://127.0.0.1:9' });
  const net = core.network;
  return { core, net, dir };
}

describe('Submit and the outbox', () => {
  it('needs an unlocked wallet, and changes nothing when it is locked', async () => {
    const { core, net } = await setup();
    const taskId = localTask(core);
    expect(await core.dispatch('submissions.submit', [taskId])).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/no wallet yet/) } });
    await net.wallet.import({ kind: 'privateKey', privateKey: '44'.repeat(32), password: 'pass-word-1' });
    net.wallet.lock();
    expect(await core.dispatch('submissions.submit', [taskId])).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/Unlock it/) } });
    expect(core.tasks.get(taskId).status).toBe('todo');
    expect(net.outbox.pendingCount()).toBe(0);
  });

  it('freezes the task and queues a signed item in one step; offline it waits and the status says so', async () => {
    const { core, net } = await setup();
    await net.wallet.import({ kind: 'privateKey', privateKey: '55'.repeat(32), password: 'pass-word-1' });
    const taskId = localTask(core);
    core.annotations.edit(taskId, { label: 'Add span', ops: [{ op: 'put', object: { id: 'b', kind: 'span', label: 'x', geometry: { start: 0, end: 5 }, attributes: {}, origin: 'human', z: 2, hidden: false, locked: false } }, { op: 'put', object: { id: 'a', kind: 'doclabel', label: 'greeting', geometry: null, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } }] });
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => name === 'sync' && events.push(payload));
    const r = await core.dispatch('submissions.submit', [taskId]);
    expect(r).toMatchObject({ ok: true, value: { taskId, pending: 1 } });
    expect(core.tasks.get(taskId).status).toBe('submitted');
    expect(events.at(-1)).toMatchObject({ pending: 1, online: false });
    // Frozen: the annotation repository refuses edits, and a second submit is refused.
    expect(() => core.annotations.edit(taskId, { label: 'x', ops: [{ op: 'delete', id: 'a' }] })).toThrow(/frozen/);
    expect(await core.dispatch('submissions.submit', [taskId])).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const row = core.db.prepare('SELECT * FROM submissions').get() as { id: string; payload_json: string; signature: string; document_json: string; state: string };
    const { message, domain } = JSON.parse(row.payload_json);
    expect(domain).toEqual(DEFAULT_DOMAIN);
    // The id is the EIP-712 hash and an independent implementation (ethers) recovers the annotator from the signature.
    expect(row.id).toBe(TypedDataEncoder.hash(domain, { Submission: [...SUBMISSION_TYPES.Submission] }, message));
    expect(verifyTypedData(domain, { Submission: [...SUBMISSION_TYPES.Submission] }, message, row.signature)).toBe(message.annotator);
    expect(message.contentHash).toBe(contentHash(annotationDocument(taskId, core.annotations.list(taskId))));
    expect(JSON.parse(row.document_json).objects.map((o: { id: string }) => o.id)).toEqual(['a', 'b']);

    // The node is down: a sync attempt reports it and the item stays queued.
    const report = await net.engine.syncNow();
    expect(report).toMatchObject({ online: false, sent: 0, remaining: 1, error: expect.stringMatching(/not reachable/) });
    expect(net.engine.status()).toMatchObject({ online: false, pending: 1, lastError: expect.stringMatching(/127\.0\.0\.1:9/) });
    expect(net.outbox.list()).toMatchObject([{ taskId, state: 'queued', projectName: 'Local' }]);
  });

  it('gives every submission of a wallet a new, growing nonce, even when the clock goes back', async () => {
    let t = 5_000_000;
    const { core, net } = await setup({ now: () => t });
    await net.wallet.import({ kind: 'privateKey', privateKey: '66'.repeat(32), password: 'pass-word-1' });
    const nonces: bigint[] = [];
    for (let i = 0; i < 4; i++) {
      net.submissions.submit(localTask(core));
      t -= 1000;
      nonces.push(BigInt(JSON.parse((core.db.prepare('SELECT payload_json FROM submissions ORDER BY rowid DESC').get() as { payload_json: string }).payload_json).message.nonce));
    }
    for (let i = 1; i < nonces.length; i++) expect(nonces[i] > nonces[i - 1]).toBe(true);
  });

  it('validates the submissions contract and asks for a wallet before pulling work', async () => {
    const { core } = await setup();
    expect(await core.dispatch('submissions.submit', ['../etc/passwd'])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await core.dispatch('submissions.list', [{ state: ['lost'] }])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await core.dispatch('submissions.list', [{ limit: 1e9 }])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await core.dispatch('submissions.pull', [{ max: 100_000 }])).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await core.dispatch('submissions.pull', [])).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringMatching(/wallet first/) } });
    expect(await core.dispatch('submissions.list', [])).toEqual({ ok: true, value: [] });
  });
});
