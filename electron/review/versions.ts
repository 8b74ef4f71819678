// Annotators' versions of a task: the objects live in annotation_objects under the annotator's name (the local
// user's own work is "local"); task_versions records where each version came from and the hash it had when stored,
// so a review can tell when a version changed under it.
import type { Db } from '../store/db.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import { AnnotationRepository } from '../store/repositories/annotations.ts';
import type { AnnotationObject, ObjectInput } from '../../shared/domain.ts';
import { annotationDocument, contentHash } from '../../shared/signing/document.ts';
import { TaggerError } from '../../shared/errors.ts';

export const LOCAL_ANNOTATOR = 'local';
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
}

interface Row { task_id: string; annotator: string; source: string; signer: string | null; submission_id: string | null; content_hash: string; created_at: number }
const toVersion = (r: Row): TaskVersion => ({ taskId: r.task_id, annotator: r.annotator, source: r.source, signer: r.signer, submissionId: r.submission_id, contentHash: r.content_hash, createdAt: r.created_at });

export function documentHash(taskId: string, objects: readonly (AnnotationObject | ObjectInput)[]): string {
  return contentHash(annotationDocument(taskId, objects));
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
  record(taskId: string, annotator: string, source: string, extra: { signer?: string; submissionId?: string } = {}): TaskVersion {
    const objects = this.objectsOf(annotator).list(taskId);
    const row: Row = { task_id: taskId, annotator, source, signer: extra.signer ?? null, submission_id: extra.submissionId ?? null, content_hash: documentHash(taskId, objects), created_at: this.now() };
    this.db.prepare(`INSERT INTO task_versions(task_id, annotator, source, signer, submission_id, content_hash, created_at)
      VALUES (@task_id, @annotator, @source, @signer, @submission_id, @content_hash, @created_at)
      ON CONFLICT(task_id, annotator) DO UPDATE SET source = excluded.source, signer = excluded.signer,
        submission_id = excluded.submission_id, content_hash = excluded.content_hash, created_at = excluded.created_at`).run(row);
    return toVersion(row);
  }

  /** Writes a whole version (replacing that annotator's objects on the task) and records it, in one transaction. */
  put(taskId: string, annotator: string, objects: ObjectInput[], source: string, extra: { signer?: string; submissionId?: string } = {}): TaskVersion {
    return this.db.transaction(() => {
      this.objectsOf(annotator).replaceAll(taskId, objects);
      return this.record(taskId, annotator, source, extra);
    })();
  }

  /** Each version with its current objects and whether they still hash as recorded. */
  load(taskId: string): (TaskVersion & { objects: AnnotationObject[]; changed: boolean })[] {
    return this.list(taskId, false).map((v) => {
      const objects = this.objectsOf(v.annotator).list(taskId);
      return { ...v, objects, changed: documentHash(taskId, objects) !== v.contentHash };
    });
  }
}
