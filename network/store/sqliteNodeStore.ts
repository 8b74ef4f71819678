// The node's embedded store: one SQLite file (WAL) in the data directory. Every batch of submissions is decided
// and written in a single transaction, so a crash leaves each batch wholly stored or wholly absent. SQLite has
// one writer at a time, so the transactions here are the row locks the PostgreSQL store takes explicitly.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../../shared/ids.ts';
import type { AssetKind } from '../../shared/domain.ts';
import { migrateNodeStore, newerStoreError, NODE_SCHEMA_VERSION } from './migrations/index.ts';
import { decideSubmission } from './submissionRules.ts';
import { rewardMicro } from '../../shared/microTag.ts';
import { NEUTRAL_REPUTATION, type AcceptedSubmission, type AcceptedWork, type AssetMeta, type LeaseLimits, type LeaseRequest, type LeaseResult, type NodeStore, type ProjectBudget, type PublishInput, type ReviewQueueItem, type RewardsReport, type SubmissionVerdict, type VerifiedSubmission } from './NodeStore.ts';
import { SqliteReviews } from '../review/sqliteReviews.ts';
import { SqliteBundles } from './sqliteBundles.ts';
import type { ImportedProject, ImportedProjectResult, ProjectExport, TrustedKeyRow } from './importedWork.ts';
import { sqliteReviewQueue } from '../review/reviewQueue.ts';
import type { AcceptedReview, ReviewCommit, ReviewContext, ReviewOutcome, ReputationReport } from '../review/types.ts';
import { checkCredit, checkPublishAssets, insufficientBalance, safeMicro, leaseFromRow, replayedLease, replayedManifest, type LeaseRow } from './storeCommon.ts';
import { newcomerRoom, planLeases } from './leasePlan.ts';
const WORK_COLUMNS = `s.seq, '0x' || lower(hex(s.id)) AS id, s.task_id AS taskId, s.project_id AS projectId, s.annotator, s.nonce,
  CAST(s.created_at AS TEXT) AS createdAt, s.content_hash AS contentHash, s.signature, r.base_reward AS baseReward, r.difficulty, r.quality, r.amount`;

export function openSqliteNodeStore(dataDir: string): SqliteNodeStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'node.sqlite');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > NODE_SCHEMA_VERSION) throw newerStoreError(file, version, NODE_SCHEMA_VERSION);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL: a committed batch survives a process crash; only an OS crash could lose the last ones
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // random-order keys (submission ids) touch many pages per batch: keep them in memory and checkpoint the WAL
    // less often, so a page changed by several batches is written to the main file once
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 8000');
    migrateNodeStore(db, file);
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new Error(`The node store ${file} is damaged or not a node store (${code}). Move it aside or restore a backup; it was not changed.`);
    throw e;
  }
  return new SqliteNodeStore(db);
}

const LIVE = "(l.status = 'submitted' OR l.expires_at > ?)";

export class SqliteNodeStore implements NodeStore {
  readonly schemaVersion = NODE_SCHEMA_VERSION;
  private readonly s;
  private readonly reviews: SqliteReviews;
  private readonly bundles: SqliteBundles;

  constructor(private readonly db: Database.Database) {
    this.reviews = new SqliteReviews(db);
    this.bundles = new SqliteBundles(db);
    this.s = {
      insertProject: db.prepare('INSERT INTO projects (id, name, schema, instructions, requirements, redundancy, base_reward, budget, min_reputation, lease_ms, requester, nonce, signature, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      manifestUsed: db.prepare('SELECT id FROM projects WHERE requester = ? AND nonce = ?').pluck(),
      debit: db.prepare('UPDATE requesters SET balance = balance - ?, updated_at = ? WHERE address = ? AND balance >= ?'),
      balance: db.prepare('SELECT balance FROM requesters WHERE address = ?').pluck(),
      credit: db.prepare('INSERT INTO requesters (address, balance, updated_at) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET balance = balance + excluded.balance, updated_at = excluded.updated_at'),
      creditLog: db.prepare('INSERT INTO requester_credits (address, amount, created_at) VALUES (?, ?, ?)'),
      assetSize: db.prepare('SELECT size FROM assets WHERE sha256 = ?').pluck(),
      upsertAsset: db.prepare('INSERT INTO assets (sha256, kind, mime, size) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET size = coalesce(assets.size, excluded.size)'),
      insertTask: db.prepare('INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) VALUES (?, ?, ?, ?, ?, ?)'),
      markStored: db.prepare('UPDATE assets SET stored = 1, size = ? WHERE sha256 = ?'),
      assetMeta: db.prepare('SELECT sha256, kind, mime, size, stored FROM assets WHERE sha256 = ?'),
      reputation: db.prepare('SELECT reputation FROM annotators WHERE address = ?').pluck(),
      setReputation: db.prepare('INSERT INTO annotators (address, reputation, first_seen) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET reputation = excluded.reputation'),
      insertAnnotator: db.prepare('INSERT INTO annotators (address, reputation, first_seen) VALUES (?, ?, ?) ON CONFLICT (address) DO NOTHING'),
      useLeaseNonce: db.prepare('INSERT INTO lease_nonces (annotator, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      forgetLeaseNonces: db.prepare('DELETE FROM lease_nonces WHERE expires_at < ?'),
      openLeases: db.prepare("SELECT t.project_id AS projectId, count(*) AS n FROM leases l JOIN tasks t ON t.seq = l.task_seq WHERE l.annotator = ? AND l.status = 'active' AND l.expires_at > ? GROUP BY t.project_id"),
      openProjects: db.prepare(`SELECT p.id, p.requirements, p.redundancy FROM projects p
        WHERE p.min_reputation <= ? AND EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id AND t.full = 0 AND t.kind IN (SELECT value FROM json_each(?)))
        ORDER BY p.created_at, p.id`),
      openTasks: db.prepare(`
        SELECT t.seq, t.id AS taskId, t.project_id AS projectId, t.difficulty, t.asset_name AS assetName, p.name, p.schema, p.instructions,
               p.base_reward AS baseReward, p.lease_ms AS leaseMs, a.sha256, a.kind, a.mime, a.size
        FROM tasks t JOIN projects p ON p.id = t.project_id JOIN assets a ON a.sha256 = t.asset_sha256
        WHERE t.project_id = ? AND t.full = 0 AND t.kind IN (SELECT value FROM json_each(?)) AND a.stored = 1
          AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_seq = t.seq AND l.annotator = ? AND ${LIVE})
          AND (SELECT count(*) FROM leases l WHERE l.task_seq = t.seq AND ${LIVE}) < p.redundancy
        ORDER BY t.seq LIMIT ?`),
      newcomerPool: db.prepare(`SELECT (SELECT coalesce(sum(p.redundancy - t.accepted), 0) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.project_id = ? AND t.full = 0) AS openSlots,
        (SELECT count(*) FROM leases l JOIN tasks t ON t.seq = l.task_seq WHERE t.project_id = ? AND l.status = 'active' AND l.expires_at > ?
          AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.annotator = l.annotator)) AS held`),
      hasWork: db.prepare('SELECT 1 FROM submissions WHERE annotator = ? LIMIT 1').pluck(),
      stakeOf: db.prepare('SELECT staked FROM stakes WHERE address = ?').pluck(),
      upsertLease: db.prepare("INSERT INTO leases (task_seq, annotator, leased_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_seq, annotator) DO UPDATE SET leased_at = excluded.leased_at, expires_at = excluded.expires_at, status = 'active'"),
      existingReward: db.prepare('SELECT r.amount FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.id = ?').pluck(),
      task: db.prepare('SELECT t.seq, t.project_id AS projectId, t.accepted, t.difficulty, p.redundancy, p.base_reward AS baseReward, p.budget - p.spent AS budgetLeft FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?'),
      nonceUsedBy: db.prepare("SELECT '0x' || lower(hex(id)) FROM submissions WHERE annotator = ? AND nonce = ?").pluck(),
      earlierForTask: db.prepare("SELECT '0x' || lower(hex(id)) FROM submissions WHERE task_seq = ? AND annotator = ?").pluck(),
      lease: db.prepare('SELECT expires_at AS expiresAt FROM leases WHERE task_seq = ? AND annotator = ?'),
      liveOthers: db.prepare("SELECT count(*) FROM leases WHERE task_seq = ? AND annotator <> ? AND status = 'active' AND expires_at > ?").pluck(),
      acceptedByNonce: db.prepare(`SELECT '0x' || lower(hex(s.id)) AS id, s.task_id AS taskId, s.project_id AS projectId, s.content_hash AS contentHash,
          CAST(s.created_at AS TEXT) AS createdAt, s.signature, s.document, r.amount AS reward
        FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.annotator = ? AND s.nonce = ?`),
      insertSubmission: db.prepare('INSERT INTO submissions (id, task_seq, task_id, project_id, annotator, nonce, created_at, content_hash, signature, document, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertReward: db.prepare('INSERT INTO rewards (submission_seq, annotator, task_id, project_id, base_reward, difficulty, amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      spend: db.prepare('UPDATE projects SET spent = spent + ? WHERE id = ?'),
      leaseSubmitted: db.prepare("UPDATE leases SET status = 'submitted' WHERE task_seq = ? AND annotator = ?"),
      taskAccepted: db.prepare('UPDATE tasks SET accepted = accepted + 1, full = (accepted + 1 >= ?) WHERE seq = ?'),
      rewardsTotal: db.prepare('SELECT coalesce(sum(amount), 0) AS total, count(*) AS count FROM rewards WHERE annotator = ?').safeIntegers(),
      rewardItems: db.prepare(`SELECT '0x' || lower(hex(s.id)) AS submissionId, r.task_id AS taskId, r.project_id AS projectId, r.amount, r.base_reward AS base, r.difficulty, r.quality, r.status, r.review_note AS note, r.created_at AS createdAt
        FROM rewards r JOIN submissions s ON s.seq = r.submission_seq WHERE r.annotator = ? ORDER BY r.created_at DESC, r.submission_seq DESC LIMIT ?`),
      projectBudget: db.prepare('SELECT id AS projectId, requester, budget, spent FROM projects WHERE id = ?'),
      workAfter: db.prepare(`SELECT ${WORK_COLUMNS} FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.seq > ? ORDER BY s.seq LIMIT ?`),
      workOfProject: db.prepare(`SELECT ${WORK_COLUMNS}, s.document FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.project_id = ? ORDER BY s.seq`),
    };
  }

  async publishProject(input: PublishInput, now: number): Promise<{ projectId: string; tasks: number }> {
    const projectId = newId('p');
    this.db.transaction(() => {
      const used = this.s.manifestUsed.get(input.requester, input.nonce) as string | undefined;
      if (used) throw replayedManifest(input, used);
      checkPublishAssets(input.assets, (sha) => (this.s.assetSize.get(sha) as number | null | undefined) ?? null);
      if (this.s.debit.run(input.budget, now, input.requester, input.budget).changes === 0) throw insufficientBalance(input, (this.s.balance.get(input.requester) as number | undefined) ?? 0);
      this.s.insertProject.run(projectId, input.name, JSON.stringify(input.schema ?? {}), input.instructions, JSON.stringify(input.requirements), input.redundancy, input.baseReward, input.budget, input.minReputation, input.leaseMs, input.requester, input.nonce, input.signature, now);
      for (const a of input.assets) {
        this.s.upsertAsset.run(a.sha256, a.kind, a.mime, a.size);
        this.s.insertTask.run(newId('t'), projectId, a.sha256, a.kind, a.name, a.difficulty);
      }
    })();
    return { projectId, tasks: input.assets.length };
  }

  async markAssetsStored(assets: { sha256: string; size: number }[]): Promise<void> {
    this.db.transaction(() => {
      for (const a of assets) this.s.markStored.run(a.size, a.sha256);
    })();
  }

  async assetMeta(sha256: string): Promise<AssetMeta | null> {
    const r = this.s.assetMeta.get(sha256) as { sha256: string; kind: AssetKind; mime: string; size: number | null; stored: number } | undefined;
    return r ? { ...r, stored: r.stored === 1 } : null;
  }

  async leaseTasks(req: LeaseRequest, limits: LeaseLimits, now: number): Promise<LeaseResult> {
    const s = this.s;
    return this.db.transaction((): LeaseResult => {
      s.forgetLeaseNonces.run(now);
      if (s.useLeaseNonce.run(req.annotator, req.nonce, req.expiresAt).changes === 0) throw replayedLease(req);
      s.insertAnnotator.run(req.annotator, NEUTRAL_REPUTATION, now);
      const reputation = s.reputation.get(req.annotator) as number;
      const open = new Map((s.openLeases.all(req.annotator, now) as { projectId: string; n: number }[]).map((r) => [r.projectId, r.n]));
      const kinds = JSON.stringify(req.kinds);
      const asker = { newcomer: !s.hasWork.get(req.annotator), stake: (s.stakeOf.get(req.annotator) as number | undefined) ?? 0 };
      const plan = planLeases(req, limits, asker, open, s.openProjects.all(reputation, kinds) as { id: string; requirements: string }[]);
      const schemas = new Map<string, unknown>();
      for (let step = plan.next(); ; ) {
        if (step.done) return step.value;
        const q = step.value;
        let max = q.max;
        if (q.newcomerShare !== undefined) {
          const pool = s.newcomerPool.get(q.projectId, q.projectId, now) as { openSlots: number; held: number };
          max = Math.min(max, newcomerRoom(pool.openSlots, pool.held, q.newcomerShare));
        }
        const leased = max <= 0 ? [] : (s.openTasks.all(q.projectId, kinds, req.annotator, now, now, max) as LeaseRow[]).map((r) => {
          const expires = now + r.leaseMs;
          s.upsertLease.run(r.seq, req.annotator, now, expires);
          return leaseFromRow(r, expires, schemas);
        });
        step = plan.next({ leases: leased, poolFull: max <= 0 });
      }
    })();
  }

  async findAccepted(keys: { annotator: string; nonce: string }[]): Promise<(AcceptedSubmission | null)[]> {
    return keys.map((k) => (this.s.acceptedByNonce.get(k.annotator.toLowerCase(), k.nonce) as AcceptedSubmission | undefined) ?? null);
  }

  async commitSubmissions(items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]> {
    const s = this.s;
    type TaskRow = { seq: number; projectId: string; accepted: number; difficulty: number; redundancy: number; baseReward: number; budgetLeft: number };
    return this.db.transaction(() =>
      items.map((it): SubmissionVerdict => {
        const m = it.message;
        const annotator = m.annotator.toLowerCase();
        const nonce = BigInt(m.nonce).toString();
        const idBytes = Buffer.from(it.id.slice(2), 'hex');
        const existingReward = (s.existingReward.get(idBytes) as number | undefined) ?? null;
        const t = existingReward === null ? ((s.task.get(m.taskId) as TaskRow | undefined) ?? null) : null;
        const decision = decideSubmission({
          now,
          message: m,
          existingReward,
          task: t && { ...t, reward: rewardMicro(t.baseReward, t.difficulty) },
          nonceUsedBy: t ? ((s.nonceUsedBy.get(annotator, nonce) as string | undefined) ?? null) : null,
          earlierForTask: t ? ((s.earlierForTask.get(t.seq, annotator) as string | undefined) ?? null) : null,
          lease: t ? ((s.lease.get(t.seq, annotator) as { expiresAt: number } | undefined) ?? null) : null,
          liveOthers: t ? (s.liveOthers.get(t.seq, annotator, now) as number) : 0,
        });
        if (decision.kind === 'duplicate') return { id: it.id, status: 'duplicate', reward: decision.reward };
        if (decision.kind === 'reject') return { id: it.id, status: 'rejected', reason: decision.reason };
        const task = t!;
        const reward = rewardMicro(task.baseReward, task.difficulty);
        const seq = s.insertSubmission.run(idBytes, task.seq, m.taskId, m.projectId, annotator, nonce, Number(m.createdAt), m.contentHash.toLowerCase(), it.signature, it.document, now).lastInsertRowid;
        s.insertReward.run(seq, annotator, m.taskId, m.projectId, task.baseReward, task.difficulty, reward, now);
        s.spend.run(reward, task.projectId);
        s.leaseSubmitted.run(task.seq, annotator);
        s.taskAccepted.run(task.redundancy, task.seq);
        return { id: it.id, status: 'accepted', reward };
      }),
    )();
  }

  async rewards(address: string, limit: number): Promise<RewardsReport> {
    const a = address.toLowerCase();
    const { total, count } = this.s.rewardsTotal.get(a) as { total: bigint; count: bigint };
    return { address, total: safeMicro(total), count: Number(count), items: this.s.rewardItems.all(a, limit) as RewardsReport['items'] };
  }

  async acceptedWork(q: { afterSeq: number; limit: number } | { projectId: string; withDocuments: true }): Promise<AcceptedWork[]> {
    return ('projectId' in q ? this.s.workOfProject.all(q.projectId) : this.s.workAfter.all(q.afterSeq, q.limit)) as AcceptedWork[];
  }

  async reputation(address: string): Promise<number> {
    return (this.s.reputation.get(address.toLowerCase()) as number | undefined) ?? NEUTRAL_REPUTATION;
  }

  async setReputation(address: string, reputation: number, now: number): Promise<void> {
    if (!(reputation >= 0 && reputation <= 1)) throw new Error(`reputation must be between 0 and 1, not ${reputation}`);
    this.s.setReputation.run(address.toLowerCase(), reputation, now);
  }

  async creditRequester(address: string, amount: number, now: number): Promise<number> {
    const a = address.toLowerCase();
    checkCredit(amount, (this.s.balance.get(a) as number | undefined) ?? 0);
    return this.db.transaction(() => {
      this.s.credit.run(a, amount, now);
      this.s.creditLog.run(a, amount, now);
      return this.s.balance.get(a) as number;
    })();
  }

  async requesterBalance(address: string): Promise<number> {
    return (this.s.balance.get(address.toLowerCase()) as number | undefined) ?? 0;
  }

  async projectBudget(projectId: string): Promise<ProjectBudget | null> {
    return (this.s.projectBudget.get(projectId) as ProjectBudget | undefined) ?? null;
  }

  // Reviews (network/review): the store half lives in its own module.
  async reviewContext(taskId: string, submissionIds: string[]): Promise<ReviewContext> { return this.reviews.context(taskId, submissionIds); }
  async commitReview(c: ReviewCommit, now: number): Promise<ReviewOutcome> { return this.reviews.commit(c, now); }
  async reputationReport(address: string): Promise<ReputationReport> { return this.reviews.reputation(address); }
  async acceptedReviews(q: { afterSeq: number; limit: number } | { projectId: string }): Promise<AcceptedReview[]> { return this.reviews.accepted(q); }
  async setStake(address: string, staked: number, now: number): Promise<void> { this.reviews.setStake(address, staked, now); }
  async reviewQueue(validator: string, max: number): Promise<ReviewQueueItem[]> { return sqliteReviewQueue(this.db, validator.toLowerCase(), max); }

  // Bundles (tagger node import|export): the store half lives in its own module.
  async trustedKeys(): Promise<TrustedKeyRow[]> { return this.bundles.trustedKeys(); }
  async setTrusted(address: string, name: string | null, now: number): Promise<boolean> { return this.bundles.setTrusted(address, name, now); }
  async importProject(p: ImportedProject, now: number): Promise<ImportedProjectResult> { return this.bundles.importProject(p, now); }
  async projectForExport(projectId: string): Promise<ProjectExport | null> { return this.bundles.projectForExport(projectId); }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
