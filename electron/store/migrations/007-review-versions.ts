// Schema 7: review. A task may carry several annotators' versions (annotation_objects.annotator already keys them);
// task_versions says where each came from, and reviews gain what a signed verdict names.
import type Database from 'better-sqlite3';

export function updateToVersion7(db: Database.Database): void {
  db.exec(`
    CREATE TABLE task_versions (
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL,          -- a name (file imports, demo) or a wallet address (node submissions)
      source TEXT NOT NULL,             -- 'import:<format>', 'demo', 'node'
      signer TEXT,                      -- wallet that signed it, when it came signed
      submission_id TEXT,               -- the node's submission id, when it came from a node
      content_hash TEXT NOT NULL,       -- keccak256 of the version's canonical document when it was stored
      created_at INTEGER NOT NULL,
      PRIMARY KEY (task_id, annotator)
    );

    ALTER TABLE reviews ADD COLUMN submission_ids_json TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE reviews ADD COLUMN consensus_hash TEXT;
    ALTER TABLE reviews ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE reviews ADD COLUMN outbox_id TEXT;
    CREATE INDEX reviews_task ON reviews(task_id, created_at);
  `);
}
