import type { Db } from '../db.ts';
import type { AssetKind, Task, TaskStatus, TaskSummary } from '../../../shared/domain.ts';
import { UNFINISHED_STATUSES } from '../../../shared/domain.ts';
import { TaggerError } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';

interface TaskRow {
  id: string; project_id: string; asset_id: string; status: TaskStatus; difficulty: number; assignee: string | null;
  source_node: string | null; position: number; revision: number; created_at: number; updated_at: number;
}
interface SummaryRow extends TaskRow { kind: AssetKind; name: string; object_count: number }

function toTask(r: TaskRow): Task {
  return {
    id: r.id, projectId: r.project_id, assetId: r.asset_id, status: r.status, difficulty: r.difficulty, assignee: r.assignee,
    sourceNode: r.source_node, position: r.position, revision: r.revision, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** What an imported file said about a task's text beyond the text itself, written back by export: the record's id
 *  or name in the file, its metadata (doccano "meta"), and the CoNLL columns between each token and its tag (packed,
 *  see packColumns). Kept per project task: the asset is shared by every project with the same text. */
export interface TaskSource { sourceName?: string; sourceMeta?: Record<string, unknown>; conllColumns?: string }

function sourceOfRow(r: { source_json: string; conll_columns?: string | null }): TaskSource {
  return { ...(JSON.parse(r.source_json) as TaskSource), ...(r.conll_columns ? { conllColumns: r.conll_columns } : {}) };
}

export interface TaskFilter { status?: TaskStatus[]; kind?: AssetKind[]; search?: string }

const SUMMARY_SELECT = `
  SELECT t.*, a.kind AS kind, a.original_name AS name,
    (SELECT count(*) FROM annotation_objects o WHERE o.task_id = t.id AND o.annotator = 'local') AS object_count
  FROM tasks t JOIN assets a ON a.id = t.asset_id`;

export class TaskRepository {
  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  get(id: string): Task {
    const r = this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    if (!r) throw new TaggerError('not_found', `No task with id ${id}. It may have been removed; pick another from the queue.`);
    return toTask(r);
  }

  summary(id: string): TaskSummary {
    const r = this.db.prepare(`${SUMMARY_SELECT} WHERE t.id = ?`).get(id) as SummaryRow | undefined;
    if (!r) throw new TaggerError('not_found', `No task with id ${id}.`);
    return { ...toTask(r), kind: r.kind, name: r.name, objectCount: r.object_count };
  }

  list(projectId: string, filter: TaskFilter = {}): TaskSummary[] {
    const where = ['t.project_id = ?'];
    const params: unknown[] = [projectId];
    if (filter.status?.length) {
      where.push(`t.status IN (${filter.status.map(() => '?').join(',')})`);
      params.push(...filter.status);
    }
    if (filter.kind?.length) {
      where.push(`a.kind IN (${filter.kind.map(() => '?').join(',')})`);
      params.push(...filter.kind);
    }
    if (filter.search) {
      where.push(`(a.original_name LIKE ? ESCAPE '\\' OR t.assignee LIKE ? ESCAPE '\\')`);
      const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(like, like);
    }
    const rows = this.db.prepare(`${SUMMARY_SELECT} WHERE ${where.join(' AND ')} ORDER BY t.position`).all(...params) as SummaryRow[];
    return rows.map((r) => ({ ...toTask(r), kind: r.kind, name: r.name, objectCount: r.object_count }));
  }

  findByAsset(projectId: string, assetId: string): Task | null {
    const r = this.db.prepare('SELECT * FROM tasks WHERE project_id = ? AND asset_id = ?').get(projectId, assetId) as TaskRow | undefined;
    return r ? toTask(r) : null;
  }

  create(projectId: string, assetId: string, opts: { difficulty?: number; id?: string; sourceNode?: string | null } = {}): Task {
    const t = this.now();
    const pos = (this.db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM tasks WHERE project_id = ?').get(projectId) as { p: number }).p;
    const id = opts.id ?? newId('tsk');
    this.db
      .prepare('INSERT INTO tasks(id, project_id, asset_id, difficulty, source_node, position, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)')
      .run(id, projectId, assetId, opts.difficulty ?? 1, opts.sourceNode ?? null, pos, t, t);
    return this.get(id);
  }

  setStatus(id: string, status: TaskStatus): void {
    const info = this.db.prepare('UPDATE tasks SET status = ?, updated_at = ? WHERE id = ?').run(status, this.now(), id);
    if (!info.changes) throw new TaggerError('not_found', `No task with id ${id}.`);
  }

  /** How the file this task's annotations were imported from referred to its item (Label Studio's data URL), kept
   *  per project task (assets are shared by content across projects) so export writes it back. */
  setSourceRef(id: string, ref: string): void {
    this.db.prepare('UPDATE tasks SET source_ref = ? WHERE id = ?').run(ref, id);
  }

  /** The source references of a project's tasks that have one (task id → reference). */
  sourceRefs(projectId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT id, source_ref FROM tasks WHERE project_id = ? AND source_ref IS NOT NULL').all(projectId) as { id: string; source_ref: string }[];
    return new Map(rows.map((r) => [r.id, r.source_ref]));
  }

  /** What the file this task's text came from said about it (see TaskSource); `columns: false` leaves the CoNLL
   *  columns unread (megabytes on a long document). */
  source(id: string, opts: { columns?: boolean } = {}): TaskSource {
    const r = this.db.prepare(`SELECT source_json${opts.columns === false ? '' : ', conll_columns'} FROM task_sources WHERE task_id = ?`).get(id) as { source_json: string; conll_columns?: string | null } | undefined;
    return r ? sourceOfRow(r) : {};
  }

  /** The sources of a project's tasks that have one (task id → source), columns included: what a bundle carries. */
  sources(projectId: string): Map<string, TaskSource> {
    const rows = this.db.prepare('SELECT s.task_id, s.source_json, s.conll_columns FROM task_sources s JOIN tasks t ON t.id = s.task_id WHERE t.project_id = ?').all(projectId) as { task_id: string; source_json: string; conll_columns: string | null }[];
    return new Map(rows.map((r) => [r.task_id, sourceOfRow(r)]));
  }

  /** Records what the source said about the task's text; keys it leaves out are kept as they were. */
  setSource(id: string, patch: TaskSource): void {
    if (Object.values(patch).every((v) => v === undefined)) return; // nothing to change: no read, no write
    const { conllColumns, ...rest } = { ...this.source(id), ...patch };
    this.db.prepare('INSERT INTO task_sources(task_id, source_json, conll_columns) VALUES (?, ?, ?) ON CONFLICT(task_id) DO UPDATE SET source_json = excluded.source_json, conll_columns = excluded.conll_columns')
      .run(id, JSON.stringify(rest), conllColumns ?? null);
  }

  bumpRevision(id: string): number {
    this.db.prepare('UPDATE tasks SET revision = revision + 1, updated_at = ? WHERE id = ?').run(this.now(), id);
    return (this.db.prepare('SELECT revision FROM tasks WHERE id = ?').get(id) as { revision: number }).revision;
  }

  /** Queue position (1-based) and queue length of a task in its project. */
  positionOf(task: Task): { index: number; total: number } {
    const r = this.db
      .prepare('SELECT (SELECT count(*) FROM tasks WHERE project_id = ? AND position <= ?) AS idx, (SELECT count(*) FROM tasks WHERE project_id = ?) AS total')
      .get(task.projectId, task.position, task.projectId) as { idx: number; total: number };
    return { index: r.idx, total: r.total };
  }

  /** Next unfinished task after `afterId` in queue order, wrapping around; null when none is left. */
  next(projectId: string, afterId?: string | null): string | null {
    const after = afterId ? this.get(afterId).position : 0;
    const ph = UNFINISHED_STATUSES.map(() => '?').join(',');
    const q = this.db.prepare(`SELECT id FROM tasks WHERE project_id = ? AND status IN (${ph}) AND position > ? AND id != ? ORDER BY position LIMIT 1`);
    const hit = (q.get(projectId, ...UNFINISHED_STATUSES, after, afterId ?? '') ?? q.get(projectId, ...UNFINISHED_STATUSES, 0, afterId ?? '')) as { id: string } | undefined;
    return hit?.id ?? null;
  }

  previous(projectId: string, beforeId: string): string | null {
    const before = this.get(beforeId).position;
    const r = this.db.prepare('SELECT id FROM tasks WHERE project_id = ? AND position < ? ORDER BY position DESC LIMIT 1').get(projectId, before) as { id: string } | undefined;
    return r?.id ?? null;
  }

  following(projectId: string, afterId: string): string | null {
    const after = this.get(afterId).position;
    const r = this.db.prepare('SELECT id FROM tasks WHERE project_id = ? AND position > ? ORDER BY position LIMIT 1').get(projectId, after) as { id: string } | undefined;
    return r?.id ?? null;
  }
}
