// Schema 8: what bundles need. trusted_keys is the team's list of wallets whose bundles this store accepts;
// task_flags marks tasks that need a person's look, e.g. two different signed versions by one annotator.
import type Database from 'better-sqlite3';

export function updateToVersion8(db: Database.Database): void {
  db.exec(`
    CREATE TABLE trusted_keys (
      address TEXT PRIMARY KEY,        -- lowercase 0x address
      name TEXT NOT NULL DEFAULT '',
      added_at INTEGER NOT NULL
    );

    CREATE TABLE task_flags (
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL,
      reason TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL,
      PRIMARY KEY (task_id, annotator, reason)
    );
  `);
}
