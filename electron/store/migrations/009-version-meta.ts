// Schema 9: what a version's source said about it. A dataset that repeats a text with other labels (two doccano
// lines, two CoNLL documents) keeps each repeat as another annotator's version of the one task; the line's own
// id and metadata live here so export writes every line back as it was.
import type Database from 'better-sqlite3';

export function updateToVersion9(db: Database.Database): void {
  db.exec(`ALTER TABLE task_versions ADD COLUMN meta_json TEXT NOT NULL DEFAULT '{}';`);
}
