// Files the store must refuse with a message a user can act on, without changing them.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, checkDataDir } from './db.ts';
import { createCore } from '../core/createCore.ts';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-db-'));
const asRoot = process.getuid?.() === 0;

describe('opening the store', () => {
  it('refuses a file that is not a database and leaves it byte for byte', () => {
    const file = path.join(dir(), 'tagger.sqlite');
    fs.writeFileSync(file, 'this is a text file, not SQLite at all, definitely longer than 16 bytes');
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/damaged or not a Tagger database.*did not change it/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database with a damaged page and leaves it as it was', () => {
    const d = dir();
    const core = createCore({ dataDir: d });
    core.projects.create({ name: 'P' });
    for (let i = 0; i < 200; i++) core.settings.setRaw(`k${i}`, 'x'.repeat(500));
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    void core.close();
    const file = path.join(d, 'tagger.sqlite');
    const bytes = fs.readFileSync(file);
    // Overwrite the middle of the file (page 3 onward) with garbage, keeping the header intact.
    bytes.fill(0xa5, 4096 * 2, 4096 * 6);
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(/damaged/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it.skipIf(asRoot)('refuses a read-only database file (as a normal user)', () => {
    const d = dir();
    const file = path.join(d, 'tagger.sqlite');
    openDatabase(file).close();
    fs.chmodSync(file, 0o444);
    expect(() => openDatabase(file)).toThrow(/read-only/);
  });

  it('reports a data directory whose parent does not exist', () => {
    expect(() => checkDataDir('/nonexistent-tagger-parent/child')).toThrow(/does not exist.*--data/);
  });

  it('reports a data directory that is a file', () => {
    const f = path.join(dir(), 'file');
    fs.writeFileSync(f, 'x');
    expect(() => checkDataDir(f)).toThrow(/is a file/);
  });
});
