// Schema 1: the core tables of ARCHITECTURE.md. Times are Unix milliseconds; JSON columns hold canonical objects.
import type Database from 'better-sqlite3';

export function updateToVersion1(db: Database.Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      schema_json TEXT NOT NULL,
      instructions TEXT NOT NULL DEFAULT '',
      policy_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE assets (
      id TEXT PRIMARY KEY,             -- sha256 hex of the content
      kind TEXT NOT NULL CHECK (kind IN ('image','audio','text')),
      mime TEXT NOT NULL,
      original_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      width INTEGER,
      height INTEGER,
      duration_ms INTEGER,
      meta_json TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL
    );

    CREATE TABLE tasks (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      asset_id TEXT NOT NULL REFERENCES assets(id),
      status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','in_progress','done','submitted','accepted','rejected')),
      difficulty REAL NOT NULL DEFAULT 1,
      assignee TEXT,
      source_node TEXT,
      position INTEGER NOT NULL,
      revision INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (project_id, asset_id)
    );
    CREATE INDEX tasks_queue ON tasks(project_id, position);

    CREATE TABLE annotation_objects (
      id TEXT NOT NULL,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL DEFAULT 'local',
      kind TEXT NOT NULL CHECK (kind IN ('box','polygon','segment','span','relation','doclabel')),
      label TEXT NOT NULL,
      geometry_json TEXT NOT NULL,
      attributes_json TEXT NOT NULL DEFAULT '{}',
      origin TEXT NOT NULL DEFAULT 'human' CHECK (origin IN ('human','model')),
      z REAL NOT NULL DEFAULT 0,
      hidden INTEGER NOT NULL DEFAULT 0,
      locked INTEGER NOT NULL DEFAULT 0,
      revision INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (task_id, annotator, id)
    );

    -- One row per undoable step; forward and backward are lists of object ops. Undone rows stay until a new edit.
    CREATE TABLE history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      annotator TEXT NOT NULL DEFAULT 'local',
      label TEXT NOT NULL,
      coalesce_key TEXT,
      forward_json TEXT NOT NULL,
      backward_json TEXT NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX history_task ON history(task_id, annotator, seq);

    -- The outbox: signed items waiting for (or answered by) a node. id is the EIP-712 typed-data hash.
    CREATE TABLE submissions (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id),
      kind TEXT NOT NULL DEFAULT 'submission',
      payload_json TEXT NOT NULL,
      signature TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      document_json TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','accepted','rejected')),
      reason TEXT,
      reward REAL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      acked_at INTEGER
    );
    CREATE INDEX submissions_state ON submissions(state, next_attempt_at);

    CREATE TABLE reviews (
      id TEXT PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      reviewer TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accept','reject','fix')),
      comment TEXT NOT NULL DEFAULT '',
      payload_json TEXT,
      signature TEXT,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE rewards (
      submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
      wallet TEXT NOT NULL,
      amount REAL NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `);
}
