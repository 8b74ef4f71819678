// Reviews: validators' signed verdicts, the evidence behind each wallet's reputation, and staked TAG. A review sets
// the quality of the rewards it judges (base × difficulty × quality) and pays the validator a published share.
/** Written in the SQLite dialect; migrations/index.ts translates it for PostgreSQL. */
export const REVIEWS_SQL = `
    CREATE TABLE reviews (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      task_id TEXT NOT NULL,
      reviewer TEXT NOT NULL,
      verdict TEXT NOT NULL,
      consensus_hash TEXT NOT NULL,
      submission_ids TEXT NOT NULL,
      nonce TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      signature TEXT NOT NULL,
      document TEXT,
      qualities TEXT NOT NULL,
      validator_reward REAL NOT NULL,
      received_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX reviews_nonce ON reviews (reviewer, nonce);
    CREATE INDEX reviews_task ON reviews (task_id);
    -- decayed counts of accepted and rejected work (beta reputation) and gold answers, per wallet
    CREATE TABLE reputation_evidence (
      address TEXT PRIMARY KEY,
      accepted REAL NOT NULL DEFAULT 0,
      rejected REAL NOT NULL DEFAULT 0,
      gold_correct INTEGER NOT NULL DEFAULT 0,
      gold_total INTEGER NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE stakes (
      address TEXT PRIMARY KEY,
      staked REAL NOT NULL DEFAULT 0 CHECK (staked >= 0),
      slashed REAL NOT NULL DEFAULT 0,
      updated_at INTEGER NOT NULL
    );
`;
