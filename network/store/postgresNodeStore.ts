// The node's store on PostgreSQL (`tagger node --db postgres://…`), for several node processes behind a load
// balancer. Node processes keep no state of their own: correctness comes from row locks. A lease request locks its
// annotator's row (one request per annotator at a time: caps hold, never two leases of one task to one annotator)
// and takes tasks with FOR UPDATE SKIP LOCKED, recounting their slots after the lock; a batch of submissions locks
// its annotators, tasks and projects in a fixed order and is decided and written in one transaction.
import pg from 'pg';
import { newId } from '../../shared/ids.ts';
import type { AssetKind } from '../../shared/domain.ts';
import { newerStoreError, NODE_MIGRATIONS, NODE_SCHEMA_VERSION, postgresSql } from './migrations/index.ts';
import { commitBatch } from './postgresSubmissions.ts';
import * as reviews from './postgresReviews.ts';
import * as bundles from './postgresBundles.ts';
import type { ImportedProject, ImportedProjectResult, ProjectExport, TrustedKeyRow } from './importedWork.ts';
import { postgresReviewQueue } from '../review/reviewQueue.ts';
import type { AcceptedReview, ReviewCommit, ReviewContext, ReviewOutcome, ReputationReport } from '../review/types.ts';
import { NEUTRAL_REPUTATION, type AcceptedSubmission, type AcceptedWork, type AssetMeta, type Lease, type LeaseLimits, type LeaseRequest, type LeaseResult, type NodeStore, type ProjectBudget, type PublishInput, type ReviewQueueItem, type RewardsReport, type SubmissionVerdict, type VerifiedSubmission } from './NodeStore.ts';
import { checkCredit, checkPublishAssets, insufficientBalance, leaseFromRow, replayedLease, replayedManifest, type LeaseRow } from './storeCommon.ts';
import { newcomerRoom, planLeases } from './leasePlan.ts';

// bigint columns (millisecond times, counts, micro-TAG amounts) as numbers: every value the node stores is below
// 2^53 (amounts are capped by the schema); one that is not is refused, never silently rounded
const int8 = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`PostgreSQL returned ${v}, past what the node can count exactly`);
  return n;
};
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? int8 : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

type Q = pg.PoolClient | pg.Pool;
const LIVE = "(l.status = 'submitted' OR l.expires_at > $NOW)";
const live = (sql: string, nowParam: string) => sql.split('$NOW').join(nowParam);

/** Migrates under an advisory lock, so node processes starting together upgrade the database once. */
async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock(7467616767)'); // "tagger" in a number
    await c.query('CREATE TABLE IF NOT EXISTS node_schema (version INTEGER NOT NULL)');
    const r = await c.query<{ version: number }>('SELECT version FROM node_schema');
    const current = r.rows[0]?.version ?? 0;
    if (current > NODE_SCHEMA_VERSION) throw newerStoreError(where, current, NODE_SCHEMA_VERSION);
    for (const m of NODE_MIGRATIONS) {
      if (m.version <= current) continue;
      try {
        await c.query(postgresSql(m));
      } catch (e) {
        throw new Error(`Upgrading the node store ${where} to schema ${m.version} (${m.name}) failed: ${(e as Error).message}. The database was left as it was.`);
      }
    }
    if (!r.rows.length) await c.query('INSERT INTO node_schema (version) VALUES ($1)', [NODE_SCHEMA_VERSION]);
    else await c.query('UPDATE node_schema SET version = $1', [NODE_SCHEMA_VERSION]);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export async function openPostgresNodeStore(url: string, opts: { poolSize?: number } = {}): Promise<PostgresNodeStore> {
  const where = url.replace(/:[^:@/]*@/, ':***@');
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 16, types });
  pool.on('error', (e) => process.stderr.write(`node: a PostgreSQL connection failed: ${e.message}\n`));
  try {
    await migrate(pool, where);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return new PostgresNodeStore(pool);
}

/** Unique-key violation (another process committed the same row first). */
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';
/** Serialization trouble worth one more try: a deadlock the server broke. */
const isDeadlock = (e: unknown) => (e as { code?: string }).code === '40P01';

export class PostgresNodeStore implements NodeStore {
  readonly schemaVersion = NODE_SCHEMA_VERSION;

  constructor(private readonly pool: pg.Pool) {}

  private async tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const r = await work(c);
        await c.query('COMMIT');
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        if (isDeadlock(e) && attempt < 3) continue;
        throw e;
      } finally {
        c.release();
      }
    }
  }

  async publishProject(input: PublishInput, now: number): Promise<{ projectId: string; tasks: number }> {
    const projectId = newId('p');
    try {
      await this.tx(async (c) => {
        const used = await c.query<{ id: string }>('SELECT id FROM projects WHERE requester = $1 AND nonce = $2', [input.requester, input.nonce]);
        if (used.rows.length) throw replayedManifest(input, used.rows[0].id);
        const shas = [...new Set(input.assets.map((a) => a.sha256))];
        const known = new Map((await c.query<{ sha256: string; size: number | null }>('SELECT sha256, size FROM assets WHERE sha256 = ANY($1)', [shas])).rows.map((r) => [r.sha256, r.size]));
        checkPublishAssets(input.assets, (sha) => known.get(sha) ?? null);
        const debit = await c.query('UPDATE requesters SET balance = balance - $1, updated_at = $2 WHERE address = $3 AND balance >= $1', [input.budget, now, input.requester]);
        if (debit.rowCount === 0) throw insufficientBalance(input, await this.requesterBalance(input.requester, c));
        await c.query('INSERT INTO projects (id, name, schema, instructions, requirements, redundancy, base_reward, budget, min_reputation, lease_ms, requester, nonce, signature, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
          [projectId, input.name, JSON.stringify(input.schema ?? {}), input.instructions, JSON.stringify(input.requirements), input.redundancy, input.baseReward, input.budget, input.minReputation, input.leaseMs, input.requester, input.nonce, input.signature, now]);
        const first = new Map(input.assets.map((a) => [a.sha256, a]));
        const unique = [...first.values()];
        await c.query(`INSERT INTO assets (sha256, kind, mime, size) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
          ON CONFLICT (sha256) DO UPDATE SET size = coalesce(assets.size, excluded.size)`, [unique.map((a) => a.sha256), unique.map((a) => a.kind), unique.map((a) => a.mime), unique.map((a) => a.size)]);
        await c.query(`INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) SELECT id, $1, sha, kind, name, difficulty
          FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) WITH ORDINALITY AS x(id, sha, kind, name, difficulty, n) ORDER BY n`,
          [projectId, input.assets.map(() => newId('t')), input.assets.map((a) => a.sha256), input.assets.map((a) => a.kind), input.assets.map((a) => a.name), input.assets.map((a) => a.difficulty)]);
      });
    } catch (e) {
      // another process published the same signed manifest a moment earlier
      if (isUniqueViolation(e) && /projects_requester_nonce/.test((e as Error).message)) throw replayedManifest(input, '(published concurrently)');
      throw e;
    }
    return { projectId, tasks: input.assets.length };
  }

  async markAssetsStored(assets: { sha256: string; size: number }[]): Promise<void> {
    if (!assets.length) return;
    await this.pool.query('UPDATE assets SET stored = 1, size = x.size FROM unnest($1::text[], $2::bigint[]) AS x(sha, size) WHERE assets.sha256 = x.sha', [assets.map((a) => a.sha256), assets.map((a) => a.size)]);
  }

  async assetMeta(sha256: string): Promise<AssetMeta | null> {
    const r = await this.pool.query<{ sha256: string; kind: AssetKind; mime: string; size: number | null; stored: number }>('SELECT sha256, kind, mime, size, stored FROM assets WHERE sha256 = $1', [sha256]);
    return r.rows[0] ? { ...r.rows[0], stored: r.rows[0].stored === 1 } : null;
  }

  async leaseTasks(req: LeaseRequest, limits: LeaseLimits, now: number): Promise<LeaseResult> {
    return this.tx(async (c) => {
      // expired nonces are forgotten now and then, not on every request (they are refused by their expiry anyway)
      if (Math.random() < 0.01) await c.query('DELETE FROM lease_nonces WHERE expires_at < $1', [now]);
      const nonce = await c.query('INSERT INTO lease_nonces (annotator, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [req.annotator, req.nonce, req.expiresAt]);
      if (nonce.rowCount === 0) throw replayedLease(req);
      await c.query('INSERT INTO annotators (address, reputation, first_seen) VALUES ($1, $2, $3) ON CONFLICT (address) DO NOTHING', [req.annotator, NEUTRAL_REPUTATION, now]);
      const me = await c.query<{ reputation: number }>('SELECT reputation FROM annotators WHERE address = $1 FOR UPDATE', [req.annotator]);
      const open = new Map((await c.query<{ projectId: string; n: number }>(`SELECT t.project_id AS "projectId", count(*) AS n FROM leases l JOIN tasks t ON t.seq = l.task_seq
        WHERE l.annotator = $1 AND l.status = 'active' AND l.expires_at > $2 GROUP BY t.project_id`, [req.annotator, now])).rows.map((r) => [r.projectId, r.n]));
      const projects = (await c.query<{ id: string; requirements: string }>(`SELECT p.id, p.requirements FROM projects p
        WHERE p.min_reputation <= $1 AND EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id AND t."full" = 0 AND t.kind = ANY($2)) ORDER BY p.created_at, p.id`, [me.rows[0].reputation, req.kinds])).rows;
      const asker = await this.asker(c, req.annotator);
      const plan = planLeases(req, limits, asker, open, projects);
      const schemas = new Map<string, unknown>();
      for (let step = plan.next(); ; ) {
        if (step.done) return step.value;
        const q = step.value;
        let max = q.max;
        if (q.newcomerShare !== undefined) max = Math.min(max, await this.newcomerRoom(c, q.projectId, q.newcomerShare, now));
        step = plan.next({ leases: max <= 0 ? [] : await this.leaseInProject(c, req, q.projectId, max, now, schemas), poolFull: max <= 0 });
      }
    });
  }

  /** Whether the annotator has accepted work here (a newcomer has none) and its locked stake (micro-TAG). */
  private async asker(c: pg.PoolClient, annotator: string): Promise<{ newcomer: boolean; stake: number }> {
    const r = await c.query<{ work: boolean; stake: number | null }>('SELECT EXISTS (SELECT 1 FROM submissions WHERE annotator = $1) AS work, (SELECT staked FROM stakes WHERE address = $1) AS stake', [annotator]);
    return { newcomer: !r.rows[0].work, stake: r.rows[0].stake ?? 0 };
  }

  /**
   * Room left in a project's newcomer pool. Newcomers' requests for one project take a transaction-scoped lock on
   * it first, so requests through several processes cannot all see the same room and overfill the pool.
   */
  private async newcomerRoom(c: pg.PoolClient, projectId: string, share: number, now: number): Promise<number> {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`newcomers:${projectId}`]);
    const r = await c.query<{ openSlots: number; held: number }>(`SELECT
        (SELECT coalesce(sum(p.redundancy - t.accepted), 0) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.project_id = $1 AND t."full" = 0)::bigint AS "openSlots",
        (SELECT count(*) FROM leases l JOIN tasks t ON t.seq = l.task_seq WHERE t.project_id = $1 AND l.status = 'active' AND l.expires_at > $2
          AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.annotator = l.annotator)) AS held`, [projectId, now]);
    return newcomerRoom(r.rows[0].openSlots, r.rows[0].held, share);
  }

  /**
   * Leases up to `max` open tasks of one project to the annotator (inside its lease transaction). Tasks locked by
   * other requests are skipped first (no waiting while free tasks remain); when that leaves the annotator short,
   * the locked candidates are waited for and counted again once their holders commit, so a slot is never lost to a
   * lock that is about to be released (supply equal to demand still fills every slot). A request waits only for
   * tasks above every task it holds, so waits always point up the seq order and two requests never deadlock.
   */
  private async leaseInProject(c: pg.PoolClient, req: LeaseRequest, projectId: string, max: number, now: number, schemas: Map<string, unknown>): Promise<Lease[]> {
    const taken: (LeaseRow & { redundancy: number })[] = [];
    const seen: number[] = [];
    for (let wait = false; taken.length < max; wait = true) {
      const rows = (await c.query<LeaseRow & { redundancy: number }>(live(`
        SELECT t.seq, t.id AS "taskId", t.project_id AS "projectId", t.difficulty, t.asset_name AS "assetName", p.name, p.schema, p.instructions,
               p.base_reward AS "baseReward", p.lease_ms AS "leaseMs", p.redundancy, a.sha256, a.kind, a.mime, a.size
        FROM tasks t JOIN projects p ON p.id = t.project_id JOIN assets a ON a.sha256 = t.asset_sha256
        WHERE t.project_id = $1 AND t."full" = 0 AND t.kind = ANY($2) AND a.stored = 1 AND NOT (t.seq = ANY($6::bigint[])) AND t.seq > $7
          AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.task_seq = t.seq AND l.annotator = $3 AND ${LIVE})
          AND (SELECT count(*) FROM leases l WHERE l.task_seq = t.seq AND ${LIVE}) < p.redundancy
        ORDER BY t.seq LIMIT $5 FOR UPDATE OF t${wait ? '' : ' SKIP LOCKED'}`, '$4'), [projectId, req.kinds, req.annotator, now, max - taken.length, seen, wait ? Math.max(0, ...seen) : 0])).rows;
      if (!rows.length) {
        if (wait) break;
        continue; // nothing unlocked was free: wait for the locked candidates, if any
      }
      // the filter above saw the statement's snapshot; now that the tasks are locked (every lease of a task is taken
      // under its lock), count their slots again as they are committed
      const seqs = rows.map((r) => r.seq);
      seen.push(...seqs);
      const counts = new Map((await c.query<{ seq: number; taken: number; mine: boolean }>(live(`
        SELECT l.task_seq AS seq, count(*) AS taken, bool_or(l.annotator = $2) AS mine FROM leases l
        WHERE l.task_seq = ANY($1) AND ${LIVE} GROUP BY l.task_seq`, '$3'), [seqs, req.annotator, now])).rows.map((r) => [r.seq, r]));
      taken.push(...rows.filter((r) => {
        const n = counts.get(r.seq);
        return !n || (!n.mine && n.taken < r.redundancy);
      }));
    }
    if (!taken.length) return [];
    const expires = taken.map((r) => now + Number(r.leaseMs));
    await c.query(`INSERT INTO leases (task_seq, annotator, leased_at, expires_at) SELECT seq, $2, $3, exp FROM unnest($1::bigint[], $4::bigint[]) AS x(seq, exp)
      ON CONFLICT (task_seq, annotator) DO UPDATE SET leased_at = excluded.leased_at, expires_at = excluded.expires_at, status = 'active'`, [taken.map((r) => r.seq), req.annotator, now, expires]);
    return taken.map((r, i) => leaseFromRow(r, expires[i], schemas));
  }

  async findAccepted(keys: { annotator: string; nonce: string }[]): Promise<(AcceptedSubmission | null)[]> {
    if (!keys.length) return [];
    const r = await this.pool.query<AcceptedSubmission & { annotator: string; nonce: string }>(`
      SELECT s.annotator, s.nonce, '0x' || encode(s.id, 'hex') AS id, s.task_id AS "taskId", s.project_id AS "projectId", s.content_hash AS "contentHash",
             s.created_at::text AS "createdAt", s.signature, s.document, r.amount AS reward
      FROM unnest($1::text[], $2::text[]) AS k(annotator, nonce)
      JOIN submissions s ON s.annotator = k.annotator AND s.nonce = k.nonce JOIN rewards r ON r.submission_seq = s.seq`,
      [keys.map((k) => k.annotator.toLowerCase()), keys.map((k) => k.nonce)]);
    const byKey = new Map(r.rows.map(({ annotator, nonce, ...a }) => [`${annotator}:${nonce}`, a]));
    return keys.map((k) => byKey.get(`${k.annotator.toLowerCase()}:${k.nonce}`) ?? null);
  }

  async commitSubmissions(items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]> {
    return this.tx((c) => commitBatch(c, items, now));
  }

  async rewards(address: string, limit: number): Promise<RewardsReport> {
    const a = address.toLowerCase();
    const t = await this.pool.query<{ total: number; count: number }>('SELECT coalesce(sum(amount), 0)::bigint AS total, count(*) AS count FROM rewards WHERE annotator = $1', [a]);
    const items = await this.pool.query<RewardsReport['items'][number]>(`SELECT '0x' || encode(s.id, 'hex') AS "submissionId", r.task_id AS "taskId", r.project_id AS "projectId",
        r.amount, r.base_reward AS base, r.difficulty, r.quality, r.status, r.review_note AS note, r.created_at AS "createdAt"
      FROM rewards r JOIN submissions s ON s.seq = r.submission_seq WHERE r.annotator = $1 ORDER BY r.created_at DESC, r.submission_seq DESC LIMIT $2`, [a, limit]);
    return { address, total: t.rows[0].total, count: t.rows[0].count, items: items.rows };
  }

  async acceptedWork(q: { afterSeq: number; limit: number } | { projectId: string; withDocuments: true }): Promise<AcceptedWork[]> {
    const cols = `s.seq, '0x' || encode(s.id, 'hex') AS id, s.task_id AS "taskId", s.project_id AS "projectId", s.annotator, s.nonce, s.created_at::text AS "createdAt",
      s.content_hash AS "contentHash", s.signature, r.base_reward AS "baseReward", r.difficulty, r.quality, r.amount`;
    const r = 'projectId' in q
      ? await this.pool.query<AcceptedWork>(`SELECT ${cols}, s.document FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.project_id = $1 ORDER BY s.seq`, [q.projectId])
      : await this.pool.query<AcceptedWork>(`SELECT ${cols} FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`, [q.afterSeq, q.limit]);
    return r.rows;
  }

  async reputation(address: string): Promise<number> {
    const r = await this.pool.query<{ reputation: number }>('SELECT reputation FROM annotators WHERE address = $1', [address.toLowerCase()]);
    return r.rows[0]?.reputation ?? NEUTRAL_REPUTATION;
  }

  async setReputation(address: string, reputation: number, now: number): Promise<void> {
    if (!(reputation >= 0 && reputation <= 1)) throw new Error(`reputation must be between 0 and 1, not ${reputation}`);
    await this.pool.query('INSERT INTO annotators (address, reputation, first_seen) VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE SET reputation = excluded.reputation', [address.toLowerCase(), reputation, now]);
  }

  async creditRequester(address: string, amount: number, now: number): Promise<number> {
    const a = address.toLowerCase();
    return this.tx(async (c) => {
      checkCredit(amount, await this.requesterBalance(a, c));
      const r = await c.query<{ balance: number }>(`INSERT INTO requesters (address, balance, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (address) DO UPDATE SET balance = requesters.balance + excluded.balance, updated_at = excluded.updated_at RETURNING balance`, [a, amount, now]);
      await c.query('INSERT INTO requester_credits (address, amount, created_at) VALUES ($1, $2, $3)', [a, amount, now]);
      return r.rows[0].balance;
    });
  }

  async requesterBalance(address: string, q: Q = this.pool): Promise<number> {
    const r = await q.query<{ balance: number }>('SELECT balance FROM requesters WHERE address = $1', [address.toLowerCase()]);
    return r.rows[0]?.balance ?? 0;
  }

  async projectBudget(projectId: string): Promise<ProjectBudget | null> {
    const r = await this.pool.query<ProjectBudget>('SELECT id AS "projectId", requester, budget, spent FROM projects WHERE id = $1', [projectId]);
    return r.rows[0] ?? null;
  }

  // Reviews (network/review): the PostgreSQL half lives in its own module.
  reviewContext(taskId: string, submissionIds: string[]): Promise<ReviewContext> {
    return reviews.reviewContext(this.pool, taskId, submissionIds);
  }

  async commitReview(c: ReviewCommit, now: number): Promise<ReviewOutcome> {
    try {
      return await this.tx((client) => reviews.commitReview(client, c, now));
    } catch (e) {
      // the same review committed by another process a moment earlier
      if (isUniqueViolation(e)) return this.tx((client) => reviews.commitReview(client, c, now));
      throw e;
    }
  }

  reputationReport(address: string): Promise<ReputationReport> {
    return reviews.reputationReport(this.pool, address);
  }

  reviewQueue(validator: string, max: number): Promise<ReviewQueueItem[]> {
    return postgresReviewQueue(this.pool, validator.toLowerCase(), max);
  }

  acceptedReviews(q: { afterSeq: number; limit: number } | { projectId: string }): Promise<AcceptedReview[]> {
    return reviews.acceptedReviews(this.pool, q);
  }

  setStake(address: string, staked: number, now: number): Promise<void> {
    return this.tx((c) => reviews.setStake(c, address, staked, now));
  }

  // Bundles (tagger node import|export): the PostgreSQL half lives in its own module.
  trustedKeys(): Promise<TrustedKeyRow[]> { return bundles.trustedKeys(this.pool); }
  setTrusted(address: string, name: string | null, now: number): Promise<boolean> { return bundles.setTrusted(this.pool, address, name, now); }
  importProject(p: ImportedProject, now: number): Promise<ImportedProjectResult> { return this.tx((c) => bundles.importProject(c, p, now)); }
  projectForExport(projectId: string): Promise<ProjectExport | null> { return bundles.projectForExport(this.pool, projectId); }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
