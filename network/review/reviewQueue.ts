// What a validator is served: tasks whose k submissions are in (accepted count reached the project's redundancy),
// that nobody has reviewed yet and that the validator did not work on, each with every submission as signed (so the
// workstation checks each signature itself). The SQL is written once for SQLite and once for PostgreSQL.
import { microToTag } from '../../shared/microTag.ts';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { AssetKind } from '../../shared/domain.ts';
import type { ReviewQueueItem } from '../store/NodeStore.ts';

interface TaskRow { seq: number; taskId: string; projectId: string; sha256: string; kind: AssetKind; name: string; mime: string; size: number | null; difficulty: number; baseReward: number; projectName: string; schema: string; instructions: string }
interface SubRow { id: string; annotator: string; nonce: string; createdAt: string; contentHash: string; signature: string; document: string }

const COLS = `t.seq, t.id AS "taskId", t.project_id AS "projectId", t.asset_sha256 AS sha256, t.kind, t.asset_name AS name, a.mime, a.size, t.difficulty,
  p.base_reward AS "baseReward", p.name AS "projectName", p.schema, p.instructions`;
const WHERE = `t.accepted >= p.redundancy AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.task_id = t.id)`;

function toItem(t: TaskRow, subs: SubRow[]): ReviewQueueItem {
  const parse = (j: string, fallback: unknown) => { try { return JSON.parse(j) as unknown; } catch { return fallback; } };
  return {
    taskId: t.taskId, projectId: t.projectId, project: { name: t.projectName, schema: parse(t.schema, {}), instructions: t.instructions },
    asset: { sha256: t.sha256, kind: t.kind, mime: t.mime, name: t.name, size: t.size === null ? null : Number(t.size) }, difficulty: t.difficulty, baseReward: microToTag(t.baseReward),
    submissions: subs.map((s) => ({ ...s, createdAt: String(s.createdAt), document: parse(s.document, null) })),
  };
}

export function sqliteReviewQueue(db: Database.Database, validator: string, max: number): ReviewQueueItem[] {
  const tasks = db.prepare(`SELECT ${COLS} FROM tasks t JOIN projects p ON p.id = t.project_id JOIN assets a ON a.sha256 = t.asset_sha256
    WHERE ${WHERE} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.task_seq = t.seq AND s.annotator = ?) ORDER BY t.seq LIMIT ?`).all(validator, max) as TaskRow[];
  const subs = db.prepare(`SELECT '0x' || lower(hex(id)) AS id, annotator, nonce, CAST(created_at AS TEXT) AS "createdAt", content_hash AS "contentHash", signature, document
    FROM submissions WHERE task_seq = ? ORDER BY seq`);
  return tasks.map((t) => toItem(t, subs.all(t.seq) as SubRow[]));
}

export async function postgresReviewQueue(q: pg.Pool, validator: string, max: number): Promise<ReviewQueueItem[]> {
  const tasks = (await q.query<TaskRow>(`SELECT ${COLS} FROM tasks t JOIN projects p ON p.id = t.project_id JOIN assets a ON a.sha256 = t.asset_sha256
    WHERE ${WHERE} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.task_seq = t.seq AND s.annotator = $1) ORDER BY t.seq LIMIT $2`, [validator, max])).rows;
  const out: ReviewQueueItem[] = [];
  for (const t of tasks) {
    const subs = (await q.query<SubRow>(`SELECT '0x' || encode(id, 'hex') AS id, annotator, nonce, created_at::text AS "createdAt", content_hash AS "contentHash", signature, document
      FROM submissions WHERE task_seq = $1 ORDER BY seq`, [t.seq])).rows;
    out.push(toItem(t, subs));
  }
  return out;
}
