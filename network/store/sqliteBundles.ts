// The SQLite half of a node fed and drained by bundles (importedWork.ts): the trusted-keys list, a verified
// bundle's project written in one transaction, and what an export of a project reads.
import type Database from 'better-sqlite3';
import type { ImportedProject, ImportedProjectResult, ProjectExport, TrustedKeyRow } from './importedWork.ts';
import { planProjectImport, type ExistingProject } from './projectImport.ts';
import { insufficientBalance } from './storeCommon.ts';

export class SqliteBundles {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      keys: db.prepare('SELECT address, name, added_at AS addedAt FROM trusted_keys ORDER BY added_at, address'),
      trust: db.prepare('INSERT INTO trusted_keys (address, name, added_at) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET name = excluded.name'),
      untrust: db.prepare('DELETE FROM trusted_keys WHERE address = ?'),
      project: db.prepare('SELECT requester, redundancy, base_reward AS baseReward FROM projects WHERE id = ?'),
      taskProject: db.prepare('SELECT project_id FROM tasks WHERE id = ?').pluck(),
      assetSize: db.prepare('SELECT size FROM assets WHERE sha256 = ?').pluck(),
      debit: db.prepare('UPDATE requesters SET balance = balance - ?, updated_at = ? WHERE address = ? AND balance >= ?'),
      balance: db.prepare('SELECT balance FROM requesters WHERE address = ?').pluck(),
      insertProject: db.prepare("INSERT INTO projects (id, name, schema, instructions, requirements, redundancy, base_reward, budget, min_reputation, lease_ms, requester, signature, created_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, 0, ?, ?, ?, ?)"),
      addBudget: db.prepare('UPDATE projects SET budget = budget + ? WHERE id = ?'),
      upsertAsset: db.prepare('INSERT INTO assets (sha256, kind, mime, size) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET size = coalesce(assets.size, excluded.size)'),
      insertTask: db.prepare('INSERT INTO tasks (id, project_id, asset_sha256, kind, asset_name, difficulty) VALUES (?, ?, ?, ?, ?, ?)'),
      markStored: db.prepare('UPDATE assets SET stored = 1, size = ? WHERE sha256 = ?'),
      taskSeq: db.prepare('SELECT seq FROM tasks WHERE id = ?').pluck(),
      lease: db.prepare('INSERT INTO leases (task_seq, annotator, leased_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (task_seq, annotator) DO NOTHING'),
      exportProject: db.prepare('SELECT id, name, schema, instructions, redundancy, base_reward AS baseReward, requester FROM projects WHERE id = ?'),
      exportTasks: db.prepare(`SELECT t.id, a.sha256, a.kind, a.mime, a.size, t.asset_name AS name, t.difficulty, t.accepted FROM tasks t JOIN assets a ON a.sha256 = t.asset_sha256
        WHERE t.project_id = ? ORDER BY t.seq`),
    };
  }

  trustedKeys(): TrustedKeyRow[] {
    return this.s.keys.all() as TrustedKeyRow[];
  }

  setTrusted(address: string, name: string | null, now: number): boolean {
    const a = address.toLowerCase();
    if (name === null) return this.s.untrust.run(a).changes > 0;
    this.s.trust.run(a, name, now);
    return true;
  }

  importProject(p: ImportedProject, now: number): ImportedProjectResult {
    const s = this.s;
    return this.db.transaction((): ImportedProjectResult => {
      const existing = (s.project.get(p.id) as ExistingProject | undefined) ?? null;
      const plan = planProjectImport(p, existing, (id) => (s.taskProject.get(id) as string | undefined) ?? null, (sha) => (s.assetSize.get(sha) as number | null | undefined) ?? null);
      if (plan.cost > 0 && s.debit.run(plan.cost, now, p.requester, plan.cost).changes === 0)
        throw insufficientBalance({ requester: p.requester, budget: plan.cost }, (s.balance.get(p.requester) as number | undefined) ?? 0);
      if (plan.create) s.insertProject.run(p.id, p.name, JSON.stringify(p.schema ?? {}), p.instructions, p.redundancy, p.baseReward, plan.cost, p.leaseMs, p.requester, p.signature, now);
      else if (plan.cost > 0) s.addBudget.run(plan.cost, p.id);
      for (const t of plan.newTasks) {
        s.upsertAsset.run(t.sha256, t.kind, t.mime, t.size);
        s.insertTask.run(t.id, p.id, t.sha256, t.kind, t.name, t.difficulty);
      }
      for (const a of p.stored) s.markStored.run(a.size, a.sha256);
      const leaseMs = p.leaseMs;
      for (const l of p.leases) {
        const seq = s.taskSeq.get(l.taskId) as number | undefined;
        if (seq !== undefined) s.lease.run(seq, l.annotator.toLowerCase(), now, now + leaseMs);
      }
      return { projectCreated: plan.create, tasksAdded: plan.newTasks.length, tasksExisting: plan.existingTasks, budget: plan.cost };
    })();
  }

  projectForExport(projectId: string): ProjectExport | null {
    const project = this.s.exportProject.get(projectId) as ProjectExport['project'] | undefined;
    if (!project) return null;
    return { project, tasks: this.s.exportTasks.all(projectId) as ProjectExport['tasks'] };
  }
}
