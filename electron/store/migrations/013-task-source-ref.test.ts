import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db.ts';

describe('schema 13 (a task keeps how its source file referred to the item)', () => {
  it('moves an asset\'s sourceRef to the tasks of that asset and off the asset, keeping the rest of its meta', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-m13-')), 'tagger.sqlite');
    const old = openDatabase(file, { targetVersion: 12 });
    const a = 'a'.repeat(64), b = 'b'.repeat(64);
    old.exec(`
      INSERT INTO projects(id, name, schema_json, policy_json, created_at, updated_at) VALUES ('p', 'P', '{}', '{}', 1, 1), ('q', 'Q', '{}', '{}', 1, 1);
      INSERT INTO assets(id, kind, mime, original_name, size, meta_json, created_at) VALUES
        ('${a}', 'image', 'image/jpeg', 'a.jpg', 1, '{"sourceRef":"/data/upload/3/x-a.jpg","exif":1}', 1),
        ('${b}', 'image', 'image/jpeg', 'b.jpg', 1, '{"exif":2}', 1);
      INSERT INTO tasks(id, project_id, asset_id, position, created_at, updated_at) VALUES ('t1', 'p', '${a}', 1, 1, 1), ('t2', 'q', '${a}', 1, 1, 1), ('t3', 'p', '${b}', 2, 1, 1);
    `);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT id, source_ref FROM tasks ORDER BY id').all()).toEqual([
      { id: 't1', source_ref: '/data/upload/3/x-a.jpg' },
      { id: 't2', source_ref: '/data/upload/3/x-a.jpg' },
      { id: 't3', source_ref: null },
    ]);
    expect(db.prepare('SELECT meta_json FROM assets ORDER BY id').pluck().all().map((m) => JSON.parse(m as string))).toEqual([{ exif: 1 }, { exif: 2 }]);
    db.close();
  });
});
