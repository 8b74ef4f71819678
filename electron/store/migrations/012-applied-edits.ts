// Schema 12: the ids of edits, undos and redos already applied, per task and annotator. The page gives each change
// an id and resends it with the same id when an answer did not arrive in time; a change whose id is here was
// applied and is answered again without applying it twice. Rows older than a day are pruned as new ones arrive.
import type Database from 'better-sqlite3';

export function updateToVersion12(db: Database.Database): void {
  db.exec(`
    CREATE TABLE applied_edits (
      task_id TEXT NOT NULL,
      annotator TEXT NOT NULL,
      edit_id TEXT NOT NULL,
      touched_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (task_id, annotator, edit_id)
    ) WITHOUT ROWID;
    CREATE INDEX applied_edits_age ON applied_edits(created_at);
  `);
}
