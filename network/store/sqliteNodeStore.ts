// The node's embedded store: one SQLite file (WAL) in the data directory. Every batch of submissions is decided
// and written in a single transaction, so a crash leaves each batch wholly stored or wholly absent.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../../shared/ids.ts';
import type { AssetKind } from '../../shared/domain.ts';
import { migrateNodeStore, NODE_SCHEMA_VERSION } from './migrations/index.ts';
import { decideSubmission } from './submissionRules.ts';
import type { AcceptedSubmission, AcceptedWork, AssetMeta, Lease, NodeStore, PublishInput, RewardsReport, SubmissionVerdict, VerifiedSubmission } from './NodeStore.ts';

const DEFAULT_REPUTATION = 0.5;
const WORK_COLUMNS = `s.seq, '0x' || lower(hex(s.id)) AS id, s.task_id AS taskId, s.project_id AS projectId, s.annotator, s.nonce,
  CAST(s.created_at AS TEXT) AS createdAt, s.content_hash AS contentHash, s.signature, r.base_reward AS baseReward, r.difficulty, r.quality`;

export function openSqliteNodeStore(dataDir: string): SqliteNodeStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'node.sqlite');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > NODE_SCHEMA_VERSION) throw new Error(`The node store ${file} was written by a newer Tagger node (schema ${version}, this one knows ${NODE_SCHEMA_VERSION}). Update the node; the file was not changed.`);
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

export class SqliteNodeStore implements NodeStore {
  readonly schemaVersion = NODE_SCHEMA_VERSION;
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertProject: db.prepare('INSERT INTO projects (id, name, schema, instructions, redundancy, base_reward, min_reputation, lease_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      upsertAsset: db.prepare('INSERT INTO assets (sha256, kind, mime) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING'),
      insertTask: db.prepare('INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) VALUES (?, ?, ?, ?, ?, ?)'),
      markStored: db.prepare('UPDATE assets SET stored = 1, size = ? WHERE sha256 = ?'),
      assetMeta: db.prepare('SELECT sha256, kind, mime, size, stored FROM assets WHERE sha256 = ?'),
      reputation: db.prepare('SELECT reputation FROM annotators WHERE address = ?').pluck(),
      setReputation: db.prepare('INSERT INTO annotators (address, reputation, first_seen) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET reputation = excluded.reputation'),
      insertAnnotator: db.prepare('INSERT INTO annotators (address, reputation, first_seen) VALUES (?, ?, ?) ON CONFLICT (address) DO NOTHING'),
      openTasks: db.prepare(`
        SELECT t.seq, t.id AS taskId, t.project_id AS projectId, t.difficulty, t.asset_name AS assetName, p.name, p.schema, p.instructions,
               p.base_reward AS baseReward, p.lease_ms AS leaseMs, a.sha256, a.kind, a.mime, a.size
        FROM tasks t JOIN projects p ON p.id = t.project_id JOIN assets a ON a.sha256 = t.asset_sha256
        WHERE t.full = 0 AND t.kind IN (SELECT value FROM json_each(?)) AND a.stored = 1 AND p.min_reputation <= ?
          AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_seq = t.seq AND l.annotator = ?)
          AND (SELECT count(*) FROM leases l WHERE l.task_seq = t.seq AND (l.status = 'submitted' OR l.expires_at > ?)) < p.redundancy
        ORDER BY t.seq LIMIT ?`),
      insertLease: db.prepare('INSERT INTO leases (task_seq, annotator, leased_at, expires_at) VALUES (?, ?, ?, ?)'),
      existingReward: db.prepare('SELECT r.base_reward * r.difficulty * r.quality FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.id = ?').pluck(),
      task: db.prepare('SELECT t.seq, t.project_id AS projectId, t.accepted, t.difficulty, p.redundancy, p.base_reward AS baseReward FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?'),
      nonceUsedBy: db.prepare("SELECT '0x' || lower(hex(id)) FROM submissions WHERE annotator = ? AND nonce = ?").pluck(),
      earlierForTask: db.prepare("SELECT '0x' || lower(hex(id)) FROM submissions WHERE task_seq = ? AND annotator = ?").pluck(),
      lease: db.prepare('SELECT expires_at AS expiresAt FROM leases WHERE task_seq = ? AND annotator = ?'),
      acceptedByNonce: db.prepare(`SELECT '0x' || lower(hex(s.id)) AS id, s.task_id AS taskId, s.project_id AS projectId, s.content_hash AS contentHash,
          CAST(s.created_at AS TEXT) AS createdAt, s.signature, s.document, r.base_reward * r.difficulty * r.quality AS reward
        FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.annotator = ? AND s.nonce = ?`),
      insertSubmission: db.prepare('INSERT INTO submissions (id, task_seq, task_id, project_id, annotator, nonce, created_at, content_hash, signature, document, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertReward: db.prepare('INSERT INTO rewards (submission_seq, annotator, task_id, project_id, base_reward, difficulty, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      leaseSubmitted: db.prepare("UPDATE leases SET status = 'submitted' WHERE task_seq = ? AND annotator = ?"),
      taskAccepted: db.prepare('UPDATE tasks SET accepted = accepted + 1, full = (accepted + 1 >= ?) WHERE seq = ?'),
      rewardsTotal: db.prepare('SELECT coalesce(sum(base_reward * difficulty * quality), 0) AS total, count(*) AS count FROM rewards WHERE annotator = ?'),
      rewardItems: db.prepare(`SELECT '0x' || lower(hex(s.id)) AS submissionId, r.task_id AS taskId, r.project_id AS projectId, r.base_reward * r.difficulty * r.quality AS amount, r.status, r.created_at AS createdAt
        FROM rewards r JOIN submissions s ON s.seq = r.submission_seq WHERE r.annotator = ? ORDER BY r.created_at DESC, r.submission_seq DESC LIMIT ?`),
      workAfter: db.prepare(`SELECT ${WORK_COLUMNS} FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.seq > ? ORDER BY s.seq LIMIT ?`),
      workOfProject: db.prepare(`SELECT ${WORK_COLUMNS}, s.document FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.project_id = ? ORDER BY s.seq`),
    };
  }

  async publishProject(input: PublishInput, now: number): Promise<{ projectId: string; tasks: number }> {
    const projectId = newId('p');
    this.db.transaction(() => {
      this.s.insertProject.run(projectId, input.name, JSON.stringify(input.schema ?? {}), input.instructions, input.redundancy, input.baseReward, input.minReputation, input.leaseMs, now);
      for (const a of input.assets) {
        this.s.upsertAsset.run(a.sha256, a.kind, a.mime);
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

  async leaseTasks(req: { annotator: string; kinds: AssetKind[]; max: number }, now: number): Promise<Lease[]> {
    const annotator = req.annotator.toLowerCase();
    return this.db.transaction(() => {
      this.s.insertAnnotator.run(annotator, DEFAULT_REPUTATION, now);
      const reputation = this.s.reputation.get(annotator) as number;
      type Row = { seq: number; taskId: string; projectId: string; difficulty: number; assetName: string; name: string; schema: string; instructions: string; baseReward: number; leaseMs: number; sha256: string; kind: AssetKind; mime: string; size: number | null };
      const rows = this.s.openTasks.all(JSON.stringify(req.kinds), reputation, annotator, now, req.max) as Row[];
      const schemas = new Map<string, unknown>();
      return rows.map((r) => {
        const expires = now + r.leaseMs;
        this.s.insertLease.run(r.seq, annotator, now, expires);
        if (!schemas.has(r.projectId)) schemas.set(r.projectId, JSON.parse(r.schema));
        return {
          taskId: r.taskId,
          projectId: r.projectId,
          project: { name: r.name, schema: schemas.get(r.projectId), instructions: r.instructions },
          asset: { sha256: r.sha256, kind: r.kind, mime: r.mime, name: r.assetName, size: r.size },
          difficulty: r.difficulty,
          baseReward: r.baseReward,
          leaseExpiresAt: expires,
        };
      });
    })();
  }

  async findAccepted(keys: { annotator: string; nonce: string }[]): Promise<(AcceptedSubmission | null)[]> {
    return keys.map((k) => (this.s.acceptedByNonce.get(k.annotator.toLowerCase(), k.nonce) as AcceptedSubmission | undefined) ?? null);
  }

  async commitSubmissions(items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]> {
    const s = this.s;
    type TaskRow = { seq: number; projectId: string; accepted: number; difficulty: number; redundancy: number; baseReward: number };
    return this.db.transaction(() =>
      items.map((it): SubmissionVerdict => {
        const m = it.message;
        const annotator = m.annotator.toLowerCase();
        const nonce = BigInt(m.nonce).toString();
        const idBytes = Buffer.from(it.id.slice(2), 'hex');
        const existingReward = (s.existingReward.get(idBytes) as number | undefined) ?? null;
        const task = existingReward === null ? ((s.task.get(m.taskId) as TaskRow | undefined) ?? null) : null;
        const decision = decideSubmission({
          now,
          message: m,
          existingReward,
          task,
          nonceUsedBy: task ? ((s.nonceUsedBy.get(annotator, nonce) as string | undefined) ?? null) : null,
          earlierForTask: task ? ((s.earlierForTask.get(task.seq, annotator) as string | undefined) ?? null) : null,
          lease: task ? ((s.lease.get(task.seq, annotator) as { expiresAt: number } | undefined) ?? null) : null,
        });
        if (decision.kind === 'duplicate') return { id: it.id, status: 'duplicate', reward: decision.reward };
        if (decision.kind === 'reject') return { id: it.id, status: 'rejected', reason: decision.reason };
        const t = task!;
        const seq = s.insertSubmission.run(idBytes, t.seq, m.taskId, m.projectId, annotator, nonce, Number(m.createdAt), m.contentHash.toLowerCase(), it.signature, it.document, now).lastInsertRowid;
        s.insertReward.run(seq, annotator, m.taskId, m.projectId, t.baseReward, t.difficulty, now);
        s.leaseSubmitted.run(t.seq, annotator);
        s.taskAccepted.run(t.redundancy, t.seq);
        return { id: it.id, status: 'accepted', reward: t.baseReward * t.difficulty };
      }),
    )();
  }

  async rewards(address: string, limit: number): Promise<RewardsReport> {
    const a = address.toLowerCase();
    const { total, count } = this.s.rewardsTotal.get(a) as { total: number; count: number };
    return { address, total, count, items: this.s.rewardItems.all(a, limit) as RewardsReport['items'] };
  }

  async acceptedWork(q: { afterSeq: number; limit: number } | { projectId: string; withDocuments: true }): Promise<AcceptedWork[]> {
    return ('projectId' in q ? this.s.workOfProject.all(q.projectId) : this.s.workAfter.all(q.afterSeq, q.limit)) as AcceptedWork[];
  }

  async setReputation(address: string, reputation: number, now: number): Promise<void> {
    if (!(reputation >= 0 && reputation <= 1)) throw new Error(`reputation must be between 0 and 1, not ${reputation}`);
    this.s.setReputation.run(address.toLowerCase(), reputation, now);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
