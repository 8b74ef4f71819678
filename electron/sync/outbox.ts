// The outbox table and what hangs off it: signed submissions waiting for a node, the node's verdicts, the task
// status that follows a verdict, rewards, per-wallet nonces and the mapping of local tasks to a node's ids.
// A row leaves 'queued' only in recordVerdicts, i.e. after a node answered for that very id.
import type { Db } from '../store/db.ts';
import type { SubmissionItem, SubmissionState } from '../../shared/api/submissions.ts';
import type { ReviewMessage, SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import type { AnnotationDocument } from '../../shared/signing/document.ts';

/** node_url of submissions that arrived in a bundle and are someone else's: never sent or counted from here. */
export const BUNDLE_NODE_URL = 'bundle:';

export interface OutboxInsert {
  id: string;
  taskId: string;
  /** A validator's Review travels in the same outbox (kind 'review') and is sent to the node's review route. */
  kind?: 'submission' | 'review';
  message: SubmissionMessage | ReviewMessage;
  domain: TaggerDomain;
  signature: string;
  document: AnnotationDocument;
  nodeUrl: string | null;
  createdAt: number;
}

export interface QueuedItem {
  id: string;
  taskId: string;
  payloadJson: string;
  signature: string;
  documentJson: string;
  attempts: number;
}

export interface Verdict {
  id: string;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
  reward?: number;
}

export interface NodeTaskLink {
  taskId: string;
  nodeUrl: string;
  nodeTaskId: string;
  nodeProjectId: string;
}

/** Node URLs compare without a trailing slash so "http://h:1/" and "http://h:1" are one node. */
export function normalizeNodeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Next nonce for a wallet: max(last + 1, now) keeps it monotonic and fresh after a reinstall. Call in a transaction. */
  nextNonce(address: string, now: number): bigint {
    const row = this.db.prepare('SELECT last_nonce FROM wallet_nonces WHERE address = ?').get(address.toLowerCase()) as { last_nonce: number } | undefined;
    const next = Math.max((row?.last_nonce ?? 0) + 1, Math.floor(now));
    this.db.prepare('INSERT INTO wallet_nonces(address, last_nonce) VALUES (?, ?) ON CONFLICT(address) DO UPDATE SET last_nonce = excluded.last_nonce').run(address.toLowerCase(), next);
    return BigInt(next);
  }

  insert(item: OutboxInsert): void {
    const m = item.message;
    const [hash, signer] = 'reviewer' in m ? [m.consensusHash, m.reviewer] : [m.contentHash, m.annotator];
    this.db
      .prepare(`INSERT INTO submissions(id, task_id, kind, payload_json, signature, content_hash, document_json, state, annotator, node_url, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`)
      .run(item.id, item.taskId, item.kind ?? 'submission', JSON.stringify({ message: m, domain: item.domain }), item.signature, hash,
        JSON.stringify(item.document), signer, item.nodeUrl, item.createdAt);
  }

  /** Queued reviews for this node, oldest first (sent one per request to POST /v1/reviews). */
  dueReviews(nodeUrl: string, now: number, limit: number): QueuedItem[] {
    return (this.db
      .prepare(`SELECT id, task_id, payload_json, signature, document_json, attempts FROM submissions
                WHERE state = 'queued' AND kind = 'review' AND (node_url = ? OR node_url IS NULL) AND next_attempt_at <= ? ORDER BY rowid LIMIT ?`)
      .all(normalizeNodeUrl(nodeUrl), now, limit) as { id: string; task_id: string; payload_json: string; signature: string; document_json: string; attempts: number }[])
      .map((r) => ({ id: r.id, taskId: r.task_id, payloadJson: r.payload_json, signature: r.signature, documentJson: r.document_json, attempts: r.attempts }));
  }

  /** The reason or rework comment typed with a review (sent beside the signed Review so the annotators read it). */
  reviewReason(reviewId: string): string | undefined {
    return (this.db.prepare('SELECT reason FROM reviews WHERE outbox_id = ?').pluck().get(reviewId) as string | null | undefined) ?? undefined;
  }

  /** What this machine still has to send ("waiting to sync"): others' work carried in by a bundle is theirs to sync. */
  pendingCount(): number {
    return this.db.prepare("SELECT count(*) FROM submissions WHERE state = 'queued' AND (node_url IS NULL OR node_url <> ?)").pluck().get(BUNDLE_NODE_URL) as number;
  }

  /** Queued items this node should receive (its own tasks, and local ones that name no node), oldest first. */
  dueFor(nodeUrl: string, now: number, limit: number, afterRowid = 0): (QueuedItem & { rowid: number })[] {
    return this.db
      .prepare(`SELECT rowid, id, task_id, payload_json, signature, document_json, attempts FROM submissions
                WHERE state = 'queued' AND kind = 'submission' AND (node_url = ? OR node_url IS NULL) AND next_attempt_at <= ? AND rowid > ?
                ORDER BY rowid LIMIT ?`)
      .all(normalizeNodeUrl(nodeUrl), now, afterRowid, limit)
      .map((r) => {
        const row = r as { rowid: number; id: string; task_id: string; payload_json: string; signature: string; document_json: string; attempts: number };
        return { rowid: row.rowid, id: row.id, taskId: row.task_id, payloadJson: row.payload_json, signature: row.signature, documentJson: row.document_json, attempts: row.attempts };
      });
  }

  countFor(nodeUrl: string): number {
    return this.db.prepare("SELECT count(*) FROM submissions WHERE state = 'queued' AND (node_url = ? OR node_url IS NULL)").pluck().get(normalizeNodeUrl(nodeUrl)) as number;
  }

  /** Applies the node's answers in one transaction: outbox state, task status, reward. Unknown ids are ignored. */
  recordVerdicts(verdicts: Verdict[], now: number): { accepted: number; rejected: number } {
    let accepted = 0;
    let rejected = 0;
    const get = this.db.prepare("SELECT task_id, annotator FROM submissions WHERE id = ? AND state = 'queued'");
    const ok = this.db.prepare("UPDATE submissions SET state = 'accepted', reason = NULL, reward = ?, acked_at = ? WHERE id = ?");
    const bad = this.db.prepare("UPDATE submissions SET state = 'rejected', reason = ?, acked_at = ? WHERE id = ?");
    const task = this.db.prepare("UPDATE tasks SET status = ?, updated_at = ? WHERE id = ? AND status = 'submitted'");
    const reward = this.db.prepare('INSERT INTO rewards(submission_id, wallet, amount, updated_at) VALUES (?,?,?,?) ON CONFLICT(submission_id) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at');
    this.db.transaction(() => {
      for (const v of verdicts) {
        const row = get.get(v.id) as { task_id: string; annotator: string | null } | undefined;
        if (!row) continue;
        if (v.status === 'rejected') {
          bad.run(v.reason ?? 'The node rejected this submission without a reason.', now, v.id);
          task.run('rejected', now, row.task_id);
          rejected++;
        } else {
          const amount = typeof v.reward === 'number' && Number.isFinite(v.reward) ? v.reward : null;
          ok.run(amount, now, v.id);
          task.run('accepted', now, row.task_id);
          if (amount !== null && row.annotator) reward.run(v.id, row.annotator, amount, now);
          accepted++;
        }
      }
    })();
    return { accepted, rejected };
  }

  /** A failed delivery: the items stay queued, with the reason and when to try again. */
  recordFailure(ids: string[], reason: string, nextAttemptAt: number): void {
    const stmt = this.db.prepare("UPDATE submissions SET attempts = attempts + 1, reason = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'");
    this.db.transaction(() => {
      for (const id of ids) stmt.run(reason, nextAttemptAt, id);
    })();
  }

  /** Makes every queued item due now (the user asked to sync, or the node came back). */
  makeDue(): void {
    this.db.prepare("UPDATE submissions SET next_attempt_at = 0 WHERE state = 'queued' AND next_attempt_at > 0").run();
  }

  list(filter: { state?: SubmissionState[]; taskId?: string; limit?: number } = {}): SubmissionItem[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.state?.length) {
      where.push(`s.state IN (${filter.state.map(() => '?').join(',')})`);
      params.push(...filter.state);
    }
    if (filter.taskId) {
      where.push('s.task_id = ?');
      params.push(filter.taskId);
    }
    const rows = this.db
      .prepare(`SELECT s.*, a.original_name AS task_name, p.id AS project_id, p.name AS project_name,
                  rw.base AS rw_base, rw.difficulty AS rw_difficulty, rw.quality AS rw_quality, rw.status AS rw_status, rw.note AS rw_note
                FROM submissions s JOIN tasks t ON t.id = s.task_id JOIN assets a ON a.id = t.asset_id JOIN projects p ON p.id = t.project_id
                LEFT JOIN rewards rw ON rw.submission_id = s.id
                ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.created_at DESC, s.rowid DESC LIMIT ?`)
      .all(...params, filter.limit ?? 500) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string, taskId: r.task_id as string, taskName: r.task_name as string, projectId: r.project_id as string, projectName: r.project_name as string,
      annotator: (r.annotator as string | null) ?? '', state: r.state as SubmissionState, reason: (r.reason as string | null) ?? null,
      reward: (r.reward as number | null) ?? null, attempts: r.attempts as number, createdAt: r.created_at as number, ackedAt: (r.acked_at as number | null) ?? null,
      nodeUrl: (r.node_url as string | null) ?? null,
      kind: (r.kind as 'submission' | 'review' | null) ?? 'submission',
      breakdown: r.rw_base == null || r.rw_difficulty == null || r.rw_quality == null ? null
        : { base: r.rw_base as number, difficulty: r.rw_difficulty as number, quality: r.rw_quality as number, status: (r.rw_status as string | null) ?? '', note: (r.rw_note as string | null) ?? null },
    }));
  }

  counts(address: string | null): { accepted: number; rejected: number; queued: number; localTotal: number } {
    const r = this.db
      .prepare(`SELECT sum(state = 'accepted') AS a, sum(state = 'rejected') AS r, sum(state = 'queued') AS q, coalesce(sum(CASE WHEN state = 'accepted' THEN reward END), 0) AS t
                FROM submissions WHERE annotator = ? COLLATE NOCASE`)
      .get(address ?? '') as { a: number | null; r: number | null; q: number | null; t: number };
    return { accepted: r.a ?? 0, rejected: r.r ?? 0, queued: r.q ?? 0, localTotal: r.t };
  }

  /** Rewards the node reports for submissions made here (the ledger may adjust them later, e.g. after review). */
  updateRewards(address: string, items: { submissionId: string; amount: number; base?: number; difficulty?: number; quality?: number; status?: string; note?: string | null }[], now: number): void {
    const has = this.db.prepare('SELECT 1 FROM submissions WHERE id = ?');
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const put = this.db.prepare(`INSERT INTO rewards(submission_id, wallet, amount, updated_at, base, difficulty, quality, status, note) VALUES (?,?,?,?,?,?,?,?,?)
      ON CONFLICT(submission_id) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at, base = excluded.base, difficulty = excluded.difficulty,
        quality = excluded.quality, status = excluded.status, note = excluded.note`);
    const sub = this.db.prepare("UPDATE submissions SET reward = ? WHERE id = ? AND state = 'accepted'");
    this.db.transaction(() => {
      for (const it of items) {
        if (!has.get(it.submissionId) || !Number.isFinite(it.amount)) continue;
        put.run(it.submissionId, address, it.amount, now, num(it.base), num(it.difficulty), num(it.quality), typeof it.status === 'string' ? it.status.slice(0, 40) : null, typeof it.note === 'string' ? it.note.slice(0, 2000) : null);
        sub.run(it.amount, it.submissionId);
      }
    })();
  }

  linkOf(taskId: string): NodeTaskLink | null {
    const r = this.db.prepare('SELECT task_id, node_url, node_task_id, node_project_id FROM node_tasks WHERE task_id = ?').get(taskId) as
      | { task_id: string; node_url: string; node_task_id: string; node_project_id: string }
      | undefined;
    return r ? { taskId: r.task_id, nodeUrl: r.node_url, nodeTaskId: r.node_task_id, nodeProjectId: r.node_project_id } : null;
  }
}
