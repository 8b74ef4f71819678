import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteNodeStore } from './sqliteNodeStore.ts';
import { NODE_SCHEMA_VERSION } from './migrations/index.ts';
import { tempDir } from '../testing/nodeProcess.ts';
import { nodeStoreSuite } from './nodeStore.suite.ts';
import { expectExactMoney, schema5MoneyRows } from '../testing/schema5Money.ts';

describe('SQLite node store', () => {
  nodeStoreSuite(async () => openSqliteNodeStore(tempDir()));

  it('creates its schema in WAL mode and records the version in user_version', async () => {
    const dir = tempDir();
    const store = openSqliteNodeStore(dir);
    await store.close();
    const db = new Database(path.join(dir, 'node.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(NODE_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM pragma_table_info('projects') WHERE name = 'budget'").pluck().get()).toBe('budget');
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

  it('upgrades a schema-1 store: its projects get the budget they promised, minus what they paid', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'node.sqlite'));
    const { NODE_MIGRATIONS, migrateNodeStore } = await import('./migrations/index.ts');
    migrateNodeStore(db, 'old', NODE_MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO projects (id, name, schema, instructions, redundancy, base_reward, lease_ms, created_at) VALUES ('p_old', 'Old', '{}', '', 2, 1.5, 1000, 1)").run();
    db.prepare("INSERT INTO assets (sha256, kind, mime) VALUES ('ab', 'text', 'text/plain')").run();
    db.prepare("INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) VALUES ('t1', 'p_old', 'ab', 'text', 'a', 2), ('t2', 'p_old', 'ab', 'text', 'b', 1)").run();
    db.close();
    const store = openSqliteNodeStore(dir);
    expect(await store.projectBudget('p_old')).toEqual({ projectId: 'p_old', requester: null, budget: 9_000_000, spent: 0 });
    await store.close();
  });

  it('upgrades a schema-5 store to integer micro-TAG exactly: amounts round to the micro-TAG, spent is what the rows paid', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'node.sqlite'));
    const { NODE_MIGRATIONS, migrateNodeStore } = await import('./migrations/index.ts');
    migrateNodeStore(db, 'old', NODE_MIGRATIONS.filter((m) => m.version <= 5));
    db.exec(schema5MoneyRows(false));
    db.close();
    const store = openSqliteNodeStore(dir);
    await expectExactMoney(store);
    await store.close();
    const after = new Database(path.join(dir, 'node.sqlite'));
    expect(after.prepare("SELECT type FROM pragma_table_info('projects') WHERE name IN ('budget', 'spent', 'base_reward')").pluck().all()).toEqual(['INTEGER', 'INTEGER', 'INTEGER']);
    expect(() => after.prepare("UPDATE projects SET spent = budget + 1 WHERE id = 'p1'").run()).toThrow(/CHECK constraint failed/);
    expect(() => after.prepare(`UPDATE requesters SET balance = -1`).run()).toThrow(/CHECK constraint failed/);
    after.close();
  });
});
