// The node's own ordered schema migrations (separate from the workstation's), recorded in user_version. Each
// runs in one transaction with its version bump; a store from a newer node is refused, never downgraded.
import type Database from 'better-sqlite3';
import { updateToVersion1 } from './001-initial.ts';

export interface NodeMigration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const NODE_MIGRATIONS: NodeMigration[] = [{ version: 1, name: 'initial', up: updateToVersion1 }];

export const NODE_SCHEMA_VERSION = NODE_MIGRATIONS[NODE_MIGRATIONS.length - 1].version;

export function migrateNodeStore(db: Database.Database, file: string, migrations = NODE_MIGRATIONS): number {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new Error(`The node store ${file} was written by a newer Tagger node (schema ${current}, this one knows ${latest}). Update the node; the file was not changed.`);
  for (const m of migrations) {
    if (m.version <= current) continue;
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      throw new Error(`Upgrading the node store ${file} to schema ${m.version} (${m.name}) failed: ${(e as Error).message}. The file was left as it was.`);
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}
