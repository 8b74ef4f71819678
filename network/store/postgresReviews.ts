// The PostgreSQL side of reviews (network/review/sqliteReviews.ts is the SQLite side; both apply the same rules from
// shared/agreement/reputation.ts). A review is committed in one transaction that locks its project (the budget)
// and each annotator's evidence and stake rows, so reviews arriving at several node processes add up exactly.
import type pg from 'pg';
import { NEW_REPUTATION, REVIEW_RULES, applyVerdict, reputationScore, slash, type ReputationState } from '../../shared/agreement/reputation.ts';
import { rewardMicro } from '../../shared/microTag.ts';
import { acceptedReview, alreadyJudged, type AcceptedReview, type ReviewCommit, type ReviewContext, type ReviewOutcome, type ReputationReport, type ReviewRow } from '../review/types.ts';

type Q = pg.Pool | pg.PoolClient;
const blob = (id: string) => Buffer.from(id.slice(2), 'hex');

async function task(q: Q, taskId: string, lock = false): Promise<NonNullable<ReviewContext['task']> | null> {
  const r = await q.query(`SELECT t.id, t.project_id AS "projectId", t.difficulty, p.base_reward AS "baseReward" FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [taskId]);
  return r.rows[0] ?? null;
}

export async function reviewContext(q: Q, taskId: string, submissionIds: string[]): Promise<ReviewContext> {
  const r = await q.query<{ id: string; taskId: string; annotator: string; document: string }>(`SELECT '0x' || encode(id, 'hex') AS id, task_id AS "taskId", annotator, document
    FROM submissions WHERE id = ANY($1::bytea[])`, [submissionIds.map(blob)]);
  const byId = new Map(r.rows.map((s) => [s.id, s]));
  return { task: await task(q, taskId), submissions: submissionIds.map((id) => byId.get(id.toLowerCase()) ?? null) };
}

async function evidenceOf(q: Q, address: string, lock = false): Promise<ReputationState> {
  const r = await q.query<ReputationState>(`SELECT accepted, rejected, gold_correct AS "goldCorrect", gold_total AS "goldTotal" FROM reputation_evidence WHERE address = $1${lock ? ' FOR UPDATE' : ''}`, [address]);
  return r.rows[0] ?? NEW_REPUTATION;
}

async function putStake(q: Q, address: string, staked: number, slashed: number, now: number): Promise<void> {
  await q.query(`INSERT INTO stakes (address, staked, slashed, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (address) DO UPDATE SET staked = excluded.staked, slashed = excluded.slashed, updated_at = excluded.updated_at`, [address, staked, slashed, now]);
}

export async function commitReview(c: pg.PoolClient, r: ReviewCommit, now: number): Promise<ReviewOutcome> {
  const dup = await c.query<{ validatorReward: number }>('SELECT validator_reward AS "validatorReward" FROM reviews WHERE id = $1', [r.id]);
  if (dup.rows[0]) return { id: r.id, status: 'duplicate', validatorReward: dup.rows[0].validatorReward, qualities: r.qualities };
  const reviewer = r.message.reviewer.toLowerCase();
  const t = (await task(c, r.message.taskId, true))!; // the project row lock orders reviews of one project
  // the same review may have been committed by another process while this one waited for the lock: a resend
  const after = await c.query<{ validatorReward: number }>('SELECT validator_reward AS "validatorReward" FROM reviews WHERE id = $1', [r.id]);
  if (after.rows[0]) return { id: r.id, status: 'duplicate', validatorReward: after.rows[0].validatorReward, qualities: r.qualities };
  // after the resend check: the same review committed elsewhere a moment ago holds this nonce too, and is a
  // duplicate, not a reused nonce (checked before the lock, a resend racing its original was refused as reuse)
  if ((await c.query('SELECT 1 FROM reviews WHERE reviewer = $1 AND nonce = $2', [reviewer, r.message.nonce])).rows.length) return { id: r.id, status: 'rejected', reason: 'nonce already used by this reviewer' };
  const statuses = await c.query<{ id: string; status: string }>(`SELECT '0x' || encode(s.id, 'hex') AS id, w.status FROM submissions s JOIN rewards w ON w.submission_seq = s.seq
    WHERE s.id = ANY($1::bytea[]) FOR UPDATE OF w`, [r.qualities.map((q) => blob(q.submissionId))]);
  const judged = alreadyJudged(statuses.rows.map((x) => [x.id, x.status]));
  if (judged) return { id: r.id, status: 'rejected', reason: judged };
  const budget = (await c.query<{ budget: number; spent: number }>('SELECT budget, spent FROM projects WHERE id = $1', [t.projectId])).rows[0];
  let spent = budget.spent;
  const status = r.message.verdict === 'accept' ? 'reviewed' : r.message.verdict === 'reject' ? 'rejected' : 'rework';
  // annotators in one order, so two reviews touching the same wallets wait instead of deadlocking
  for (const q of [...r.qualities].sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0))) {
    const row = (await c.query<{ seq: number; annotator: string; base: number; difficulty: number; before: number }>(`SELECT s.seq, s.annotator, r.base_reward AS base, r.difficulty, r.amount AS before
      FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.id = $1 FOR UPDATE OF r`, [blob(q.submissionId)])).rows[0];
    const after = rewardMicro(row.base, row.difficulty, q.quality);
    await c.query('UPDATE rewards SET quality = $1, amount = $5, status = $2, review_note = $4 WHERE submission_seq = $3', [q.quality, status, row.seq, r.note, after]);
    await c.query('UPDATE projects SET spent = spent + $1 WHERE id = $2', [after - row.before, t.projectId]);
    spent += after - row.before;
    if (r.message.verdict !== 'rework') {
      await c.query('INSERT INTO reputation_evidence (address, updated_at) VALUES ($1, $2) ON CONFLICT (address) DO NOTHING', [row.annotator, now]);
      const ev = applyVerdict(await evidenceOf(c, row.annotator, true), q.quality);
      await c.query('UPDATE reputation_evidence SET accepted = $2, rejected = $3, gold_correct = $4, gold_total = $5, updated_at = $6 WHERE address = $1', [row.annotator, ev.accepted, ev.rejected, ev.goldCorrect, ev.goldTotal, now]);
      await c.query('INSERT INTO annotators (address, reputation, first_seen) VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE SET reputation = excluded.reputation', [row.annotator, reputationScore(ev).score, now]);
    }
    if (r.message.verdict === 'reject') {
      const st = (await c.query<{ staked: number; slashed: number }>('SELECT staked, slashed FROM stakes WHERE address = $1 FOR UPDATE', [row.annotator])).rows[0];
      if (st && st.staked > 0) {
        const s = slash(st.staked, REVIEW_RULES.slashRejected);
        await putStake(c, row.annotator, s.stake, st.slashed + s.slashed, now);
      }
    }
  }
  // the validator's share comes from the same budget and never past it
  const validatorReward = Math.max(0, Math.min(r.validatorReward, budget.budget - spent));
  await c.query('UPDATE projects SET spent = spent + $1 WHERE id = $2', [validatorReward, t.projectId]);
  await c.query(`INSERT INTO reviews (id, task_id, reviewer, verdict, consensus_hash, submission_ids, nonce, created_at, signature, document, qualities, validator_reward, received_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [r.id, r.message.taskId, reviewer, r.message.verdict, r.message.consensusHash.toLowerCase(), JSON.stringify(r.message.submissionIds), r.message.nonce, Number(r.message.createdAt), r.signature, r.document, JSON.stringify(r.qualities), validatorReward, now]);
  return { id: r.id, status: 'accepted', validatorReward, qualities: r.qualities };
}

export async function reputationReport(q: Q, address: string): Promise<ReputationReport> {
  const a = address.toLowerCase();
  const ev = await evidenceOf(q, a);
  const st = (await q.query<{ staked: number; slashed: number }>('SELECT staked, slashed FROM stakes WHERE address = $1', [a])).rows[0] ?? { staked: 0, slashed: 0 };
  const v = (await q.query<{ total: number; count: number }>('SELECT coalesce(sum(validator_reward), 0)::bigint AS total, count(*) AS count FROM reviews WHERE reviewer = $1', [a])).rows[0];
  return { address, ...reputationScore(ev), evidence: ev, stake: st.staked, slashed: st.slashed, reviews: v.count, validatorRewards: v.total, rules: REVIEW_RULES };
}

export async function setStake(c: pg.PoolClient, address: string, staked: number, now: number): Promise<void> {
  const a = address.toLowerCase();
  const st = (await c.query<{ slashed: number }>('SELECT slashed FROM stakes WHERE address = $1 FOR UPDATE', [a])).rows[0] ?? { slashed: 0 };
  await putStake(c, a, staked, st.slashed, now);
}

const REVIEW_COLUMNS = `r.seq, r.id, r.task_id AS "taskId", t.project_id AS "projectId", r.reviewer, r.verdict, r.consensus_hash AS "consensusHash",
  r.submission_ids AS "submissionIds", r.nonce, r.created_at AS "createdAt", r.signature, r.document, r.qualities, r.validator_reward AS "validatorReward",
  p.base_reward AS "baseReward", t.difficulty FROM reviews r JOIN tasks t ON t.id = r.task_id JOIN projects p ON p.id = t.project_id`;

export async function acceptedReviews(q: Q, w: { afterSeq: number; limit: number } | { projectId: string }): Promise<AcceptedReview[]> {
  const r = 'projectId' in w
    ? await q.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} WHERE t.project_id = $1 ORDER BY r.seq`, [w.projectId])
    : await q.query<ReviewRow>(`SELECT ${REVIEW_COLUMNS} WHERE r.seq > $1 ORDER BY r.seq LIMIT $2`, [w.afterSeq, w.limit]);
  return r.rows.map(acceptedReview);
}
