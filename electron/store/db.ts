// Opens the local SQLite store with the settings every caller relies on (WAL, foreign keys) and turns the ways
// a file can be unusable into errors that say what to do. Nothing here ever overwrites an existing file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../shared/errors.ts';
import { migrate, MIGRATIONS, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export function checkDataDir(dir: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    const parent = path.dirname(path.resolve(dir));
    if (!fs.existsSync(parent))
      throw new TaggerError('io', `The data directory ${dir} does not exist, nor does its parent ${parent}. Create it or choose another with --data.`, { path: dir });
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      return;
    } catch (e) {
      throw new TaggerError('io', `Cannot create the data directory ${dir} (${(e as NodeJS.ErrnoException).code}). Choose a writable one with --data.`, { path: dir });
    }
  }
  if (!st.isDirectory()) throw new TaggerError('io', `The data directory ${dir} is a file, not a directory. Choose another with --data.`, { path: dir });
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new TaggerError('db_readonly', `The data directory ${dir} is not writable. Fix its permissions or choose another with --data.`, { path: dir });
  }
}

export interface OpenOptions {
  /** For tests of upgrades: stop at this schema version. */
  targetVersion?: number;
  migrations?: Migration[];
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (fs.existsSync(file)) {
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      throw new TaggerError('db_readonly', `The database ${file} is read-only. Make it writable (chmod u+w) or copy it to a writable data directory; Tagger did not change it.`, { path: file });
    }
    assertSqliteHeader(file);
  }
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw new TaggerError('io', `Cannot open the database ${file}: ${(e as Error).message}.`, { path: file });
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Refuse a file from a newer app before anything (even the journal mode) changes its bytes.
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = (opts.migrations ?? MIGRATIONS).at(-1)?.version ?? 0;
    if (version > latest)
      throw new TaggerError('db_too_new', `The database ${file} was written by a newer Tagger Workstation (schema ${version}, this one knows ${latest}). Update the app; the file was not changed.`);
    db.pragma('journal_mode = WAL');
    // NORMAL: a commit survives a crash of the app; a power cut may lose the last edits (README, "Where data
    // lives"). FULL costs ~25× per edit and makes bulk imports, which commit per file, several times slower
    // (`npm run bench -- durability`).
    db.pragma('synchronous = NORMAL');
    writeTransactionsTakeTheLockFirst(db);
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new TaggerError('db_corrupt', `The database ${file} is damaged (${String(check)}).`);
    migrate(db, { file, targetVersion: opts.targetVersion, migrations: opts.migrations });
    return db;
  } catch (e) {
    db.close();
    if (e instanceof TaggerError) {
      if (e.code === 'db_corrupt') throw new TaggerError('db_corrupt', `${e.message} Move it aside or restore a backup; Tagger did not change it.`, { path: file });
      throw e;
    }
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new TaggerError('db_corrupt', `The database ${file} is damaged or not a Tagger database (${code}). Move it aside or restore a backup; Tagger did not change it.`, { path: file });
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN')
      throw new TaggerError('db_readonly', `The database ${file} cannot be written (${code}). Check the permissions of the file and its directory.`, { path: file });
    if (code === 'SQLITE_FULL') throw new TaggerError('io', `The disk holding ${file} is full. Free some space and start again; nothing was lost.`, { path: file });
    throw e;
  }
}

/** Every `db.transaction(fn)()` runs as BEGIN IMMEDIATE: a deferred transaction that reads and then writes can
 *  fail with SQLITE_BUSY at its first write, without waiting, when another connection wrote in between; an
 *  immediate one waits (busy_timeout) for the write lock up front. Nested calls still become savepoints. */
function writeTransactionsTakeTheLockFirst(db: Db): void {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: (...args: any[]) => unknown) => {
    const t = make(fn);
    const immediate = ((...args: unknown[]) => t.immediate(...args)) as unknown as typeof t;
    return Object.assign(immediate, { default: t.default, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive });
  }) as typeof db.transaction;
}

function assertSqliteHeader(file: string): void {
  const size = fs.statSync(file).size;
  if (size === 0) return; // SQLite treats an empty file as a new database
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    fs.readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== 'SQLite format 3\u0000')
      throw new TaggerError('db_corrupt', `The database ${file} is damaged or not a Tagger database (its header is not SQLite's). Move it aside or restore a backup; Tagger did not change it.`, { path: file });
  } finally {
    fs.closeSync(fd);
  }
}
