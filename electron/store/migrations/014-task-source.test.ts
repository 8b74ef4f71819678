import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db.ts';
import { TaskRepository } from '../repositories/tasks.ts';

describe('schema 14 (a task keeps what its source file said about its text)', () => {
  it('moves sourceName, sourceMeta and the CoNLL columns from each asset to every task of it, keeping the rest of the asset', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-m14-')), 'tagger.sqlite');
    const old = openDatabase(file, { targetVersion: 13 });
    const a = 'a'.repeat(64), b = 'b'.repeat(64), c = 'c'.repeat(64);
    old.exec(`
      INSERT INTO projects(id, name, schema_json, policy_json, created_at, updated_at) VALUES ('p', 'P', '{}', '{}', 1, 1), ('q', 'Q', '{}', '{}', 1, 1);
      INSERT INTO assets(id, kind, mime, original_name, size, meta_json, created_at) VALUES
        ('${a}', 'text', 'text/plain', 'a.conll', 1, '{"chars":9,"lines":1,"sourceName":"7","sourceMeta":{"split":"train"},"conllColumns":"NNP B-NP"}', 1),
        ('${b}', 'text', 'text/plain', 'b.jsonl:1', 1, '{"chars":4,"lines":1,"sourceMeta":{"n":1}}', 1),
        ('${c}', 'image', 'image/jpeg', 'c.jpg', 1, '{"exif":2}', 1);
      INSERT INTO tasks(id, project_id, asset_id, position, created_at, updated_at) VALUES
        ('t1', 'p', '${a}', 1, 1, 1), ('t2', 'q', '${a}', 1, 1, 1), ('t3', 'p', '${b}', 2, 1, 1), ('t4', 'p', '${c}', 3, 1, 1);
    `);
    old.close();
    const db = openDatabase(file);
    const tasks = new TaskRepository(db);
    expect(['t1', 't2', 't3', 't4'].map((t) => tasks.source(t))).toEqual([
      { sourceName: '7', sourceMeta: { split: 'train' }, conllColumns: 'NNP B-NP' },
      { sourceName: '7', sourceMeta: { split: 'train' }, conllColumns: 'NNP B-NP' },
      { sourceMeta: { n: 1 } },
      {},
    ]);
    expect(tasks.source('t1', { columns: false })).toEqual({ sourceName: '7', sourceMeta: { split: 'train' } });
    expect(db.prepare('SELECT meta_json FROM assets ORDER BY id').pluck().all().map((m) => JSON.parse(m as string))).toEqual([{ chars: 9, lines: 1 }, { chars: 4, lines: 1 }, { exif: 2 }]);
    // Each task's record is its own now: changing one project's leaves the other's as it was.
    tasks.setSource('t2', { sourceName: '8' });
    expect([tasks.source('t1').sourceName, tasks.source('t2')]).toEqual(['7', { sourceName: '8', sourceMeta: { split: 'train' }, conllColumns: 'NNP B-NP' }]);
    db.close();
  });
});
