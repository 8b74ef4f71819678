// Writes a verified bundle into the store. Planning reads only, and refuses what cannot merge (media the bundle
// leaves out and this store lacks); then media are moved from staging
// into the content-addressed store and every row is written in ONE transaction. Merging is by id: rows already
// here are kept, nothing is duplicated; two different signed versions of a task by one annotator are both kept
// and the task is flagged for review.
import fs from 'node:fs';
import type { Db } from '../store/db.ts';
import type { MediaStore } from '../media/mediaStore.ts';
import { mediaEntry, type BundleManifest } from '../../shared/bundle/manifest.ts';
import type { BundleRecords, BundleTask } from '../../shared/bundle/records.ts';
import type { BundleImportReport } from '../../shared/api/bundles.ts';
import { problem, type BundleProblem } from '../../shared/bundle/problems.ts';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import type { StagedBundle } from './reader.ts';
import { LOCAL_ANNOTATOR, VersionRepository } from '../review/versions.ts';
import { TaskRepository } from '../store/repositories/tasks.ts';
import { sameAddress } from './signature.ts';
import { BUNDLE_NODE_URL } from '../sync/outbox.ts';
import type { LabelSchema } from '../../shared/domain.ts';
import { isSegment } from '../../shared/geometry/segment.ts';
import { exclusiveOverlap, overlapText, type TimedSegment } from '../../shared/geometry/tierOverlap.ts';


export type MergeReport = Omit<BundleImportReport, 'signer'>;

export interface MergeDeps {
  db: Db;
  media: MediaStore;
  now: () => number;
  /** The local wallet: its own objects coming back become the working copy again. */
  localAddress: string | null;
}

/** Problems that stop the merge, found without writing anything. */
export function planMerge(deps: MergeDeps, manifest: BundleManifest, records: BundleRecords, staged: StagedBundle): BundleProblem[] {
  const out: BundleProblem[] = [];
  const hasAsset = deps.db.prepare('SELECT 1 FROM assets WHERE id = ?');
  for (const a of records.assets) {
    if (staged.files.has(mediaEntry(a.id)) || (hasAsset.get(a.id) && deps.media.has(a.id))) continue;
    out.push(problem('missing_media', `The bundle does not carry the media of ${a.originalName} (${a.id.slice(0, 12)}…) and this store does not have it. Ask for a bundle exported with --with-media.`, a.id));
    if (out.length > 20) break;
  }
  const overlap = workingCopyOverlap(deps, manifest, records);
  if (overlap) out.push(overlap);
  return out;
}

/** The task here that a bundle's task is: the same id, or the same asset in the same project (imported separately
 *  on both machines); undefined when it is new here. */
function localTasks(db: Db, projectId: string): (t: Pick<BundleTask, 'id' | 'assetId'>) => string | undefined {
  const byId = db.prepare('SELECT id FROM tasks WHERE id = ?').pluck();
  const byAsset = db.prepare('SELECT id FROM tasks WHERE project_id = ? AND asset_id = ?').pluck();
  return (t) => (byId.get(t.id) as string | undefined) ?? (byAsset.get(projectId, t.assetId) as string | undefined);
}

/** This machine's own work coming back joins its working copy by id: where the project marks an audio tier
 *  'No overlap', a segment it brings may not overlap one there (a backup bringing back a deleted segment under a
 *  new one, say). The first such overlap, as a problem that names the item, tier and times. Others' versions are
 *  signed records, shown for review as they were made, and are not checked. */
function workingCopyOverlap(deps: MergeDeps, manifest: BundleManifest, records: BundleRecords): BundleProblem | null {
  const stored = deps.db.prepare('SELECT schema_json FROM projects WHERE id = ?').pluck().get(manifest.project.id) as string | undefined;
  const tiers = ((stored ? JSON.parse(stored) : manifest.project.schema) as LabelSchema).audio?.tiers ?? [];
  if (!tiers.some((t) => t.exclusive)) return null;
  // As applyMerge's localName: the objects that land in the working copy here.
  const mine = (annotator: string) => annotator === LOCAL_ANNOTATOR || (!!deps.localAddress && sameAddress(annotator, deps.localAddress));
  const incoming = new Map<string, TimedSegment[]>();
  for (const o of records.objects) {
    if (o.kind !== 'segment' || !isSegment(o.geometry) || !mine(o.annotator)) continue;
    let list = incoming.get(o.taskId);
    if (!list) incoming.set(o.taskId, (list = []));
    list.push({ id: o.id, start: o.geometry.start, end: o.geometry.end, tier: o.geometry.tier ?? '' });
  }
  if (!incoming.size) return null;
  const localTask = localTasks(deps.db, manifest.project.id);
  const here = deps.db.prepare(`SELECT id, geometry_json FROM annotation_objects WHERE task_id = ? AND annotator = '${LOCAL_ANNOTATOR}' AND kind = 'segment'`);
  for (const t of records.tasks) {
    const brought = incoming.get(t.id);
    const id = brought && localTask(t);
    if (!brought || !id) continue; // a task new here has only the bundle's segments, as they were made
    const have = (here.all(id) as { id: string; geometry_json: string }[]).map((r) => ({ id: r.id, ...(JSON.parse(r.geometry_json) as { start: number; end: number; tier: string }) }));
    const ids = new Set(have.map((s) => s.id));
    // A segment here keeps its row (merging is by id): only the bundle's others are added.
    const added = new Set(brought.filter((s) => !ids.has(s.id!)));
    const clash = exclusiveOverlap(tiers, [...have, ...added], (s) => added.has(s));
    if (!clash) continue;
    const name = records.assets.find((a) => a.id === t.assetId)?.originalName ?? t.id;
    return problem('conflict', `Your own work on ${name} in this bundle would overlap your segments here: ${overlapText(clash)}. Nothing was imported: fix it on the machine that made the bundle and export it again, or untick "No overlap" for ${clash.tier.name} in this project's labels and schema.`, t.id);
  }
  return null;
}

export function applyMerge(deps: MergeDeps, manifest: BundleManifest, records: BundleRecords, staged: StagedBundle): MergeReport {
  const { db, media } = deps;
  // Media first: content-addressed, so a file already here is the same file, and an unused one harms nothing.
  for (const a of records.assets) {
    const file = staged.files.get(mediaEntry(a.id));
    if (!file || media.has(a.id)) continue;
    const dest = media.pathOf(a.id);
    fs.mkdirSync(dest.slice(0, dest.lastIndexOf('/')), { recursive: true });
    fs.renameSync(file, dest);
  }
  const now = deps.now();
  const p = manifest.project;
  /** This machine's own work coming back is its working copy again. */
  const localName = (annotator: string) => (deps.localAddress && sameAddress(annotator, deps.localAddress) ? LOCAL_ANNOTATOR : annotator);
  // Another project may already use the name here (each machine's own "Demo"): the bundle's gets a distinct one.
  const existing = db.prepare('SELECT name FROM projects WHERE id = ?').pluck().get(p.id) as string | undefined;
  let name = existing ?? p.name;
  for (let i = 2; !existing && db.prepare('SELECT 1 FROM projects WHERE name = ?').get(name); i++) name = `${p.name} (${i})`;
  const r: MergeReport = {
    projectId: p.id, projectName: name, projectCreated: false,
    tasks: { added: 0, existing: 0 }, assets: { added: 0, existing: 0 }, objects: { added: 0, existing: 0, keptLocal: 0 },
    submissions: { added: 0, existing: 0 }, reviews: { added: 0, existing: 0 }, flagged: [],
  };
  db.transaction(() => {
    const proj = db.prepare('INSERT OR IGNORE INTO projects(id, name, schema_json, instructions, policy_json, created_at, updated_at) VALUES (?,?,?,?,?,?,?)')
      .run(p.id, name, JSON.stringify(p.schema), p.instructions, JSON.stringify(p.policy), now, now);
    r.projectCreated = proj.changes > 0;

    const insAsset = db.prepare('INSERT OR IGNORE INTO assets(id, kind, mime, original_name, size, width, height, duration_ms, meta_json, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)');
    // A bundle written before schema 14 carries a text's source in its asset's meta: it goes to the tasks of that
    // asset here, as the migration did, and the shared asset stays free of one project's metadata.
    const legacySource = new Map<string, NonNullable<BundleTask['source']>>();
    for (const a of records.assets) {
      const { sourceName, sourceMeta, conllColumns, ...meta } = a.meta as Record<string, unknown>;
      const src = {
        ...(typeof sourceName === 'string' ? { sourceName } : {}),
        ...(sourceMeta && typeof sourceMeta === 'object' && !Array.isArray(sourceMeta) ? { sourceMeta: sourceMeta as Record<string, never> } : {}),
        ...(typeof conllColumns === 'string' ? { conllColumns } : {}),
      };
      if (Object.keys(src).length) legacySource.set(a.id, src);
      const c = insAsset.run(a.id, a.kind, a.mime, a.originalName, a.size, a.width, a.height, a.durationMs, JSON.stringify(meta), now).changes;
      if (c) r.assets.added++;
      else r.assets.existing++;
    }

    // A task here under another id for the same asset is the same task (imported separately on both machines).
    const taskHere = localTasks(db, p.id);
    const insTask = db.prepare('INSERT INTO tasks(id, project_id, asset_id, status, difficulty, assignee, position, source_ref, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)');
    // A task here keeps its own source reference; one that has none takes the bundle's.
    const fillRef = db.prepare('UPDATE tasks SET source_ref = ? WHERE id = ? AND source_ref IS NULL');
    // The same for what the text's source file said (task_sources): a task here that has its own keeps it.
    const fillSource = db.prepare('INSERT INTO task_sources(task_id, source_json, conll_columns) VALUES (?, ?, ?) ON CONFLICT(task_id) DO NOTHING');
    const putSource = (taskId: string, src: BundleTask['source']) => {
      if (!src) return;
      const { conllColumns, ...rest } = src;
      fillSource.run(taskId, JSON.stringify(rest), conllColumns ?? null);
    };
    const localTask = new Map<string, string>();
    for (const t of records.tasks) {
      const same = taskHere(t);
      if (same) {
        localTask.set(t.id, same);
        if (t.sourceRef) fillRef.run(t.sourceRef, same);
        putSource(same, t.source ?? legacySource.get(t.assetId));
        r.tasks.existing++;
      } else {
        insTask.run(t.id, p.id, t.assetId, t.status, t.difficulty, t.assignee, t.position, t.sourceRef ?? null, now, now);
        putSource(t.id, t.source ?? legacySource.get(t.assetId));
        localTask.set(t.id, t.id);
        r.tasks.added++;
      }
    }

    const objectGroups = new Set<string>();
    // Insert first, look up only what was already here: one statement per object in the usual case (a task new here).
    const insObj = db.prepare('INSERT OR IGNORE INTO annotation_objects(id, task_id, annotator, kind, label, geometry_json, attributes_json, origin, z, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)');
    const getObj = db.prepare('SELECT kind, label, geometry_json, attributes_json, origin FROM annotation_objects WHERE task_id = ? AND annotator = ? AND id = ?');
    const names = new Map<string, string>();
    for (const o of records.objects) {
      const taskId = localTask.get(o.taskId)!;
      let annotator = names.get(o.annotator);
      if (annotator === undefined) names.set(o.annotator, (annotator = localName(o.annotator)));
      objectGroups.add(`${taskId}\u0000${annotator}`);
      if (insObj.run(o.id, taskId, annotator, o.kind, o.label, JSON.stringify(o.geometry), JSON.stringify(o.attributes), o.origin, o.z, now).changes) {
        r.objects.added++;
        continue;
      }
      const here = getObj.get(taskId, annotator, o.id) as { kind: string; label: string; geometry_json: string; attributes_json: string; origin: string };
      if (here.kind === o.kind && here.label === o.label && here.origin === o.origin && canonicalJson(JSON.parse(here.geometry_json)) === canonicalJson(o.geometry) && canonicalJson(JSON.parse(here.attributes_json)) === canonicalJson(o.attributes)) {
        r.objects.existing++;
      } else {
        r.objects.keptLocal++;
      }
    }

    const insSub = db.prepare(`INSERT OR IGNORE INTO submissions(id, task_id, kind, payload_json, signature, content_hash, document_json, state, annotator, node_url, created_at)
                               VALUES (?, ?, 'submission', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const touched = new Set<string>();
    for (const x of records.submissions) {
      const taskId = localTask.get(x.taskId)!;
      // Work signed here and coming back may sync from here; others' work is marked as carried by a bundle so the
      // sync engine (which sends rows for its node or for none) never sends it on their behalf.
      const own = deps.localAddress && sameAddress(x.message.annotator, deps.localAddress);
      const c = insSub.run(x.id, taskId, JSON.stringify({ message: x.message, domain: x.domain }), x.signature, x.message.contentHash, JSON.stringify(x.document),
        x.state, x.message.annotator, own ? null : BUNDLE_NODE_URL, x.createdAt).changes;
      if (c) r.submissions.added++;
      else r.submissions.existing++;
      touched.add(`${taskId}\u0000${x.message.annotator.toLowerCase()}`);
    }
    const versions = db.prepare('SELECT count(DISTINCT content_hash) FROM submissions WHERE task_id = ? AND lower(annotator) = ?').pluck();
    const flag = db.prepare('INSERT OR IGNORE INTO task_flags(task_id, annotator, reason, detail, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const key of touched) {
      const [taskId, annotator] = key.split('\u0000');
      const n = versions.get(taskId, annotator) as number;
      if (n > 1) {
        flag.run(taskId, annotator, 'versions', `${n} different signed versions`, now);
        r.flagged.push({ taskId, annotator, versions: n });
      }
    }

    const insRev = db.prepare(`INSERT OR IGNORE INTO reviews(id, task_id, reviewer, verdict, comment, payload_json, signature, created_at, submission_ids_json, consensus_hash, reason)
                               VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
    for (const x of records.reviews) {
      const c = insRev.run(x.id, localTask.get(x.taskId)!, x.reviewer, x.verdict, x.comment, x.payload ? JSON.stringify(x.payload) : null, x.signature, x.createdAt,
        JSON.stringify(x.submissionIds), x.consensusHash, x.reason).changes;
      if (c) r.reviews.added++;
      else r.reviews.existing++;
    }

    // Review mode reads each annotator's version through task_versions: keep the bundle's, and record one for
    // every other annotator whose objects arrived without it (signed by them when they submitted it).
    const insVer = db.prepare('INSERT OR IGNORE INTO task_versions(task_id, annotator, source, signer, submission_id, content_hash, created_at) VALUES (?,?,?,?,?,?,?)');
    for (const v of records.versions) insVer.run(localTask.get(v.taskId)!, localName(v.annotator), v.source, v.signer, v.submissionId, v.contentHash, v.createdAt);
    const hasVersion = db.prepare('SELECT 1 FROM task_versions WHERE task_id = ? AND annotator = ?');
    const lastSubmission = db.prepare('SELECT id FROM submissions WHERE task_id = ? AND lower(annotator) = lower(?) ORDER BY created_at DESC, id LIMIT 1').pluck();
    const versionRepo = new VersionRepository(db, new TaskRepository(db, deps.now), deps.now);
    for (const key of objectGroups) {
      const [taskId, annotator] = key.split('\u0000');
      if (annotator === LOCAL_ANNOTATOR || hasVersion.get(taskId, annotator)) continue;
      const isAddress = /^0x[0-9a-fA-F]{40}$/.test(annotator);
      const submissionId = isAddress ? (lastSubmission.get(taskId, annotator) as string | undefined) : undefined;
      versionRepo.record(taskId, annotator, 'bundle', submissionId ? { signer: annotator, submissionId } : {});
    }
  })();
  return r;
}
