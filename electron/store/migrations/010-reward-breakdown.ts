// Schema 10: each reward as the node explains it (base × difficulty × quality, and the ledger status such as
// "reviewed"), so the Submissions dialog can show why an amount is what it is; null until the node has said.
import type Database from 'better-sqlite3';

export function updateToVersion10(db: Database.Database): void {
  db.exec(`
    ALTER TABLE rewards ADD COLUMN base REAL;
    ALTER TABLE rewards ADD COLUMN difficulty REAL;
    ALTER TABLE rewards ADD COLUMN quality REAL;
    ALTER TABLE rewards ADD COLUMN status TEXT;
  `);
}
