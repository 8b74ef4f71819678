// Test fixtures for bundles: workstations with wallets and no node, a project with a few tasks, and snapshots of a
// store (its exact bytes, for "nothing written"; its content hashes, for "the same work").
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { CoreContext } from '../../core/context.ts';
import { openWorkstation, type Workstation } from '../../sync/testing/workstation.ts';
import { annotationDocument, contentHash } from '../../../shared/signing/document.ts';
import type { BundleService } from '../bundleService.ts';
import { DB_FILE } from '../../core/createCore.ts';
import { Wallet } from 'ethers';
import { DEFAULT_DOMAIN, ZERO_HASH, type ReviewMessage, type ReviewVerdict } from '../../../shared/signing/typedData.ts';
import { reviewDigest } from '../../../shared/signing/reviewDigest.ts';

export const KEYS = { lead: '0x' + '1a'.repeat(32), ann1: '0x' + '2b'.repeat(32), ann2: '0x' + '3c'.repeat(32), stranger: '0x' + '4d'.repeat(32) };

export interface Station extends Workstation {
  bundles: BundleService;
}

export async function openStation(key: string, dataDir?: string): Promise<Station> {
  const ws = await openWorkstation({ nodeUrl: 'http://127.0.0.1:9', key, dataDir });
  return Object.assign(ws, { bundles: ws.core.bundles });
}

/** A project of `n` small text tasks (and one PNG-like binary asset) with boxes and spans on some. */
export function seedProject(core: CoreContext, n = 3, name = 'Stick'): { projectId: string; taskIds: string[] } {
  const project = core.projects.findByName(name) ?? core.projects.create({ name });
  const taskIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const bytes = new TextEncoder().encode(`Document ${i} of ${name}: the quick brown fox jumps over the lazy dog.\n`);
    const sha = core.media.putBytes(bytes);
    core.assets.insertIfMissing({ id: sha, kind: 'text', mime: 'text/plain', originalName: `doc-${i}.txt`, size: bytes.length, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
    taskIds.push(core.tasks.create(project.id, sha).id);
  }
  return { projectId: project.id, taskIds };
}

export function addSpan(core: CoreContext, taskId: string, id: string, label: string, start = 4, end = 9): void {
  core.annotations.edit(taskId, { label: 'Add span', ops: [{ op: 'put', object: { id, kind: 'span', label, geometry: { start, end }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } }] });
}

/** The exact bytes of the store (database, its WAL, every media file), as one hash per file. */
export function storeBytes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== `${DB_FILE}-shm`) out[path.relative(dataDir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dataDir);
  // List directories too, so a leftover (empty) staging folder is noticed.
  const dirs: string[] = [];
  const walkDirs = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) { dirs.push(path.relative(dataDir, path.join(dir, e.name))); walkDirs(path.join(dir, e.name)); }
  };
  walkDirs(dataDir);
  out['(dirs)'] = dirs.sort().join(',');
  return out;
}

/** What a project holds, by content: per task its asset, and per annotator the content hash of its objects. */
export function projectContent(core: CoreContext, projectId: string, asAnnotator: (a: string) => string = (a) => a) {
  const tasks = core.db.prepare('SELECT id, asset_id, status FROM tasks WHERE project_id = ? ORDER BY id').all(projectId) as { id: string; asset_id: string; status: string }[];
  return tasks.map((t) => {
    const annotators = core.db.prepare('SELECT DISTINCT annotator FROM annotation_objects WHERE task_id = ? ORDER BY annotator').pluck().all(t.id) as string[];
    const docs: Record<string, string> = {};
    for (const a of annotators) {
      const rows = core.db.prepare('SELECT id, kind, label, geometry_json, attributes_json, origin, z FROM annotation_objects WHERE task_id = ? AND annotator = ?').all(t.id, a) as { id: string; kind: string; label: string; geometry_json: string; attributes_json: string; origin: string; z: number }[];
      docs[asAnnotator(a)] = contentHash(annotationDocument(t.id, rows.map((r) => ({ id: r.id, kind: r.kind, label: r.label, geometry: JSON.parse(r.geometry_json), attributes: JSON.parse(r.attributes_json), origin: r.origin, z: r.z }))));
    }
    const media = crypto.createHash('sha256').update(fs.readFileSync(core.media.pathOf(t.asset_id))).digest('hex');
    const submissions = core.db.prepare('SELECT id, content_hash FROM submissions WHERE task_id = ? ORDER BY id').all(t.id);
    const reviews = core.db.prepare('SELECT id, verdict FROM reviews WHERE task_id = ? ORDER BY id').all(t.id);
    return { id: t.id, asset: t.asset_id, media, status: t.status, docs, submissions, reviews };
  });
}

/** A signed review verdict as review mode stores it (the id is its EIP-712 digest). */
export function insertSignedReview(core: CoreContext, key: string, taskId: string, submissionIds: string[], verdict: ReviewVerdict = 'accept', consensusHash = ZERO_HASH): string {
  const w = new Wallet(key);
  const message: ReviewMessage = { taskId, submissionIds: [...submissionIds].map((x) => x.toLowerCase()).sort(), verdict, consensusHash, reviewer: w.address, nonce: '1', createdAt: '1700000000000' };
  const id = reviewDigest(DEFAULT_DOMAIN, message);
  core.db.prepare("INSERT INTO reviews(id, task_id, reviewer, verdict, comment, payload_json, signature, created_at, submission_ids_json, consensus_hash) VALUES (?, ?, ?, 'accept', '', ?, ?, 1, ?, ?)")
    .run(id, taskId, w.address, JSON.stringify({ message, domain: DEFAULT_DOMAIN }), w.signingKey.sign(id).serialized, JSON.stringify(message.submissionIds), consensusHash);
  return id;
}
