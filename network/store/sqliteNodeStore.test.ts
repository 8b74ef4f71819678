import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteNodeStore } from './sqliteNodeStore.ts';
import { NODE_SCHEMA_VERSION } from './migrations/index.ts';
import { tempDir } from '../testing/nodeProcess.ts';

describe('node store', () => {
  it('creates its schema in WAL mode and records the version in user_version', async () => {
    const dir = tempDir();
    const store = openSqliteNodeStore(dir);
    await store.close();
    const db = new Database(path.join(dir, 'node.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(NODE_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM pragma_table_info('rewards') WHERE name = 'quality'").pluck().get()).toBe('quality');
    db.close();
    // opening again is a no-op upgrade
    await openSqliteNodeStore(dir).close();
  });

  it('refuses a store written by a newer node without changing the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'node.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${NODE_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openSqliteNodeStore(dir)).toThrow(/written by a newer Tagger node .*Update the node/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('decides a batch in one transaction: a duplicate inside the batch is acknowledged, not paid again', async () => {
    const store = openSqliteNodeStore(tempDir());
    const { projectId } = await store.publishProject({ name: 'P', schema: {}, instructions: '', redundancy: 1, baseReward: 2, minReputation: 0, leaseMs: 60_000, assets: [{ sha256: 'a'.repeat(64), kind: 'text', mime: 'text/plain', name: 'a.txt', difficulty: 1.5 }] }, 1000);
    await store.markAssetsStored([{ sha256: 'a'.repeat(64), size: 3 }]);
    const annotator = '0x' + 'b'.repeat(40);
    const [lease] = await store.leaseTasks({ annotator, kinds: ['text'], max: 5 }, 1000);
    const item = { id: '0x' + 'c'.repeat(64), signature: '0x', document: '{}', message: { taskId: lease.taskId, projectId, contentHash: '0x' + 'd'.repeat(64), annotator, nonce: '1', createdAt: '1000' } };
    const verdicts = await store.commitSubmissions([item, item], 2000);
    expect(verdicts).toEqual([{ id: item.id, status: 'accepted', reward: 3 }, { id: item.id, status: 'duplicate', reward: 3 }]);
    expect((await store.rewards(annotator, 10)).total).toBe(3);
    await store.close();
  });

  it('offers a project with a minimum reputation only to annotators who reach it', async () => {
    const store = openSqliteNodeStore(tempDir());
    await store.publishProject({ name: 'Experts', schema: {}, instructions: '', redundancy: 2, baseReward: 1, minReputation: 0.8, leaseMs: 60_000, assets: [{ sha256: 'e'.repeat(64), kind: 'image', mime: 'image/png', name: 'e.png', difficulty: 1 }] }, 1000);
    await store.markAssetsStored([{ sha256: 'e'.repeat(64), size: 3 }]);
    const annotator = '0x' + 'A'.repeat(40);
    expect(await store.leaseTasks({ annotator, kinds: ['image'], max: 5 }, 1000)).toEqual([]);
    await store.setReputation(annotator, 0.85, 1000);
    expect(await store.leaseTasks({ annotator, kinds: ['image'], max: 5 }, 1000)).toHaveLength(1);
    await expect(store.setReputation(annotator, 2, 1000)).rejects.toThrow(/between 0 and 1/);
    await store.close();
  });
});
