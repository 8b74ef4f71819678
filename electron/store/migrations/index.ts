// Ordered registry of schema migrations. Each runs in one transaction with its user_version bump, so a migration
// that fails leaves the file exactly as it was. A database from a newer Tagger is refused, never downgraded.
import type Database from 'better-sqlite3';
import { TaggerError } from '../../../shared/errors.ts';
import { updateToVersion1 } from './001-initial.ts';
import { updateToVersion2 } from './002-object-indexes.ts';
import { updateToVersion4 } from './004-audio-peaks.ts';
import { updateToVersion6 } from './006-network-sync.ts';
import { updateToVersion7 } from './007-review-versions.ts';
import { updateToVersion8 } from './008-bundles.ts';
import { updateToVersion9 } from './009-version-meta.ts';
import { updateToVersion10 } from './010-reward-breakdown.ts';
import { updateToVersion11 } from './011-review-notes.ts';
import { updateToVersion12 } from './012-applied-edits.ts';
import { updateToVersion13 } from './013-task-source-ref.ts';
import { updateToVersion14 } from './014-task-source.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

// Versions 3 and 5 were reserved for features that did not need tables and are skipped for good: migrate() only
// runs versions above a file's current one, so a new migration always takes the next number after the last.
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', up: updateToVersion1 },
  { version: 2, name: 'object-indexes', up: updateToVersion2 },
  { version: 4, name: 'audio-peaks', up: updateToVersion4 },
  { version: 6, name: 'network-sync', up: updateToVersion6 },
  { version: 7, name: 'review-versions', up: updateToVersion7 },
  { version: 8, name: 'bundles', up: updateToVersion8 },
  { version: 9, name: 'version-meta', up: updateToVersion9 },
  { version: 10, name: 'reward-breakdown', up: updateToVersion10 },
  { version: 11, name: 'review-notes', up: updateToVersion11 },
  { version: 12, name: 'applied-edits', up: updateToVersion12 },
  { version: 13, name: 'task-source-ref', up: updateToVersion13 },
  { version: 14, name: 'task-source', up: updateToVersion14 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function migrate(db: Database.Database, opts: { file?: string; targetVersion?: number; migrations?: Migration[] } = {}): number {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = opts.targetVersion ?? latest;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest)
    throw new TaggerError('db_too_new', `The database ${opts.file ?? ''} was written by a newer Tagger Workstation (schema ${current}, this one knows ${latest}). Update the app; the file was not changed.`.replace('  ', ' '));
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    const run = db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      run();
    } catch (e) {
      throw new TaggerError('db_corrupt', `Upgrading the database to schema ${m.version} (${m.name}) failed: ${(e as Error).message}. The file was left as it was.`);
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}
