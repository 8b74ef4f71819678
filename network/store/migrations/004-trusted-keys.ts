// Bundles (`tagger node import|export`): the operator's list of wallets whose signed bundles this node ingests.
/** Written in the SQLite dialect; migrations/index.ts translates it for PostgreSQL. */
export const TRUSTED_KEYS_SQL = `
    CREATE TABLE trusted_keys (
      address TEXT PRIMARY KEY,
      name TEXT NOT NULL DEFAULT '',
      added_at INTEGER NOT NULL
    );
`;
