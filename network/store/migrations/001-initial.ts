// The node's first schema: projects, assets, tasks, leases, submissions (accepted work) and the rewards ledger.
/** Written in the SQLite dialect; migrations/index.ts translates it for PostgreSQL. */
export const INITIAL_SQL = `
    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      schema TEXT NOT NULL,
      instructions TEXT NOT NULL,
      redundancy INTEGER NOT NULL CHECK (redundancy >= 1),
      base_reward REAL NOT NULL,
      min_reputation REAL NOT NULL DEFAULT 0,
      lease_ms INTEGER NOT NULL,
      created_at INTEGER NOT NULL
    );
    -- stored = 1 once the bytes were uploaded and matched the hash; only such tasks are offered
    CREATE TABLE assets (
      sha256 TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'audio', 'text')),
      mime TEXT NOT NULL,
      size INTEGER,
      stored INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE tasks (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      project_id TEXT NOT NULL REFERENCES projects(id),
      asset_sha256 TEXT NOT NULL REFERENCES assets(sha256),
      kind TEXT NOT NULL,
      asset_name TEXT NOT NULL,
      difficulty REAL NOT NULL,
      accepted INTEGER NOT NULL DEFAULT 0,
      full INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tasks_open ON tasks (full, kind, seq);
    CREATE TABLE annotators (
      address TEXT PRIMARY KEY,
      reputation REAL NOT NULL DEFAULT 0.5,
      first_seen INTEGER NOT NULL
    );
    -- one row per (task, annotator) ever: that is what keeps a task from reaching the same annotator twice.
    -- Keys use the task's seq, not its random id, so a batch of consecutive tasks touches neighbouring pages.
    CREATE TABLE leases (
      task_seq INTEGER NOT NULL REFERENCES tasks(seq),
      annotator TEXT NOT NULL,
      leased_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'submitted')),
      PRIMARY KEY (task_seq, annotator)
    ) WITHOUT ROWID;
    CREATE INDEX leases_annotator ON leases (annotator, leased_at);
    -- accepted work. Rows append in seq order; the id (EIP-712 hash, 32 bytes) is the only random-order index.
    CREATE TABLE submissions (
      seq INTEGER PRIMARY KEY,
      id BLOB NOT NULL UNIQUE,
      task_seq INTEGER NOT NULL REFERENCES tasks(seq),
      task_id TEXT NOT NULL,
      project_id TEXT NOT NULL,
      annotator TEXT NOT NULL,
      nonce TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      signature TEXT NOT NULL,
      document TEXT NOT NULL,
      received_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX submissions_nonce ON submissions (annotator, nonce);
    CREATE UNIQUE INDEX submissions_task_annotator ON submissions (task_seq, annotator);
    -- the rewards ledger, one row per accepted submission: amount = base_reward * difficulty * quality;
    -- quality stays 1 until review sets it
    CREATE TABLE rewards (
      submission_seq INTEGER PRIMARY KEY REFERENCES submissions(seq),
      annotator TEXT NOT NULL,
      task_id TEXT NOT NULL,
      project_id TEXT NOT NULL,
      base_reward REAL NOT NULL,
      difficulty REAL NOT NULL,
      quality REAL NOT NULL DEFAULT 1,
      status TEXT NOT NULL DEFAULT 'pending',
      created_at INTEGER NOT NULL
    );
    CREATE INDEX rewards_annotator ON rewards (annotator, created_at);
`;
