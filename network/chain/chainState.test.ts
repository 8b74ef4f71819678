// chain.sqlite upgrades: a v1 file (before reviews were anchored) keeps its escrow-deferred work, now as items
// with their reward fixed under the v1 rules, gains the review scan and the slashes table; a newer file is refused.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagToUnits } from '../../shared/chain/rules.ts';
import { tempDir } from '../testing/nodeProcess.ts';
import { ChainState } from './chainState.ts';

describe('chain state file', () => {
  it('upgrades a v1 file without losing deferred work', () => {
    const dir = tempDir('tagger-chainstate-');
    const db = new Database(path.join(dir, 'chain.sqlite'));
    db.exec(`CREATE TABLE epochs (epoch INTEGER PRIMARY KEY, closed_at INTEGER NOT NULL, rules TEXT NOT NULL, rules_hash TEXT NOT NULL, anchor_root TEXT NOT NULL,
        anchor_count INTEGER NOT NULL, reward_root TEXT NOT NULL, project_totals TEXT NOT NULL, anchor_tree TEXT NOT NULL, reward_tree TEXT NOT NULL, anchor_tx TEXT, reward_tx TEXT, posted_at INTEGER);
      CREATE TABLE cumulative (account TEXT NOT NULL, project_id TEXT NOT NULL, units TEXT NOT NULL, PRIMARY KEY (account, project_id)) WITHOUT ROWID;
      CREATE TABLE anchored (id TEXT PRIMARY KEY, epoch INTEGER NOT NULL, leaf_index INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE deferred (seq INTEGER PRIMARY KEY, work TEXT NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('scan_seq', '7');`);
    const id = `0x${'ab'.repeat(32)}`;
    db.prepare('INSERT INTO deferred VALUES (?, ?)').run(7, JSON.stringify({ seq: 7, id, taskId: 't', projectId: 'p', annotator: '0x00000000000000000000000000000000000000aa', baseReward: 1.5, difficulty: 2, quality: 1 }));
    db.pragma('user_version = 1');
    db.close();

    const s = ChainState.open(dir);
    expect(s.deferred()).toEqual([{ kind: 'submission', seq: 7, id, projectId: 'p', account: '0x00000000000000000000000000000000000000aa', units: tagToUnits(3) }]);
    expect(s.scan()).toEqual({ submissions: 7, reviews: 0 });
    expect(s.firstSettled([id])).toEqual({ id, epoch: null });
    expect(s.pendingSlashes()).toEqual([]);
    s.close();

    const newer = new Database(path.join(dir, 'chain.sqlite'));
    newer.pragma('user_version = 9');
    newer.close();
    expect(() => ChainState.open(dir)).toThrow(/written by a newer Tagger node \(schema 9\); update the node/);
  });
});
