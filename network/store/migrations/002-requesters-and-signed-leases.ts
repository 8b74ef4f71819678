// Requesters pay for their projects: a balance the operator credits, a budget escrowed per project (rewards are
// paid from it, never beyond), the signed manifest's nonce and signature, and used lease-request nonces.
/** Written in the SQLite dialect; migrations/index.ts translates it for PostgreSQL. */
export const REQUESTERS_SQL = `
    CREATE TABLE requesters (
      address TEXT PRIMARY KEY,
      balance REAL NOT NULL DEFAULT 0 CHECK (balance >= 0),
      updated_at INTEGER NOT NULL
    );
    -- the operator's credits, kept as a log so a balance can be explained
    CREATE TABLE requester_credits (
      seq INTEGER PRIMARY KEY,
      address TEXT NOT NULL,
      amount REAL NOT NULL,
      created_at INTEGER NOT NULL
    );
    ALTER TABLE projects ADD COLUMN requester TEXT;
    ALTER TABLE projects ADD COLUMN budget REAL NOT NULL DEFAULT 0;
    ALTER TABLE projects ADD COLUMN spent REAL NOT NULL DEFAULT 0;
    ALTER TABLE projects ADD COLUMN nonce TEXT;
    ALTER TABLE projects ADD COLUMN signature TEXT;
    ALTER TABLE projects ADD COLUMN requirements TEXT NOT NULL DEFAULT '{}';
    CREATE UNIQUE INDEX projects_requester_nonce ON projects (requester, nonce);
    -- projects published before requesters existed keep paying what they promised
    UPDATE projects SET
      budget = redundancy * base_reward * (SELECT coalesce(sum(t.difficulty), 0) FROM tasks t WHERE t.project_id = projects.id),
      spent = (SELECT coalesce(sum(r.base_reward * r.difficulty * r.quality), 0) FROM rewards r WHERE r.project_id = projects.id);
    -- a signed lease request is good once: its (annotator, nonce) is kept until the request has expired anyway
    CREATE TABLE lease_nonces (
      annotator TEXT NOT NULL,
      nonce TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (annotator, nonce)
    );
    CREATE INDEX lease_nonces_expiry ON lease_nonces (expires_at);
    CREATE INDEX leases_open ON leases (annotator, status, expires_at);
    CREATE INDEX tasks_project ON tasks (project_id, seq);
`;
