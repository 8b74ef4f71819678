// Annotators' versions of a task: the objects live in annotation_objects under the annotator's name (the local
// user's own work is "local"); task_versions records where each version came from and the hash it had when stored,
// so a review can tell when a version changed under it.
import { nativeContentHash } from '../../network/verify/nativeCrypto.ts';
import type { Db } from '../store/db.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import { AnnotationRepository } from '../store/repositories/annotations.ts';
import type { AnnotationObject, ObjectInput } from '../../shared/domain.ts';
import { annotationDocument } from '../../shared/signing/document.ts';
import { TaggerError } from '../../shared/errors.ts';
import { shapeKey } from '../../shared/formats/shapeKey.ts';

export const LOCAL_ANNOTATOR = 'local';
/** The source of versions that are a dataset's repeated records (written back by text export). */
export const REPEAT_SOURCE = 'import:file';
const NAME = /^[\p{L}\p{N}_.@-]{1,64}$/u;

/** A version's annotator name, or a clear error saying what a name may be. */
export function checkAnnotatorName(name: string): string {
  const n = name.trim();
  if (!NAME.test(n)) throw new TaggerError('invalid_argument', `Annotator name "${name}" is not usable: use 1–64 letters, digits, "_", ".", "@" or "-" (for example --annotator alice).`);
  if (n.startsWith('@')) throw new TaggerError('invalid_argument', `Annotator names starting with "@" are reserved (the review draft is "@consensus"); choose another (for example --annotator ${n.slice(1) || 'alice'}).`);
  if (n === LOCAL_ANNOTATOR) throw new TaggerError('invalid_argument', `"${LOCAL_ANNOTATOR}" is your own work on this workstation; name the other annotator (for example --annotator alice).`);
  return n;
}

export interface TaskVersion {
  taskId: string;
  annotator: string;
  source: string;
  signer: string | null;
  submissionId: string | null;
  contentHash: string;
  createdAt: number;
  /** What the source said about this version (a repeated doccano line's id and meta), for export. */
  meta: Record<string, unknown>;
}

interface Row { task_id: string; annotator: string; source: string; signer: string | null; submission_id: string | null; content_hash: string; created_at: number; meta_json: string }
const toVersion = (r: Row): TaskVersion => ({
  taskId: r.task_id, annotator: r.annotator, source: r.source, signer: r.signer, submissionId: r.submission_id, contentHash: r.content_hash, createdAt: r.created_at,
  meta: JSON.parse(r.meta_json ?? '{}') as Record<string, unknown>,
});

export function documentHash(taskId: string, objects: readonly (AnnotationObject | ObjectInput)[]): string {
  return nativeContentHash(annotationDocument(taskId, objects));
}

export class VersionRepository {
  constructor(private readonly db: Db, private readonly tasks: TaskRepository, private readonly now: () => number = Date.now) {}

  /** The objects store of one annotator (their own undo history included). */
  objectsOf(annotator: string): AnnotationRepository {
    return new AnnotationRepository(this.db, this.tasks, this.now, annotator);
  }

  /** Annotators' versions; reserved "@" names (the validator's draft) only with `withReserved`. */
  list(taskId: string, withReserved = false): TaskVersion[] {
    const rows = (this.db.prepare('SELECT * FROM task_versions WHERE task_id = ? ORDER BY annotator').all(taskId) as Row[]).map(toVersion);
    return withReserved ? rows : rows.filter((v) => !v.annotator.startsWith('@'));
  }

  /** Tasks of a project with at least `min` versions, in queue order. */
  tasksWithVersions(projectId: string, min = 2): string[] {
    return this.db.prepare(`
      SELECT t.id FROM tasks t JOIN task_versions v ON v.task_id = t.id WHERE t.project_id = ?
      AND v.annotator NOT LIKE '@%'
      GROUP BY t.id HAVING count(*) >= ? ORDER BY t.position`).pluck().all(projectId, min) as string[];
  }

  /** Records (or refreshes) the provenance of a version after its objects were written; same transaction as the write. */
  record(taskId: string, annotator: string, source: string, extra: { signer?: string; submissionId?: string; meta?: Record<string, unknown> } = {}): TaskVersion {
    const objects = this.objectsOf(annotator).list(taskId);
    const row: Row = {
      task_id: taskId, annotator, source, signer: extra.signer ?? null, submission_id: extra.submissionId ?? null, content_hash: documentHash(taskId, objects), created_at: this.now(),
      meta_json: JSON.stringify(extra.meta ?? {}),
    };
    this.db.prepare(`INSERT INTO task_versions(task_id, annotator, source, signer, submission_id, content_hash, created_at, meta_json)
      VALUES (@task_id, @annotator, @source, @signer, @submission_id, @content_hash, @created_at, @meta_json)
      ON CONFLICT(task_id, annotator) DO UPDATE SET source = excluded.source, signer = excluded.signer,
        submission_id = excluded.submission_id, content_hash = excluded.content_hash, created_at = excluded.created_at,
        meta_json = CASE WHEN excluded.meta_json = '{}' THEN task_versions.meta_json ELSE excluded.meta_json END`).run(row);
    return toVersion(row);
  }

  /** Writes a whole version (replacing that annotator's objects on the task) and records it, in one transaction. */
  put(taskId: string, annotator: string, objects: ObjectInput[], source: string, extra: { signer?: string; submissionId?: string; meta?: Record<string, unknown> } = {}): TaskVersion {
    return this.db.transaction(() => {
      this.objectsOf(annotator).replaceAll(taskId, objects);
      return this.record(taskId, annotator, source, extra);
    })();
  }

  /** A record of the source that repeats this task's text with other labels (a second doccano line), kept whole as
   *  another annotator's version named after its source id ("line-8", else "copy-2"), its id and metadata in
   *  `meta` for export. False when that record is already there (by id; without one, by the same shapes): a
   *  re-import adds nothing and never overwrites a version. */
  addRepeat(taskId: string, objects: ObjectInput[], meta: { sourceName?: unknown } & Record<string, unknown>): boolean {
    const line = meta.sourceName;
    const existing = this.list(taskId);
    const shapes = (os: readonly (ObjectInput | AnnotationObject)[]) => os.filter((o) => o.kind !== 'relation').map((o) => shapeKey(o.kind, o.label, o.geometry)).sort().join('\n');
    const mine = shapes(objects);
    if (existing.some((v) => (line !== undefined ? v.meta.sourceName === line : shapes(this.objectsOf(v.annotator).list(taskId)) === mine))) return false;
    const base = line === undefined ? 'copy' : `line-${String(line).replace(/[^\p{L}\p{N}_.@-]+/gu, '_').slice(0, 50)}`;
    let name = line === undefined ? `${base}-2` : base;
    for (let k = 2; existing.some((v) => v.annotator === name); k++) name = `${base}-${k}`;
    this.put(taskId, name, objects, REPEAT_SOURCE, { meta });
    return true;
  }

  /** Each version with its current objects and whether they still hash as recorded. */
  load(taskId: string): (TaskVersion & { objects: AnnotationObject[]; changed: boolean })[] {
    return this.list(taskId, false).map((v) => {
      const objects = this.objectsOf(v.annotator).list(taskId);
      return { ...v, objects, changed: documentHash(taskId, objects) !== v.contentHash };
    });
  }
}
