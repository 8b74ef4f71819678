// Reads what a bundle carries out of the store: the project, the chosen tasks, their assets, every annotator's
// objects on them, their signed submissions and reviews. The local working copy (annotator 'local') is written
// under the exporter's address, since that is whose work it is once it leaves this machine.
import type { Db } from '../store/db.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { BundleProject } from '../../shared/bundle/manifest.ts';
import type { BundleAsset, BundleObject, BundleRecords, BundleReview, BundleSubmission, BundleTask, BundleVersion } from '../../shared/bundle/records.ts';
import { LOCAL_ANNOTATOR } from '../review/versions.ts';
import { TaskRepository } from '../store/repositories/tasks.ts';

export interface Collected {
  project: BundleProject;
  records: BundleRecords;
}

export function collectProject(db: Db, projectId: string, exporter: string, taskIds?: string[]): Collected {
  const p = db.prepare('SELECT id, name, schema_json, instructions, policy_json FROM projects WHERE id = ?').get(projectId) as
    | { id: string; name: string; schema_json: string; instructions: string; policy_json: string }
    | undefined;
  if (!p) throw new TaggerError('not_found', `No project with id ${projectId}.`);
  const project: BundleProject = { id: p.id, name: p.name, schema: JSON.parse(p.schema_json), instructions: p.instructions, policy: JSON.parse(p.policy_json) };
  const allTasks = db.prepare('SELECT id, asset_id, status, difficulty, assignee, position, source_ref FROM tasks WHERE project_id = ? ORDER BY position, id').all(projectId) as {
    id: string; asset_id: string; status: BundleTask['status']; difficulty: number; assignee: string | null; position: number; source_ref: string | null;
  }[];
  let chosen = allTasks;
  if (taskIds?.length) {
    const want = new Set(taskIds);
    chosen = allTasks.filter((t) => want.has(t.id));
    const have = new Set(chosen.map((t) => t.id));
    const missing = taskIds.filter((id) => !have.has(id));
    if (missing.length) throw new TaggerError('not_found', `Project "${p.name}" has no task ${missing.slice(0, 5).join(', ')}. List its tasks in the app or leave out --tasks to export them all.`);
  }
  const sources = new TaskRepository(db).sources(projectId);
  const tasks: BundleTask[] = chosen.map((t) => ({
    id: t.id, assetId: t.asset_id, status: t.status, difficulty: t.difficulty, assignee: t.assignee, position: t.position,
    ...(t.source_ref !== null ? { sourceRef: t.source_ref } : {}), ...(sources.has(t.id) ? { source: sources.get(t.id) } : {}),
  }));
  const assetStmt = db.prepare('SELECT id, kind, mime, original_name, size, width, height, duration_ms, meta_json FROM assets WHERE id = ?');
  const seen = new Set<string>();
  const assets: BundleAsset[] = [];
  for (const t of tasks) {
    if (seen.has(t.assetId)) continue;
    seen.add(t.assetId);
    const a = assetStmt.get(t.assetId) as { id: string; kind: BundleAsset['kind']; mime: string; original_name: string; size: number; width: number | null; height: number | null; duration_ms: number | null; meta_json: string };
    assets.push({ id: a.id, kind: a.kind, mime: a.mime, originalName: a.original_name, size: a.size, width: a.width, height: a.height, durationMs: a.duration_ms, meta: JSON.parse(a.meta_json) });
  }
  const objects: BundleObject[] = [];
  const submissions: BundleSubmission[] = [];
  const reviews: BundleReview[] = [];
  const versions: BundleVersion[] = [];
  const objStmt = db.prepare('SELECT id, annotator, kind, label, geometry_json, attributes_json, origin, z FROM annotation_objects WHERE task_id = ? ORDER BY annotator, z, id');
  const subStmt = db.prepare('SELECT id, payload_json, signature, document_json, state, created_at FROM submissions WHERE task_id = ? ORDER BY created_at, id');
  const revStmt = db.prepare('SELECT id, reviewer, verdict, comment, payload_json, signature, created_at, submission_ids_json, consensus_hash, reason FROM reviews WHERE task_id = ? ORDER BY created_at, id');
  const verStmt = db.prepare('SELECT annotator, source, signer, submission_id, content_hash, created_at FROM task_versions WHERE task_id = ? ORDER BY annotator');
  for (const t of tasks) {
    for (const o of objStmt.all(t.id) as { id: string; annotator: string; kind: BundleObject['kind']; label: string; geometry_json: string; attributes_json: string; origin: BundleObject['origin']; z: number }[]) {
      objects.push({ id: o.id, taskId: t.id, annotator: o.annotator === LOCAL_ANNOTATOR ? exporter : o.annotator, kind: o.kind, label: o.label, geometry: JSON.parse(o.geometry_json), attributes: JSON.parse(o.attributes_json), origin: o.origin, z: o.z });
    }
    for (const s of subStmt.all(t.id) as { id: string; payload_json: string; signature: string; document_json: string; state: BundleSubmission['state']; created_at: number }[]) {
      const { message, domain } = JSON.parse(s.payload_json);
      submissions.push({ id: s.id, taskId: t.id, message, domain, signature: s.signature, document: JSON.parse(s.document_json), state: s.state, createdAt: s.created_at });
    }
    for (const r of revStmt.all(t.id) as { id: string; reviewer: string; verdict: string; comment: string; payload_json: string | null; signature: string | null; created_at: number; submission_ids_json: string; consensus_hash: string | null; reason: string }[]) {
      reviews.push({
        id: r.id, taskId: t.id, reviewer: r.reviewer, verdict: r.verdict, comment: r.comment, submissionIds: JSON.parse(r.submission_ids_json), consensusHash: r.consensus_hash, reason: r.reason,
        payload: r.payload_json ? JSON.parse(r.payload_json) : null, signature: r.signature, createdAt: r.created_at,
      });
    }
    for (const v of verStmt.all(t.id) as { annotator: string; source: string; signer: string | null; submission_id: string | null; content_hash: string; created_at: number }[]) {
      versions.push({ taskId: t.id, annotator: v.annotator === LOCAL_ANNOTATOR ? exporter : v.annotator, source: v.source, signer: v.signer, submissionId: v.submission_id, contentHash: v.content_hash, createdAt: v.created_at });
    }
  }
  return { project, records: { assets, tasks, objects, submissions, reviews, versions } };
}
