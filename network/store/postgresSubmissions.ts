// One batch of verified submissions on PostgreSQL, decided and written in the caller's transaction. Locks are taken
// in one order by every batch — annotators, then tasks by seq, then projects by id — so batches from several node
// processes wait for each other instead of deadlocking, and every fact the rules read is current under its lock.
import type pg from 'pg';
import { decideSubmission } from './submissionRules.ts';
import { rewardMicro } from '../../shared/microTag.ts';
import type { SubmissionVerdict, VerifiedSubmission } from './NodeStore.ts';

type TaskRow = { seq: number; id: string; projectId: string; accepted: number; difficulty: number; redundancy: number; baseReward: number };
type LeaseRow = { seq: number; annotator: string; expiresAt: number; status: string };

export async function commitBatch(c: pg.PoolClient, items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]> {
  if (!items.length) return [];
  const who = items.map((it) => it.message.annotator.toLowerCase());
  await c.query('SELECT 1 FROM annotators WHERE address = ANY($1) ORDER BY address FOR UPDATE', [[...new Set(who)]]);
  const tasks = new Map((await c.query<TaskRow>(`SELECT t.seq, t.id, t.project_id AS "projectId", t.accepted, t.difficulty, p.redundancy, p.base_reward AS "baseReward"
    FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ANY($1) ORDER BY t.seq FOR UPDATE OF t`, [[...new Set(items.map((it) => it.message.taskId))]])).rows.map((t) => [t.id, t]));
  const projectIds = [...new Set([...tasks.values()].map((t) => t.projectId))].sort();
  const budgetLeft = new Map((await c.query<{ id: string; left: number }>('SELECT id, budget - spent AS left FROM projects WHERE id = ANY($1) ORDER BY id FOR UPDATE', [projectIds])).rows.map((p) => [p.id, p.left]));
  const ids = items.map((it) => Buffer.from(it.id.slice(2), 'hex'));
  const existing = new Map((await c.query<{ id: string; reward: number }>(`SELECT '0x' || encode(s.id, 'hex') AS id, r.amount AS reward
    FROM submissions s JOIN rewards r ON r.submission_seq = s.seq WHERE s.id = ANY($1::bytea[])`, [ids])).rows.map((r) => [r.id, r.reward]));
  const nonces = items.map((it) => BigInt(it.message.nonce).toString());
  const nonceUsedBy = new Map((await c.query<{ k: string; id: string }>(`SELECT s.annotator || ':' || s.nonce AS k, '0x' || encode(s.id, 'hex') AS id
    FROM unnest($1::text[], $2::text[]) AS x(a, n) JOIN submissions s ON s.annotator = x.a AND s.nonce = x.n`, [who, nonces])).rows.map((r) => [r.k, r.id]));
  const seqs = [...tasks.values()].map((t) => t.seq);
  const earlier = new Map((await c.query<{ k: string; id: string }>(`SELECT s.task_seq || ':' || s.annotator AS k, '0x' || encode(s.id, 'hex') AS id
    FROM submissions s WHERE s.task_seq = ANY($1) AND s.annotator = ANY($2)`, [seqs, [...new Set(who)]])).rows.map((r) => [r.k, r.id]));
  const leases = (await c.query<LeaseRow>('SELECT task_seq AS seq, annotator, expires_at AS "expiresAt", status FROM leases WHERE task_seq = ANY($1)', [seqs])).rows;
  const leaseOf = new Map(leases.map((l) => [`${l.seq}:${l.annotator}`, l]));

  const accepted: { it: VerifiedSubmission; idBytes: Buffer; annotator: string; nonce: string; task: TaskRow; reward: number }[] = [];
  const verdicts = items.map((it, i): SubmissionVerdict => {
    const m = it.message;
    const annotator = who[i];
    const existingReward = existing.get(it.id) ?? null;
    const t = existingReward === null ? (tasks.get(m.taskId) ?? null) : null;
    const lease = t ? (leaseOf.get(`${t.seq}:${annotator}`) ?? null) : null;
    const decision = decideSubmission({
      now,
      message: m,
      existingReward,
      task: t && { ...t, reward: rewardMicro(t.baseReward, t.difficulty), budgetLeft: budgetLeft.get(t.projectId) ?? 0 },
      nonceUsedBy: t ? (nonceUsedBy.get(`${annotator}:${nonces[i]}`) ?? null) : null,
      earlierForTask: t ? (earlier.get(`${t.seq}:${annotator}`) ?? null) : null,
      lease,
      liveOthers: t ? leases.filter((l) => l.seq === t.seq && l.annotator !== annotator && l.status === 'active' && l.expiresAt > now).length : 0,
    });
    if (decision.kind === 'duplicate') return { id: it.id, status: 'duplicate', reward: decision.reward };
    if (decision.kind === 'reject') return { id: it.id, status: 'rejected', reason: decision.reason };
    // what later items of this batch must see: exactly what the SQLite store's in-transaction reads would
    const task = t!;
    const reward = rewardMicro(task.baseReward, task.difficulty);
    existing.set(it.id, reward);
    nonceUsedBy.set(`${annotator}:${nonces[i]}`, it.id);
    earlier.set(`${task.seq}:${annotator}`, it.id);
    lease!.status = 'submitted';
    task.accepted++;
    budgetLeft.set(task.projectId, (budgetLeft.get(task.projectId) ?? 0) - reward);
    accepted.push({ it, idBytes: ids[i], annotator, nonce: nonces[i], task, reward });
    return { id: it.id, status: 'accepted', reward };
  });
  if (accepted.length) await write(c, accepted, now);
  return verdicts;
}

async function write(c: pg.PoolClient, accepted: { it: VerifiedSubmission; idBytes: Buffer; annotator: string; nonce: string; task: TaskRow; reward: number }[], now: number): Promise<void> {
  const col = <T>(f: (a: (typeof accepted)[number]) => T) => accepted.map(f);
  const inserted = await c.query<{ seq: number; id: string }>(`INSERT INTO submissions (id, task_seq, task_id, project_id, annotator, nonce, created_at, content_hash, signature, document, received_at)
    SELECT id, seq, tid, pid, a, n, ca, ch, sig, doc, $11 FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[]) WITH ORDINALITY
      AS x(id, seq, tid, pid, a, n, ca, ch, sig, doc, o) ORDER BY o RETURNING seq, '0x' || encode(id, 'hex') AS id`,
    [col((a) => a.idBytes), col((a) => a.task.seq), col((a) => a.it.message.taskId), col((a) => a.it.message.projectId), col((a) => a.annotator), col((a) => a.nonce),
      col((a) => Number(a.it.message.createdAt)), col((a) => a.it.message.contentHash.toLowerCase()), col((a) => a.it.signature), col((a) => a.it.document), now]);
  const seqOf = new Map(inserted.rows.map((r) => [r.id, r.seq]));
  await c.query(`INSERT INTO rewards (submission_seq, annotator, task_id, project_id, base_reward, difficulty, amount, created_at)
    SELECT * , $8::bigint FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::bigint[])`,
    [col((a) => seqOf.get(a.it.id)), col((a) => a.annotator), col((a) => a.it.message.taskId), col((a) => a.it.message.projectId), col((a) => a.task.baseReward), col((a) => a.task.difficulty), col((a) => a.reward), now]);
  await c.query("UPDATE leases SET status = 'submitted' FROM unnest($1::bigint[], $2::text[]) AS x(seq, a) WHERE leases.task_seq = x.seq AND leases.annotator = x.a", [col((a) => a.task.seq), col((a) => a.annotator)]);
  const perTask = new Map<number, TaskRow>();
  for (const a of accepted) perTask.set(a.task.seq, a.task);
  const t = [...perTask.values()];
  await c.query('UPDATE tasks SET accepted = x.accepted, "full" = CASE WHEN x.accepted >= x.k THEN 1 ELSE 0 END FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS x(seq, accepted, k) WHERE tasks.seq = x.seq',
    [t.map((x) => x.seq), t.map((x) => x.accepted), t.map((x) => x.redundancy)]);
  const spent = new Map<string, number>();
  for (const a of accepted) spent.set(a.task.projectId, (spent.get(a.task.projectId) ?? 0) + a.reward);
  await c.query('UPDATE projects SET spent = spent + x.amount FROM unnest($1::text[], $2::bigint[]) AS x(id, amount) WHERE projects.id = x.id', [[...spent.keys()], [...spent.values()]]);
}
