// Schema 6: what the workstation needs to work for network nodes. Node tasks and projects keep the node's own ids
// (signed messages name them); nonces are monotonic per wallet; outbox rows remember their signer and node.
import type Database from 'better-sqlite3';

export function updateToVersion6(db: Database.Database): void {
  db.exec(`
    CREATE TABLE node_projects (
      project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      node_url TEXT NOT NULL,
      node_project_id TEXT NOT NULL,
      UNIQUE (node_url, node_project_id)
    );

    CREATE TABLE node_tasks (
      task_id TEXT PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
      node_url TEXT NOT NULL,
      node_task_id TEXT NOT NULL,
      node_project_id TEXT NOT NULL,
      base_reward REAL NOT NULL DEFAULT 0,
      lease_expires_at INTEGER,
      UNIQUE (node_url, node_task_id)
    );

    -- The last nonce each wallet signed with; the next is max(last + 1, now) so a reinstall never reuses one.
    CREATE TABLE wallet_nonces (
      address TEXT PRIMARY KEY,
      last_nonce INTEGER NOT NULL
    );

    ALTER TABLE submissions ADD COLUMN annotator TEXT;
    ALTER TABLE submissions ADD COLUMN node_url TEXT;
    CREATE INDEX submissions_outbox ON submissions(state, node_url, created_at);
    CREATE INDEX submissions_task ON submissions(task_id);
  `);
}
