// The node's settlement state, in its own SQLite file (chain.sqlite beside the node store): closed epochs with
// their trees, each wallet's cumulative reward per project, which submissions and reviews are anchored where, the
// items deferred until their project's escrow covers them, and the stake slashes owed for anchored rejections.
// Only the operator process closes epochs, so it is local state.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { REWARD_RULES_V1, rewardUnits } from '../../shared/chain/rules.ts';

/**
 * One anchor leaf to be: an accepted submission (paid to its annotator) or a review (paid to its validator).
 * Its reward is fixed when it is read: the node refuses reviews of work that is anchored or being anchored.
 * (Defined here, beside the store of deferred items, so epochs.ts and this file do not import each other.)
 */
export interface SettleItem {
  kind: 'submission' | 'review';
  /** Order within its kind (the store's seq). */
  seq: number;
  id: string;
  projectId: string;
  account: string;
  units: bigint;
  /** A rejecting review: the wallets whose work it rejected (their stake is slashed once it is anchored). */
  rejects?: string[];
}

const SCHEMA_VERSION = 2;

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
  /** Stake owed for the rejections this epoch anchors: one per (rejecting review, rejected wallet). */
  slashes: { reviewId: string; account: string; leafIndex: number }[];
  cumulative: { account: string; projectId: string; units: bigint }[];
  scan: { submissions: number; reviews: number };
  deferred: SettleItem[];
}

export interface SlashRow { reviewId: string; account: string; epoch: number; leafIndex: number; tx: string | null; amount: string | null; doneAt: number | null }

const itemText = (w: SettleItem) => JSON.stringify({ ...w, units: w.units.toString() });
const itemOf = (t: string): SettleItem => {
  const o = JSON.parse(t);
  return { ...o, units: BigInt(o.units) };
};

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
    if (v < 2) {
      // v2: reviews are anchored too (their own scan and deferred items) and rejections slash stake
      db.transaction(() => {
        const old = db.prepare('SELECT work FROM deferred ORDER BY seq').pluck().all() as string[];
        db.exec(`
          DROP TABLE deferred;
          CREATE TABLE deferred (kind TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (kind, seq)) WITHOUT ROWID;
          CREATE INDEX deferred_id ON deferred (id);
          INSERT INTO meta VALUES ('review_scan_seq', '0');
          CREATE TABLE slashes (
            review_id TEXT NOT NULL, account TEXT NOT NULL, epoch INTEGER NOT NULL, leaf_index INTEGER NOT NULL,
            tx TEXT, amount TEXT, done_at INTEGER, PRIMARY KEY (review_id, account)
          ) WITHOUT ROWID;
        `);
        const ins = db.prepare("INSERT INTO deferred (kind, seq, id, item) VALUES ('submission', ?, ?, ?)");
        for (const t of old) {
          const w = JSON.parse(t);
          ins.run(w.seq, w.id, itemText({ kind: 'submission', seq: w.seq, id: w.id, projectId: w.projectId, account: w.annotator, units: rewardUnits(REWARD_RULES_V1, w) }));
        }
        db.pragma('user_version = 2');
      })();
    }
    return new ChainState(db);
  }

  /** The last submission and review seq read by an epoch. */
  scan(): { submissions: number; reviews: number } {
    const get = (key: string) => Number((this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string) ?? 0);
    return { submissions: get('scan_seq'), reviews: get('review_scan_seq') };
  }

  deferred(): SettleItem[] {
    return (this.db.prepare("SELECT item FROM deferred ORDER BY kind = 'review', seq").pluck().all() as string[]).map(itemOf);
  }

  /** Credited cumulative totals, of every wallet or of one. */
  cumulative(account?: string): { account: string; projectId: string; units: bigint }[] {
    const rows = account
      ? this.db.prepare('SELECT account, project_id AS projectId, units FROM cumulative WHERE account = ?').all(account.toLowerCase())
      : this.db.prepare('SELECT account, project_id AS projectId, units FROM cumulative').all();
    return (rows as { account: string; projectId: string; units: string }[]).map((r) => ({ ...r, units: BigInt(r.units) }));
  }

  /** The newest epoch; its trees (large) only when asked for. */
  latest(withTrees = false): EpochRow | null {
    const r = this.db.prepare(`SELECT ${cols(withTrees)} FROM epochs ORDER BY epoch DESC LIMIT 1`).get();
    return r ? toRow(r) : null;
  }

  latestPosted(): EpochRow | null {
    const r = this.db.prepare(`SELECT ${cols(false)} FROM epochs WHERE posted_at IS NOT NULL ORDER BY epoch DESC LIMIT 1`).get();
    return r ? toRow(r) : null;
  }

  epoch(n: number, withTrees = true): EpochRow | null {
    const r = this.db.prepare(`SELECT ${cols(withTrees)} FROM epochs WHERE epoch = ?`).get(n);
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

  /** The first of these ids whose reward is fixed already: anchored in an epoch, or read and waiting for its escrow. */
  firstSettled(ids: string[]): { id: string; epoch: number | null } | null {
    const anchored = this.db.prepare('SELECT epoch FROM anchored WHERE id = ?').pluck();
    const waiting = this.db.prepare('SELECT 1 FROM deferred WHERE id = ?').pluck();
    for (const id of ids) {
      const epoch = anchored.get(id) as number | undefined;
      if (epoch !== undefined) return { id, epoch };
      if (waiting.get(id)) return { id, epoch: null };
    }
    return null;
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
      const slash = d.prepare('INSERT OR IGNORE INTO slashes (review_id, account, epoch, leaf_index) VALUES (?, ?, ?, ?)');
      for (const x of e.slashes) slash.run(x.reviewId, x.account, r.epoch, x.leafIndex);
      const cum = d.prepare('INSERT INTO cumulative (account, project_id, units) VALUES (?, ?, ?) ON CONFLICT (account, project_id) DO UPDATE SET units = excluded.units');
      for (const c of e.cumulative) cum.run(c.account, c.projectId, c.units.toString());
      this.saveScan(e.scan, e.deferred);
    })();
  }

  /** Moves the scan positions and replaces the deferred items (also when nothing was ready to anchor). */
  saveScan(scan: { submissions: number; reviews: number }, deferred: SettleItem[]): void {
    this.db.transaction(() => {
      const set = this.db.prepare('UPDATE meta SET value = ? WHERE key = ?');
      set.run(String(scan.submissions), 'scan_seq');
      set.run(String(scan.reviews), 'review_scan_seq');
      this.db.prepare('DELETE FROM deferred').run();
      const ins = this.db.prepare('INSERT INTO deferred (kind, seq, id, item) VALUES (?, ?, ?, ?)');
      for (const w of deferred) ins.run(w.kind, w.seq, w.id, itemText(w));
    })();
  }

  /** Slashes owed for rejections in posted epochs and not sent yet. */
  pendingSlashes(): SlashRow[] {
    return this.db.prepare(`SELECT s.review_id AS reviewId, s.account, s.epoch, s.leaf_index AS leafIndex, s.tx, s.amount, s.done_at AS doneAt
      FROM slashes s JOIN epochs e ON e.epoch = s.epoch WHERE s.done_at IS NULL AND e.posted_at IS NOT NULL ORDER BY s.epoch, s.review_id, s.account`).all() as SlashRow[];
  }

  slashes(account?: string): SlashRow[] {
    return this.db.prepare(`SELECT review_id AS reviewId, account, epoch, leaf_index AS leafIndex, tx, amount, done_at AS doneAt FROM slashes
      ${account ? 'WHERE account = ?' : ''} ORDER BY epoch, review_id`).all(...(account ? [account.toLowerCase()] : [])) as SlashRow[];
  }

  markSlashed(reviewId: string, account: string, done: { tx: string | null; amount: bigint; at: number }): void {
    this.db.prepare('UPDATE slashes SET tx = ?, amount = ?, done_at = ? WHERE review_id = ? AND account = ?').run(done.tx, done.amount.toString(), done.at, reviewId, account);
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

/** Epoch columns; without the trees they come back as empty strings. */
const cols = (withTrees: boolean) => `epoch, closed_at, rules, rules_hash, anchor_root, anchor_count, reward_root, project_totals, anchor_tx, reward_tx, posted_at, ${withTrees ? 'anchor_tree, reward_tree' : "'' AS anchor_tree, '' AS reward_tree"}`;

function toRow(r: any): EpochRow {
  return {
    epoch: r.epoch, closedAt: r.closed_at, rules: r.rules, rulesHash: r.rules_hash, anchorRoot: r.anchor_root, anchorCount: r.anchor_count,
    rewardRoot: r.reward_root, projectTotals: JSON.parse(r.project_totals), anchorTree: r.anchor_tree, rewardTree: r.reward_tree,
    anchorTx: r.anchor_tx ?? null, rewardTx: r.reward_tx ?? null, postedAt: r.posted_at ?? null,
  };
}
