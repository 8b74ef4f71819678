// Chooses the node's store: PostgreSQL for a postgres:// URL (several node processes may share it), else the
// embedded SQLite file in the data directory.
import type { NodeStore } from './NodeStore.ts';
import { openSqliteNodeStore } from './sqliteNodeStore.ts';

export async function openNodeStore(opts: { dataDir: string; db?: string }): Promise<NodeStore> {
  if (opts.db && /^postgres(ql)?:\/\//.test(opts.db)) {
    const { openPostgresNodeStore } = await import('./postgresNodeStore.ts');
    return openPostgresNodeStore(opts.db);
  }
  if (opts.db) throw new Error(`--db must be a postgres://… URL (the default store is node.sqlite in --data), not "${opts.db.slice(0, 80)}"`);
  return openSqliteNodeStore(opts.dataDir);
}
