// Annotation objects (one row each) and the persisted undo history shared by every modality. An edit is a list of
// object ops; its inverse is computed here from the rows it replaces, so undo works the same for boxes, segments
// and spans and survives restarts. Every edit is one transaction: it is on disk when the call returns.
import type { Db } from '../db.ts';
import type { AnnotationObject, Edit, EditResult, HistoryInfo, ObjectInput, ObjectOp, TaskStatus } from '../../../shared/domain.ts';
import { isFrozenStatus } from '../../../shared/domain.ts';
import { TaggerError } from '../../../shared/errors.ts';
import { toObjectInput } from '../../../shared/objects.ts';
import { validateGeometry } from '../../../shared/geometry/validate.ts';
import type { TaskRepository } from './tasks.ts';

interface ObjectRow {
  id: string; task_id: string; kind: AnnotationObject['kind']; label: string; geometry_json: string; attributes_json: string;
  origin: AnnotationObject['origin']; z: number; hidden: number; locked: number; revision: number; updated_at: number;
}
interface HistoryRow { seq: number; label: string; coalesce_key: string | null; forward_json: string; backward_json: string }

function toObject(r: ObjectRow): AnnotationObject {
  return {
    id: r.id, taskId: r.task_id, kind: r.kind, label: r.label, geometry: JSON.parse(r.geometry_json), attributes: r.attributes_json === '{}' ? {} : JSON.parse(r.attributes_json),
    origin: r.origin, z: r.z, hidden: !!r.hidden, locked: !!r.locked, revision: r.revision, updatedAt: r.updated_at,
  };
}

/** toObject's JSON for each row. Geometry and attributes are stored as JSON and go in as they are; kind and origin
 *  are plain words (the table's CHECK constraints); the task id is the same on every row. */
const ROW_JSON = `SELECT format('{"id":%s,"taskId":%s,"kind":"%s","label":%s,"geometry":%s,"attributes":%s,"origin":"%s","z":%s,"hidden":%s,"locked":%s,"revision":%d,"updatedAt":%d}',
    json_quote(id), @taskJson, kind, json_quote(label), geometry_json, attributes_json, origin, json_quote(z), iif(hidden, 'true', 'false'), iif(locked, 'true', 'false'), revision, updated_at)
  FROM annotation_objects WHERE task_id = @taskId AND annotator = @annotator`;

/** The input form of a stored object (kept under this name for the formats that import it from here). */
export const toInput = toObjectInput;

/** The ops, once every object they put has a geometry of its kind; otherwise a clear error naming the object and field. */
function checked(ops: ObjectOp[]): ObjectOp[] {
  for (const op of ops) {
    if (op.op !== 'put') continue;
    const { id, kind, geometry } = op.object;
    const p = validateGeometry(kind, geometry);
    if (p) throw new TaggerError('invalid_argument', `Object ${id} (${kind}): ${p.message}.`, { id, field: p.field });
  }
  return ops;
}

export class AnnotationRepository {
  constructor(
    private readonly db: Db,
    private readonly tasks: TaskRepository,
    private readonly now: () => number = Date.now,
    private readonly annotator = 'local',
  ) {}

  list(taskId: string): AnnotationObject[] {
    const rows = this.db.prepare('SELECT * FROM annotation_objects WHERE task_id = ? AND annotator = ? ORDER BY z, id').all(taskId, this.annotator) as ObjectRow[];
    return rows.map(toObject);
  }

  /** list() as JSON text, each object's built by SQLite from the stored JSON columns: opening a 100,000-object
   *  document then makes no object per row here (reading the rows into objects, parsing each geometry and
   *  serializing it all again took about 1 s of CPU; this takes under 0.2 s). Same objects, same order. */
  listJson(taskId: string): string {
    return this.json(`${ROW_JSON} ORDER BY z, id`, taskId);
  }

  /** Objects `offset`… of the task in id order (the primary key's, so a page costs a walk of its index) as JSON text
   *  (as listJson), and how many it has in all. */
  pageJson(taskId: string, offset: number, limit: number): { json: string; total: number } {
    const json = this.json(`${ROW_JSON} ORDER BY id LIMIT @limit OFFSET @offset`, taskId, { limit, offset });
    const total = (this.db.prepare('SELECT count(*) AS n FROM annotation_objects WHERE task_id = ? AND annotator = ?').get(taskId, this.annotator) as { n: number }).n;
    return { json, total };
  }

  private json(sql: string, taskId: string, more: Record<string, number> = {}): string {
    const rows = this.db.prepare(sql).pluck().all({ taskId, taskJson: JSON.stringify(taskId), annotator: this.annotator, ...more }) as string[];
    return `[${rows.join(',')}]`;
  }

  find(taskId: string, id: string): AnnotationObject | null {
    const r = this.db.prepare('SELECT * FROM annotation_objects WHERE task_id = ? AND annotator = ? AND id = ?').get(taskId, this.annotator, id) as ObjectRow | undefined;
    return r ? toObject(r) : null;
  }

  history(taskId: string): HistoryInfo {
    const undo = this.db.prepare('SELECT label FROM history WHERE task_id = ? AND annotator = ? AND undone = 0 ORDER BY seq DESC LIMIT 1').get(taskId, this.annotator) as { label: string } | undefined;
    const redo = this.db.prepare('SELECT label FROM history WHERE task_id = ? AND annotator = ? AND undone = 1 ORDER BY seq ASC LIMIT 1').get(taskId, this.annotator) as { label: string } | undefined;
    const depth = (this.db.prepare('SELECT count(*) AS n FROM history WHERE task_id = ? AND annotator = ? AND undone = 0').get(taskId, this.annotator) as { n: number }).n;
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null, depth };
  }

  /** Applies an edit by the user and records it for undo. An edit whose id was applied before (the page resent it
   *  after a timeout) is not applied again: the answer is what those objects are now. */
  edit(taskId: string, edit: Edit): EditResult {
    return this.db.transaction(() => {
      const again = this.replayed(taskId, edit.id);
      if (again) return again;
      const status = this.editable(taskId);
      const { backward, upserted, deleted } = this.applyOps(taskId, checked(edit.ops), true);
      const revision = this.record(taskId, status, edit, backward);
      this.remember(taskId, edit.id, upserted, deleted);
      return { upserted, deleted, history: this.history(taskId), revision };
    })();
  }

  /** Adds objects the task does not have yet as ONE undoable edit named `label`, as edit() would record it, but in
   *  bulk: undoing it deletes them, so no row is read before or after its write (an import of 100,000 segments
   *  read each row twice through edit() and took 4–7 s). An id the task already has is refused and nothing is
   *  written. Returns the task's new revision. */
  add(taskId: string, label: string, objects: ObjectInput[]): number {
    const forward = objects.map((object): ObjectOp => ({ op: 'put', object }));
    checked(forward);
    const insert = this.db.prepare(`
      INSERT INTO annotation_objects(id, task_id, annotator, kind, label, geometry_json, attributes_json, origin, z, hidden, locked, revision, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?)`);
    const has = this.db.prepare('SELECT 1 FROM annotation_objects WHERE task_id = ? AND annotator = ? AND id = ?').pluck();
    return this.db.transaction(() => {
      const status = this.editable(taskId);
      const t = this.now();
      for (const o of objects) {
        try {
          insert.run(o.id, taskId, this.annotator, o.kind, o.label, JSON.stringify(o.geometry), JSON.stringify(o.attributes), o.origin, o.z, o.hidden ? 1 : 0, o.locked ? 1 : 0, t);
        } catch (e) {
          // Only a taken id fails here (the geometry was checked above): say which, and nothing stays written.
          if (has.get(taskId, this.annotator, o.id)) throw new TaggerError('conflict', `Object ${o.id} is already in this task; nothing was added.`, { id: o.id });
          throw e;
        }
      }
      const backward = objects.map((o): ObjectOp => ({ op: 'delete', id: o.id })).reverse();
      return this.record(taskId, status, { label, ops: forward }, backward);
    })();
  }

  /** The task's status, once it is one whose annotations may change. */
  private editable(taskId: string): TaskStatus {
    const { status } = this.tasks.get(taskId);
    if (isFrozenStatus(status)) throw new TaggerError('locked', `This task was submitted and is frozen; its annotations cannot change.`);
    return status;
  }

  /** Records an applied edit as the newest undo step (or merges it into the last one with the same coalesce key),
   *  drops the redo steps it replaces, starts a 'todo' task and bumps its revision, which it returns. */
  private record(taskId: string, status: TaskStatus, edit: Pick<Edit, 'label' | 'ops' | 'coalesce'>, backward: ObjectOp[]): number {
    this.db.prepare('DELETE FROM history WHERE task_id = ? AND annotator = ? AND undone = 1').run(taskId, this.annotator);
    const last = this.db
      .prepare('SELECT seq, label, coalesce_key, forward_json, backward_json FROM history WHERE task_id = ? AND annotator = ? ORDER BY seq DESC LIMIT 1')
      .get(taskId, this.annotator) as HistoryRow | undefined;
    if (edit.coalesce && last && last.coalesce_key === edit.coalesce) {
      const fwd = [...(JSON.parse(last.forward_json) as ObjectOp[]), ...edit.ops];
      const bwd = [...backward, ...(JSON.parse(last.backward_json) as ObjectOp[])];
      this.db.prepare('UPDATE history SET forward_json = ?, backward_json = ? WHERE seq = ?').run(JSON.stringify(fwd), JSON.stringify(bwd), last.seq);
    } else {
      this.db
        .prepare('INSERT INTO history(task_id, annotator, label, coalesce_key, forward_json, backward_json, created_at) VALUES (?,?,?,?,?,?,?)')
        .run(taskId, this.annotator, edit.label, edit.coalesce ?? null, JSON.stringify(edit.ops), JSON.stringify(backward), this.now());
    }
    if (status === 'todo') this.tasks.setStatus(taskId, 'in_progress');
    return this.tasks.bumpRevision(taskId);
  }

  /** `changeId`: as for edits, an undo or redo resent with the same id is done once. */
  undo(taskId: string, changeId?: string): EditResult | null {
    return this.step(taskId, 'undo', changeId);
  }

  redo(taskId: string, changeId?: string): EditResult | null {
    return this.step(taskId, 'redo', changeId);
  }

  /** The answer to a change already applied: the objects it touched as they are now. */
  private replayed(taskId: string, changeId: string | undefined): EditResult | null {
    if (!changeId) return null;
    const row = this.db.prepare('SELECT touched_json FROM applied_edits WHERE task_id = ? AND annotator = ? AND edit_id = ?').get(taskId, this.annotator, changeId) as { touched_json: string } | undefined;
    if (!row) return null;
    const upserted: AnnotationObject[] = [];
    const deleted: string[] = [];
    for (const id of JSON.parse(row.touched_json) as string[]) {
      const o = this.find(taskId, id);
      if (o) upserted.push(o); else deleted.push(id);
    }
    return { upserted, deleted, history: this.history(taskId), revision: this.tasks.get(taskId).revision };
  }

  private remember(taskId: string, changeId: string | undefined, upserted: AnnotationObject[], deleted: string[]): void {
    if (!changeId) return;
    const t = this.now();
    this.db.prepare('DELETE FROM applied_edits WHERE created_at < ?').run(t - 86_400_000);
    this.db.prepare('INSERT INTO applied_edits(task_id, annotator, edit_id, touched_json, created_at) VALUES (?,?,?,?,?)')
      .run(taskId, this.annotator, changeId, JSON.stringify([...upserted.map((o) => o.id), ...deleted]), t);
  }

  private step(taskId: string, dir: 'undo' | 'redo', changeId?: string): EditResult | null {
    return this.db.transaction(() => {
      const again = this.replayed(taskId, changeId);
      if (again) return again;
      const task = this.tasks.get(taskId);
      if (isFrozenStatus(task.status)) throw new TaggerError('locked', `This task was submitted and is frozen; undo is not possible.`);
      const row = (dir === 'undo'
        ? this.db.prepare('SELECT * FROM history WHERE task_id = ? AND annotator = ? AND undone = 0 ORDER BY seq DESC LIMIT 1')
        : this.db.prepare('SELECT * FROM history WHERE task_id = ? AND annotator = ? AND undone = 1 ORDER BY seq ASC LIMIT 1')
      ).get(taskId, this.annotator) as HistoryRow | undefined;
      if (!row) return null;
      const ops = JSON.parse(dir === 'undo' ? row.backward_json : row.forward_json) as ObjectOp[];
      const { upserted, deleted } = this.applyOps(taskId, ops, false);
      this.db.prepare('UPDATE history SET undone = ? WHERE seq = ?').run(dir === 'undo' ? 1 : 0, row.seq);
      const revision = this.tasks.bumpRevision(taskId);
      this.remember(taskId, changeId, upserted, deleted);
      return { upserted, deleted, history: this.history(taskId), revision };
    })();
  }

  /** Writes ops without history (sync and import use this: changes that arrive from elsewhere are not undoable). */
  replaceAll(taskId: string, objects: ObjectInput[]): void {
    checked(objects.map((object) => ({ op: 'put', object })));
    // One prepared insert per object and nothing read back: imports of 100,000 objects are bound by SQLite's
    // writes, not by re-reading each row for an undo record nobody keeps. A repeated id replaces the earlier one.
    const put = this.db.prepare(`
      INSERT INTO annotation_objects(id, task_id, annotator, kind, label, geometry_json, attributes_json, origin, z, hidden, locked, revision, updated_at)
      VALUES (?,?,?,?,?,?,?,?,?,?,?,1,?)
      ON CONFLICT(task_id, annotator, id) DO UPDATE SET kind = excluded.kind, label = excluded.label, geometry_json = excluded.geometry_json,
        attributes_json = excluded.attributes_json, origin = excluded.origin, z = excluded.z, hidden = excluded.hidden, locked = excluded.locked,
        revision = annotation_objects.revision + 1, updated_at = excluded.updated_at`);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM annotation_objects WHERE task_id = ? AND annotator = ?').run(taskId, this.annotator);
      const t = this.now();
      for (const o of objects)
        put.run(o.id, taskId, this.annotator, o.kind, o.label, JSON.stringify(o.geometry), JSON.stringify(o.attributes), o.origin, o.z, o.hidden ? 1 : 0, o.locked ? 1 : 0, t);
      this.tasks.bumpRevision(taskId);
    })();
  }

  private applyOps(taskId: string, ops: ObjectOp[], userEdit: boolean) {
    const get = this.db.prepare('SELECT * FROM annotation_objects WHERE task_id = ? AND annotator = ? AND id = ?');
    const put = this.db.prepare(`
      INSERT INTO annotation_objects(id, task_id, annotator, kind, label, geometry_json, attributes_json, origin, z, hidden, locked, revision, updated_at)
      VALUES (@id, @task_id, @annotator, @kind, @label, @geometry_json, @attributes_json, @origin, @z, @hidden, @locked, @revision, @updated_at)
      ON CONFLICT(task_id, annotator, id) DO UPDATE SET kind = excluded.kind, label = excluded.label, geometry_json = excluded.geometry_json,
        attributes_json = excluded.attributes_json, origin = excluded.origin, z = excluded.z, hidden = excluded.hidden, locked = excluded.locked,
        revision = excluded.revision, updated_at = excluded.updated_at`);
    const del = this.db.prepare('DELETE FROM annotation_objects WHERE task_id = ? AND annotator = ? AND id = ?');
    const backward: ObjectOp[] = [];
    const touched = new Map<string, AnnotationObject | null>();
    const t = this.now();
    for (const op of ops) {
      const id = op.op === 'put' ? op.object.id : op.id;
      const prevRow = get.get(taskId, this.annotator, id) as ObjectRow | undefined;
      const prev = prevRow ? toObject(prevRow) : null;
      if (op.op === 'put') {
        const o = op.object;
        const geometry = JSON.stringify(o.geometry);
        if (userEdit && prev && prev.locked && o.locked && prevRow!.geometry_json !== geometry)
          throw new TaggerError('locked', `"${prev.label}" is locked; unlock it before moving or reshaping it.`, { id });
        put.run({
          id, task_id: taskId, annotator: this.annotator, kind: o.kind, label: o.label, geometry_json: geometry, attributes_json: JSON.stringify(o.attributes),
          origin: o.origin, z: o.z, hidden: o.hidden ? 1 : 0, locked: o.locked ? 1 : 0, revision: (prev?.revision ?? 0) + 1, updated_at: t,
        });
        backward.push(prev ? { op: 'put', object: toInput(prev) } : { op: 'delete', id });
        touched.set(id, toObject(get.get(taskId, this.annotator, id) as ObjectRow));
      } else if (prev) {
        del.run(taskId, this.annotator, id);
        backward.push({ op: 'put', object: toInput(prev) });
        touched.set(id, null);
      }
    }
    backward.reverse();
    const upserted: AnnotationObject[] = [];
    const deleted: string[] = [];
    for (const [id, o] of touched) if (o) upserted.push(o); else deleted.push(id);
    return { backward, upserted, deleted };
  }
}
