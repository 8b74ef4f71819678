// The node's settlement state, in its own SQLite file (chain.sqlite beside the node store): closed epochs with
// their trees, each wallet's cumulative reward per project, which ledger rows are anchored where, and the work
// deferred until its project's escrow covers it. Only the operator process closes epochs, so it is local state.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { AcceptedWork } from '../store/NodeStore.ts';

const SCHEMA_VERSION = 1;

export interface EpochRow {
  epoch: number;
  closedAt: number;
  rules: string;
  rulesHash: string;
  anchorRoot: string;
  anchorCount: number;
  rewardRoot: string;
  /** Cumulative committed total per project key touched by the epoch, base units as decimal strings. */
  projectTotals: Record<string, string>;
  anchorTree: string;
  rewardTree: string;
  anchorTx: string | null;
  rewardTx: string | null;
  postedAt: number | null;
}

export interface NewEpoch {
  row: Omit<EpochRow, 'anchorTx' | 'rewardTx' | 'postedAt'>;
  anchored: { id: string; leafIndex: number }[];
  cumulative: { account: string; projectId: string; units: bigint }[];
  scanSeq: number;
  deferred: AcceptedWork[];
}

export class ChainState {
  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string): ChainState {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'chain.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v > SCHEMA_VERSION) {
      db.close();
      throw new Error(`${file} was written by a newer Tagger node (schema ${v}); update the node. The file was not changed.`);
    }
    if (v < 1) {
      db.transaction(() => {
        db.exec(`
          CREATE TABLE epochs (
            epoch INTEGER PRIMARY KEY, closed_at INTEGER NOT NULL, rules TEXT NOT NULL, rules_hash TEXT NOT NULL,
            anchor_root TEXT NOT NULL, anchor_count INTEGER NOT NULL, reward_root TEXT NOT NULL, project_totals TEXT NOT NULL,
            anchor_tree TEXT NOT NULL, reward_tree TEXT NOT NULL, anchor_tx TEXT, reward_tx TEXT, posted_at INTEGER
          );
          -- cumulative rewards credited by posted or built epochs, base units as decimal text (beyond 2^63)
          CREATE TABLE cumulative (account TEXT NOT NULL, project_id TEXT NOT NULL, units TEXT NOT NULL, PRIMARY KEY (account, project_id)) WITHOUT ROWID;
          CREATE TABLE anchored (id TEXT PRIMARY KEY, epoch INTEGER NOT NULL, leaf_index INTEGER NOT NULL) WITHOUT ROWID;
          -- accepted work whose project's escrow did not cover it yet; retried at every epoch
          CREATE TABLE deferred (seq INTEGER PRIMARY KEY, work TEXT NOT NULL);
          CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          INSERT INTO meta VALUES ('scan_seq', '0');
        `);
        db.pragma('user_version = 1');
      })();
    }
    return new ChainState(db);
  }

  scanSeq(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'scan_seq'").pluck().get() as string) ?? 0);
  }

  deferred(): AcceptedWork[] {
    return (this.db.prepare('SELECT work FROM deferred ORDER BY seq').pluck().all() as string[]).map((w) => JSON.parse(w));
  }

  cumulative(): { account: string; projectId: string; units: bigint }[] {
    return (this.db.prepare('SELECT account, project_id AS projectId, units FROM cumulative').all() as { account: string; projectId: string; units: string }[]).map((r) => ({ ...r, units: BigInt(r.units) }));
  }

  latest(): EpochRow | null {
    const r = this.db.prepare('SELECT * FROM epochs ORDER BY epoch DESC LIMIT 1').get();
    return r ? toRow(r) : null;
  }

  latestPosted(): EpochRow | null {
    const r = this.db.prepare('SELECT * FROM epochs WHERE posted_at IS NOT NULL ORDER BY epoch DESC LIMIT 1').get();
    return r ? toRow(r) : null;
  }

  epoch(n: number): EpochRow | null {
    const r = this.db.prepare('SELECT * FROM epochs WHERE epoch = ?').get(n);
    return r ? toRow(r) : null;
  }

  /** Short facts of every epoch (no trees), newest first. */
  summaries(limit = 100): Omit<EpochRow, 'anchorTree' | 'rewardTree' | 'rules'>[] {
    return (this.db.prepare('SELECT epoch, closed_at, rules_hash, anchor_root, anchor_count, reward_root, project_totals, anchor_tx, reward_tx, posted_at FROM epochs ORDER BY epoch DESC LIMIT ?').all(limit) as any[]).map((r) => {
      const { anchorTree: _a, rewardTree: _r, rules: _u, ...rest } = toRow({ ...r, anchor_tree: '', reward_tree: '', rules: '' });
      return rest;
    });
  }

  anchoredAt(ids: string[]): Map<string, { epoch: number; leafIndex: number }> {
    const q = this.db.prepare('SELECT epoch, leaf_index AS leafIndex FROM anchored WHERE id = ?');
    const out = new Map<string, { epoch: number; leafIndex: number }>();
    for (const id of ids) {
      const r = q.get(id) as { epoch: number; leafIndex: number } | undefined;
      if (r) out.set(id, r);
    }
    return out;
  }

  /** Records a built epoch, its anchored ids, the new cumulative totals, the scan position and what waits: one transaction. */
  saveEpoch(e: NewEpoch): void {
    const d = this.db;
    d.transaction(() => {
      const r = e.row;
      d.prepare('INSERT INTO epochs (epoch, closed_at, rules, rules_hash, anchor_root, anchor_count, reward_root, project_totals, anchor_tree, reward_tree) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(r.epoch, r.closedAt, r.rules, r.rulesHash, r.anchorRoot, r.anchorCount, r.rewardRoot, JSON.stringify(r.projectTotals), r.anchorTree, r.rewardTree);
      const anchor = d.prepare('INSERT INTO anchored (id, epoch, leaf_index) VALUES (?, ?, ?)');
      for (const a of e.anchored) anchor.run(a.id, r.epoch, a.leafIndex);
      const cum = d.prepare('INSERT INTO cumulative (account, project_id, units) VALUES (?, ?, ?) ON CONFLICT (account, project_id) DO UPDATE SET units = excluded.units');
      for (const c of e.cumulative) cum.run(c.account, c.projectId, c.units.toString());
      this.saveScan(e.scanSeq, e.deferred);
    })();
  }

  /** Moves the scan position and replaces the deferred work (also when nothing was ready to anchor). */
  saveScan(scanSeq: number, deferred: AcceptedWork[]): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE meta SET value = ? WHERE key = 'scan_seq'").run(String(scanSeq));
      this.db.prepare('DELETE FROM deferred').run();
      const ins = this.db.prepare('INSERT INTO deferred (seq, work) VALUES (?, ?)');
      for (const w of deferred) ins.run(w.seq, JSON.stringify(w));
    })();
  }

  markPosted(epoch: number, tx: { anchorTx?: string; rewardTx?: string; postedAt?: number }): void {
    if (tx.anchorTx) this.db.prepare('UPDATE epochs SET anchor_tx = ? WHERE epoch = ?').run(tx.anchorTx, epoch);
    if (tx.rewardTx) this.db.prepare('UPDATE epochs SET reward_tx = ? WHERE epoch = ?').run(tx.rewardTx, epoch);
    if (tx.postedAt) this.db.prepare('UPDATE epochs SET posted_at = ? WHERE epoch = ?').run(tx.postedAt, epoch);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toRow(r: any): EpochRow {
  return {
    epoch: r.epoch, closedAt: r.closed_at, rules: r.rules, rulesHash: r.rules_hash, anchorRoot: r.anchor_root, anchorCount: r.anchor_count,
    rewardRoot: r.reward_root, projectTotals: JSON.parse(r.project_totals), anchorTree: r.anchor_tree, rewardTree: r.reward_tree,
    anchorTx: r.anchor_tx ?? null, rewardTx: r.reward_tx ?? null, postedAt: r.posted_at ?? null,
  };
}
