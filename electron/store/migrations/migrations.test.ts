// Migrations from an empty file and from every earlier version; a failing one leaves the file as it was; a file
// from a newer app is refused untouched.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db.ts';
import { MIGRATIONS, LATEST_VERSION, migrate } from './index.ts';
import { TaggerError } from '../../../shared/errors.ts';

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-mig-')), 'tagger.sqlite');

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
}

/** Minimal rows valid at schema 1, to check that upgrades keep data. */
function seedV1(db: Database.Database) {
  db.prepare("INSERT INTO projects(id,name,schema_json,instructions,policy_json,created_at,updated_at) VALUES ('p','P','{}','', '{\"redundancy\":1,\"baseReward\":1}',1,1)").run();
  db.prepare("INSERT INTO assets(id,kind,mime,original_name,size,meta_json,created_at) VALUES (?, 'image','image/png','a.png',1,'{}',1)").run('a'.repeat(64));
  db.prepare("INSERT INTO tasks(id,project_id,asset_id,position,created_at,updated_at) VALUES ('t','p',?,1,1,1)").run('a'.repeat(64));
  db.prepare("INSERT INTO annotation_objects(id,task_id,kind,label,geometry_json,updated_at) VALUES ('o','t','box','car','{\"x\":1,\"y\":2,\"w\":3,\"h\":4}',1)").run();
}

describe('migrations', () => {
  it('are numbered strictly increasing', () => {
    MIGRATIONS.forEach((m, i) => i && expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1].version));
  });

  it('build the latest schema from an empty file, in WAL mode with foreign keys on', () => {
    const file = tmp();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    for (const t of ['projects', 'assets', 'tasks', 'annotation_objects', 'history', 'submissions', 'reviews', 'rewards', 'settings']) expect(tables(db)).toContain(t);
    db.close();
  });

  for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_VERSION)) {
    it(`upgrade a database at schema ${from} to ${LATEST_VERSION}, keeping its data, to the same schema as a fresh one`, () => {
      const file = tmp();
      const old = openDatabase(file, { targetVersion: from });
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      if (from >= 1) seedV1(old);
      old.close();
      const db = openDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.prepare("SELECT geometry_json FROM annotation_objects WHERE id = 'o'").pluck().get()).toBe('{"x":1,"y":2,"w":3,"h":4}');
      const fresh = openDatabase(tmp());
      expect(tables(db)).toEqual(tables(fresh));
      db.close();
      fresh.close();
    });
  }

  it('leave the file exactly as it was when a migration fails', () => {
    const file = tmp();
    openDatabase(file).close();
    const before = new Database(file);
    const snapshot = tables(before);
    const version = before.pragma('user_version', { simple: true });
    before.close();
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE half_done (x)'); db.exec('THIS IS NOT SQL'); } }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/schema .* failed.*left as it was/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(version);
    expect(tables(after)).toEqual(snapshot);
    after.close();
  });

  it('refuse a database written by a newer version and do not touch it', () => {
    const file = tmp();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 7}`);
    db.close();
    const bytes = fs.readFileSync(file);
    try {
      openDatabase(file);
      expect.unreachable();
    } catch (e) {
      expect((e as TaggerError).code).toBe('db_too_new');
      expect((e as Error).message).toMatch(/newer Tagger Workstation/);
    }
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('migrate() is a no-op on an up-to-date file', () => {
    const db = openDatabase(tmp());
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
