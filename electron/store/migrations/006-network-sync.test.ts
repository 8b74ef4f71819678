import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db.ts';

describe('schema 6 (network sync)', () => {
  it('upgrades a store with queued submissions without touching them, and adds the node tables', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-m6-')), 'tagger.sqlite');
    const old = openDatabase(file, { targetVersion: 5 });
    const before = old.pragma('user_version', { simple: true }) as number;
    expect(before).toBeLessThan(6);
    old.exec(`
      INSERT INTO projects(id, name, schema_json, policy_json, created_at, updated_at) VALUES ('p', 'P', '{}', '{}', 1, 1);
      INSERT INTO assets(id, kind, mime, original_name, size, created_at) VALUES ('${'a'.repeat(64)}', 'text', 'text/plain', 'a.txt', 1, 1);
      INSERT INTO tasks(id, project_id, asset_id, status, position, created_at, updated_at) VALUES ('t', 'p', '${'a'.repeat(64)}', 'submitted', 1, 1, 1);
      INSERT INTO submissions(id, task_id, payload_json, signature, content_hash, document_json, created_at) VALUES ('0x01', 't', '{}', '0x', '0x', '{}', 1);
    `);
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    expect(db.prepare('SELECT id, state, annotator, node_url FROM submissions').all()).toEqual([{ id: '0x01', state: 'queued', annotator: null, node_url: null }]);
    db.prepare("INSERT INTO node_tasks(task_id, node_url, node_task_id, node_project_id) VALUES ('t', 'http://n', 'nt', 'np')").run();
    expect(() => db.prepare("INSERT INTO node_tasks(task_id, node_url, node_task_id, node_project_id) VALUES ('t', 'http://n', 'nt2', 'np')").run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO wallet_nonces(address, last_nonce) VALUES ('0xabc', 5)").run();
    // Deleting a task takes its node mapping with it.
    db.prepare("DELETE FROM submissions").run();
    db.prepare("DELETE FROM tasks WHERE id = 't'").run();
    expect(db.prepare('SELECT count(*) FROM node_tasks').pluck().get()).toBe(0);
    db.close();
  });
});
