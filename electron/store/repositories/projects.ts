import type { Db } from '../db.ts';
import type { AssetKind, LabelSchema, Project, ProjectPolicy, ProjectSummary } from '../../../shared/domain.ts';
import { TaggerError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { defaultSchema } from '../../../shared/defaultSchema.ts';

interface ProjectRow {
  id: string; name: string; schema_json: string; instructions: string; policy_json: string; created_at: number; updated_at: number;
}

export const DEFAULT_POLICY: ProjectPolicy = { redundancy: 1, baseReward: 1 };

function toProject(r: ProjectRow): Project {
  return {
    id: r.id, name: r.name, schema: JSON.parse(r.schema_json), instructions: r.instructions,
    policy: JSON.parse(r.policy_json), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export class ProjectRepository {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  list(): ProjectSummary[] {
    const rows = this.db.prepare('SELECT * FROM projects ORDER BY name COLLATE NOCASE').all() as ProjectRow[];
    const counts = this.db.prepare(`
      SELECT t.project_id AS pid, count(*) AS n, sum(t.status IN ('done','submitted','accepted')) AS done, group_concat(DISTINCT a.kind) AS kinds
      FROM tasks t JOIN assets a ON a.id = t.asset_id GROUP BY t.project_id`).all() as { pid: string; n: number; done: number; kinds: string | null }[];
    const byId = new Map(counts.map((c) => [c.pid, c]));
    return rows.map((r) => {
      const c = byId.get(r.id);
      return { ...toProject(r), taskCount: c?.n ?? 0, doneCount: c?.done ?? 0, kinds: (c?.kinds?.split(',') ?? []) as AssetKind[] };
    });
  }

  get(id: string): Project {
    const r = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
    if (!r) throw new TaggerError('not_found', `No project with id ${id}.`);
    return toProject(r);
  }

  findByName(name: string): Project | null {
    const r = this.db.prepare('SELECT * FROM projects WHERE name = ?').get(name) as ProjectRow | undefined;
    return r ? toProject(r) : null;
  }

  create(input: { name: string; schema?: LabelSchema; instructions?: string; policy?: ProjectPolicy; id?: string }): Project {
    if (this.findByName(input.name)) throw new TaggerError('conflict', `A project named "${input.name}" already exists. Choose another name.`);
    const t = this.now();
    const id = input.id ?? newId('prj');
    this.db
      .prepare('INSERT INTO projects(id, name, schema_json, instructions, policy_json, created_at, updated_at) VALUES (?,?,?,?,?,?,?)')
      .run(id, input.name, JSON.stringify(input.schema ?? defaultSchema()), input.instructions ?? '', JSON.stringify(input.policy ?? DEFAULT_POLICY), t, t);
    return this.get(id);
  }

  update(id: string, patch: Partial<Pick<Project, 'name' | 'schema' | 'instructions' | 'policy'>>): Project {
    const cur = this.get(id);
    if (patch.name && patch.name !== cur.name && this.findByName(patch.name)) throw new TaggerError('conflict', `A project named "${patch.name}" already exists.`);
    const next = { ...cur, ...patch };
    this.db
      .prepare('UPDATE projects SET name = ?, schema_json = ?, instructions = ?, policy_json = ?, updated_at = ? WHERE id = ?')
      .run(next.name, JSON.stringify(next.schema), next.instructions, JSON.stringify(next.policy), this.now(), id);
    return this.get(id);
  }
}
