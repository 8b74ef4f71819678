// The PostgreSQL half of a node fed and drained by bundles (importedWork.ts), run in the store's transactions.
// An import locks the project row (or, for a new project, takes the requester's balance row) so two processes
// importing the same bundle at once add its tasks once.
import type pg from 'pg';
import type { ImportedProject, ImportedProjectResult, ProjectExport, TrustedKeyRow } from './importedWork.ts';
import { planProjectImport, type ExistingProject } from './projectImport.ts';
import { insufficientBalance } from './storeCommon.ts';

type Q = pg.PoolClient | pg.Pool;

export async function trustedKeys(q: Q): Promise<TrustedKeyRow[]> {
  return (await q.query<TrustedKeyRow>('SELECT address, name, added_at AS "addedAt" FROM trusted_keys ORDER BY added_at, address')).rows;
}

export async function setTrusted(q: Q, address: string, name: string | null, now: number): Promise<boolean> {
  const a = address.toLowerCase();
  if (name === null) return ((await q.query('DELETE FROM trusted_keys WHERE address = $1', [a])).rowCount ?? 0) > 0;
  await q.query('INSERT INTO trusted_keys (address, name, added_at) VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE SET name = excluded.name', [a, name, now]);
  return true;
}

export async function importProject(c: pg.PoolClient, p: ImportedProject, now: number): Promise<ImportedProjectResult> {
  // one import of a project at a time, across processes (a transaction-scoped lock on the project id)
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${p.id}`]);
  const existing = (await c.query<ExistingProject>('SELECT requester, redundancy, base_reward AS "baseReward" FROM projects WHERE id = $1 FOR UPDATE', [p.id])).rows[0] ?? null;
  const ids = p.tasks.map((t) => t.id);
  const owners = new Map((await c.query<{ id: string; projectId: string }>('SELECT id, project_id AS "projectId" FROM tasks WHERE id = ANY($1)', [ids])).rows.map((r) => [r.id, r.projectId]));
  const sizes = new Map((await c.query<{ sha256: string; size: number | null }>('SELECT sha256, size FROM assets WHERE sha256 = ANY($1)', [[...new Set(p.tasks.map((t) => t.sha256))]])).rows.map((r) => [r.sha256, r.size]));
  const plan = planProjectImport(p, existing, (id) => owners.get(id) ?? null, (sha) => sizes.get(sha) ?? null);
  if (plan.cost > 0) {
    const debit = await c.query('UPDATE requesters SET balance = balance - $1, updated_at = $2 WHERE address = $3 AND balance >= $1', [plan.cost, now, p.requester]);
    if (debit.rowCount === 0) {
      const b = await c.query<{ balance: number }>('SELECT balance FROM requesters WHERE address = $1', [p.requester]);
      throw insufficientBalance({ requester: p.requester, budget: plan.cost }, b.rows[0]?.balance ?? 0);
    }
  }
  if (plan.create)
    await c.query(`INSERT INTO projects (id, name, schema, instructions, requirements, redundancy, base_reward, budget, min_reputation, lease_ms, requester, signature, created_at)
      VALUES ($1, $2, $3, $4, '{}', $5, $6, $7, 0, $8, $9, $10, $11)`, [p.id, p.name, JSON.stringify(p.schema ?? {}), p.instructions, p.redundancy, p.baseReward, plan.cost, p.leaseMs, p.requester, p.signature, now]);
  else if (plan.cost > 0) await c.query('UPDATE projects SET budget = budget + $1 WHERE id = $2', [plan.cost, p.id]);
  const t = plan.newTasks;
  if (t.length) {
    await c.query(`INSERT INTO assets (sha256, kind, mime, size) SELECT DISTINCT ON (sha) * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS x(sha, kind, mime, size)
      ON CONFLICT (sha256) DO UPDATE SET size = coalesce(assets.size, excluded.size)`, [t.map((x) => x.sha256), t.map((x) => x.kind), t.map((x) => x.mime), t.map((x) => x.size)]);
    await c.query(`INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) SELECT id, $1, sha, kind, name, difficulty
      FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) WITH ORDINALITY AS x(id, sha, kind, name, difficulty, n) ORDER BY n`,
      [p.id, t.map((x) => x.id), t.map((x) => x.sha256), t.map((x) => x.kind), t.map((x) => x.name), t.map((x) => x.difficulty)]);
  }
  if (p.stored.length)
    await c.query('UPDATE assets SET stored = 1, size = x.size FROM unnest($1::text[], $2::bigint[]) AS x(sha, size) WHERE assets.sha256 = x.sha', [p.stored.map((a) => a.sha256), p.stored.map((a) => a.size)]);
  if (p.leases.length)
    await c.query(`INSERT INTO leases (task_seq, annotator, leased_at, expires_at) SELECT t.seq, x.a, $3, $4 FROM unnest($1::text[], $2::text[]) AS x(tid, a) JOIN tasks t ON t.id = x.tid
      ON CONFLICT (task_seq, annotator) DO NOTHING`, [p.leases.map((l) => l.taskId), p.leases.map((l) => l.annotator.toLowerCase()), now, now + p.leaseMs]);
  return { projectCreated: plan.create, tasksAdded: t.length, tasksExisting: plan.existingTasks, budget: plan.cost };
}

export async function projectForExport(q: Q, projectId: string): Promise<ProjectExport | null> {
  const project = (await q.query<ProjectExport['project']>('SELECT id, name, schema, instructions, redundancy, base_reward AS "baseReward", requester FROM projects WHERE id = $1', [projectId])).rows[0];
  if (!project) return null;
  const tasks = (await q.query<ProjectExport['tasks'][number]>(`SELECT t.id, a.sha256, a.kind, a.mime, a.size, t.asset_name AS name, t.difficulty, t.accepted FROM tasks t JOIN assets a ON a.sha256 = t.asset_sha256
    WHERE t.project_id = $1 ORDER BY t.seq`, [projectId])).rows;
  return { project, tasks };
}
