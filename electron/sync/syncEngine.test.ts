// The engine's timing rules, without a node: backoff grows exponentially with full jitter and stays capped, and a
// node that cannot be reached changes nothing in the outbox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/createCore.ts';
import { SyncEngine, matchVerdicts } from './syncEngine.ts';
import { OutboxRepository } from './outbox.ts';
import { NodeMemoryStore } from './nodeMemory.ts';
import { freePort, startNodeProcess } from '../../network/testing/nodeProcess.ts';

const cores: Core[] = [];
// A port nobody listens on: bound once, then released.
const closedPort = await freePort();
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

function engine(random: () => number, opts: { url?: string; heartbeatMs?: number; pollMs?: number } = {}) {
  const core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-engine-')) });
  cores.push(core);
  const statuses: unknown[] = [];
  const e = new SyncEngine({
    outbox: new OutboxRepository(core.db), memory: new NodeMemoryStore(core.settings), nodeUrl: () => opts.url ?? `http://127.0.0.1:${closedPort}/`, address: () => null,
    emit: (s) => statuses.push(s), now: Date.now, random, baseDelayMs: 1000, maxDelayMs: 30_000, heartbeatMs: opts.heartbeatMs, pollMs: opts.pollMs,
  });
  return { e, statuses };
}

describe('SyncEngine', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const hi = engine(() => 0.999).e;
    const lo = engine(() => 0).e;
    expect([1, 2, 3, 4, 5].map((n) => Math.round(hi.backoffDelay(n) / 1000))).toEqual([1, 2, 4, 8, 16]);
    expect(hi.backoffDelay(40)).toBeLessThanOrEqual(30_250);
    // the floor keeps retries from hammering a node that just went away
    expect(lo.backoffDelay(10)).toBe(250);
    const mid = engine(() => 0.5).e;
    expect(mid.backoffDelay(3)).toBe(250 + 2000);
  });

  it('reports offline with a reason naming the node, and emits the status', async () => {
    const { e, statuses } = engine(Math.random);
    const r = await e.syncNow();
    expect(r).toMatchObject({ online: false, sent: 0, remaining: 0, error: expect.stringMatching(/The node http:\/\/127\.0\.0\.1:\d+ is not reachable \(connection refused\)/) });
    expect(statuses.at(-1)).toEqual({ online: false, pending: 0, nodeUrl: `http://127.0.0.1:${closedPort}`, lastError: r.error });
    e.close();
  });

  it('pairs verdicts by id, and by position for an item the node could not parse', () => {
    const items = [{ id: '0xa' }, { id: '0xb' }, { id: '0xc' }];
    expect(matchVerdicts(items, [
      { id: '0xa', status: 'accepted', reward: 2 },
      { id: null, status: 'rejected', reason: 'malformed item: document: required' },
      { id: '0xzz', status: 'accepted', reward: 9 }, // not something we sent: ignored, 0xc stays queued
    ])).toEqual([
      { id: '0xa', status: 'accepted', reward: 2, reason: undefined },
      { id: '0xb', status: 'rejected', reason: 'malformed item: document: required', reward: undefined },
    ]);
  });

  it('says offline within a heartbeat when the node goes away, not at the next poll', async () => {
    const node = await startNodeProcess();
    const { e, statuses } = engine(Math.random, { url: node.url, heartbeatMs: 150, pollMs: 60_000 });
    try {
      e.start();
      await expect.poll(() => e.status().online, { timeout: 10_000 }).toBe(true);
      await node.stop();
      const t0 = Date.now();
      await expect.poll(() => e.status().online, { timeout: 5_000 }).toBe(false);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(statuses.at(-1)).toMatchObject({ online: false, lastError: expect.stringMatching(/is not reachable/) });
    } finally {
      e.close();
      await node.stop();
    }
  }, 30_000);

  it('a changed node URL is checked within a heartbeat, and the old node\'s error is not shown for the new one', async () => {
    const node = await startNodeProcess();
    let url = `http://127.0.0.1:${closedPort}/`;
    const core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-engine-')) });
    cores.push(core);
    // offline on a long backoff: without the URL check the new node would wait up to 30 s
    const e = new SyncEngine({
      outbox: new OutboxRepository(core.db), memory: new NodeMemoryStore(core.settings), nodeUrl: () => url, address: () => null,
      emit: () => undefined, now: Date.now, random: () => 0.999, baseDelayMs: 30_000, maxDelayMs: 30_000, heartbeatMs: 150, pollMs: 60_000,
    });
    try {
      e.start();
      await expect.poll(() => e.status().lastError, { timeout: 10_000 }).toMatch(/is not reachable/);
      url = node.url;
      expect(e.status()).toMatchObject({ online: false, nodeUrl: node.url.replace(/\/+$/, ''), lastError: null });
      const t0 = Date.now();
      await expect.poll(() => e.status().online, { timeout: 5_000 }).toBe(true);
      expect(Date.now() - t0).toBeLessThan(5_000);
    } finally {
      e.close();
      await node.stop();
    }
  }, 30_000);
});
