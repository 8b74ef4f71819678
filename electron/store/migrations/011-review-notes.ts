// Schema 11: the validator's reason or rework comment on a reward of ours, as the node reports it, so the
// Submissions dialog shows why work was rejected or sent back.
import type Database from 'better-sqlite3';

export function updateToVersion11(db: Database.Database): void {
  db.exec('ALTER TABLE rewards ADD COLUMN note TEXT;');
}
