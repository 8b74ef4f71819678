// "Get tasks": asks the node for leases and turns each into a local task of a local project that mirrors the
// node's project, keeping the node's ids for signing. Each asset is downloaded, checked against its SHA-256 and
// read like an imported file before use; one that fails is reported by name and skipped, the rest still arrive.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CoreContext } from '../core/context.ts';
import { audioImporter } from '../import/importers/audio.ts';
import { imageImporter } from '../import/importers/image.ts';
import { textImporter } from '../import/importers/text.ts';
import type { FileImporter } from '../import/importers/types.ts';
import type { JobContext } from '../core/jobs.ts';
import type { PullReport } from '../../shared/api/submissions.ts';
import type { AssetKind, LabelSchema } from '../../shared/domain.ts';
import { ASSET_KINDS } from '../../shared/domain.ts';
import * as s from '../../shared/api/schemas.ts';
import { TaggerError, isTaggerError } from '../../shared/errors.ts';
import { defaultSchema } from '../../shared/defaultSchema.ts';
import { leaseDigest, randomNonce } from '../../shared/signing/requests.ts';
import type { LeaseMessage } from '../../shared/signing/typedData.ts';
import type { Signer } from '../wallet/walletService.ts';
import { NodeClient, NodeError, type NodeLease } from './nodeClient.ts';
import { normalizeNodeUrl } from './outbox.ts';

const MAX_ASSET_BYTES = 2 * 1024 ** 3;
const READERS: Record<AssetKind, FileImporter> = { image: imageImporter, audio: audioImporter, text: textImporter };

// What a node sends is checked like any input: ids and hashes must be what the rest of the app expects.
export const leaseSchema = z.object({
  taskId: s.id,
  projectId: s.id,
  project: z.object({ name: z.string().min(1).max(200), schema: z.unknown(), instructions: z.string().max(100_000).optional() }),
  asset: z.object({ sha256: s.sha256, kind: s.assetKind, mime: z.string().max(200), name: z.string().max(500), size: z.number().nonnegative().optional() }),
  difficulty: z.number().finite().positive().max(1000).optional(),
  baseReward: z.number().finite().nonnegative().optional(),
  leaseExpiresAt: z.number().optional(),
});

/** A node's task as a lease or a review item names it. */
export type NodeTaskRef = z.infer<typeof leaseSchema>;

/** What pulling uses: the store it writes tasks into, media for downloads, and the fetch that reaches the node. */
export type PullDeps = Pick<CoreContext, 'db' | 'media' | 'assets' | 'tasks' | 'projects' | 'now' | 'fetch'>;

export class TaskPuller {
  constructor(private readonly d: PullDeps) {}

  /**
   * Leases up to `max` tasks with a request the wallet signs here in the core (the node refuses unsigned ones), so
   * nobody can lease in this annotator's name. The request expires 5 minutes after the node's own clock.
   */
  async pull(nodeUrl: string, signer: Signer, opts: { kinds?: AssetKind[]; max?: number; skills?: string[] } = {}, ctx?: JobContext): Promise<PullReport> {
    const url = normalizeNodeUrl(nodeUrl);
    const client = new NodeClient(url, this.d.fetch);
    let leases: NodeLease[];
    let limitedBy: string | undefined;
    try {
      const info = await client.info();
      const message: LeaseMessage = {
        annotator: signer.address,
        kinds: (opts.kinds ?? [...ASSET_KINDS]).join(','),
        skills: (opts.skills ?? []).join(','),
        max: opts.max ?? 20,
        nonce: randomNonce(),
        expiresAt: String(Math.round(info.time) + 5 * 60_000),
      };
      const answer = await client.leases({ message, signature: signer.signDigest(leaseDigest(info.domain, message)) });
      leases = answer.leases;
      if (typeof answer.limitedBy === 'string' && answer.limitedBy.trim()) limitedBy = answer.limitedBy.trim().slice(0, 1000);
    } catch (e) {
      // A refusal (403: the project asks for stake, 401: the node does not accept this wallet) will not change by
      // retrying, so the node's reason is the message; only an unreachable or failing node is "try again".
      if (e instanceof NodeError && e.status !== null && e.status >= 400 && e.status < 500 && !e.retryable)
        throw new TaggerError(e.status === 401 || e.status === 403 ? 'forbidden' : 'invalid_argument', `${e.message}. No tasks were fetched.`);
      throw new TaggerError('network', e instanceof NodeError ? `${e.message} No tasks were fetched; try again when the node is reachable.` : (e as Error).message);
    }
    const report: PullReport = { nodeUrl: url, leases: Array.isArray(leases) ? leases.length : 0, newTasks: 0, projects: [], failed: [], ...(limitedBy ? { limitedBy } : {}) };
    const list = Array.isArray(leases) ? leases : [];
    for (const [i, raw] of list.entries()) {
      ctx?.throwIfCancelled();
      ctx?.progress(i, list.length);
      const parsed = leaseSchema.safeParse(raw);
      if (!parsed.success) {
        const a = (raw as { asset?: { sha256?: unknown; name?: unknown } })?.asset;
        report.failed.push({ sha256: String(a?.sha256 ?? '?').slice(0, 64), name: String(a?.name ?? '?').slice(0, 200), reason: `the node sent a malformed lease (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})` });
        continue;
      }
      const lease = parsed.data;
      try {
        if (this.refreshLease(url, lease)) continue;
        await this.adopt(client, lease, report);
        report.newTasks++;
      } catch (e) {
        report.failed.push({ sha256: lease.asset.sha256, name: lease.asset.name, reason: isTaggerError(e) || e instanceof NodeError ? e.message : String((e as Error).message) });
      }
    }
    return report;
  }

  /**
   * Brings one node task here: its project (mirrored once), its asset (downloaded, hash-checked, read like an
   * import) and a local task linked to the node's ids; returns the local task id. Also used for review items.
   */
  async adopt(client: NodeClient, lease: NodeTaskRef, report: Pick<PullReport, 'projects'>): Promise<string> {
    const url = client.baseUrl;
    await this.fetchAsset(client, lease);
    const asset = await this.readAsset(lease);
    const projectId = this.localProject(url, lease, report);
    return this.d.db.transaction(() => {
      this.d.assets.insertIfMissing(asset);
      const task = this.d.tasks.findByAsset(projectId, asset.id) ?? this.d.tasks.create(projectId, asset.id, { difficulty: lease.difficulty ?? 1, sourceNode: url });
      this.d.db
        .prepare('INSERT INTO node_tasks(task_id, node_url, node_task_id, node_project_id, base_reward, lease_expires_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING')
        .run(task.id, url, lease.taskId, lease.projectId, lease.baseReward ?? 0, lease.leaseExpiresAt ?? null);
      return task.id;
    })();
  }

  /** A lease the node renewed or re-offered for a task we already hold: only its expiry changes. */
  private refreshLease(url: string, lease: z.infer<typeof leaseSchema>): boolean {
    const info = this.d.db.prepare('UPDATE node_tasks SET lease_expires_at = ? WHERE node_url = ? AND node_task_id = ?').run(lease.leaseExpiresAt ?? null, url, lease.taskId);
    return info.changes > 0;
  }

  private localProject(url: string, lease: NodeTaskRef, report: Pick<PullReport, 'projects'>): string {
    const known = this.d.db.prepare('SELECT project_id FROM node_projects WHERE node_url = ? AND node_project_id = ?').pluck().get(url, lease.projectId) as string | undefined;
    if (known) return known;
    const schema = s.labelSchema.safeParse(lease.project.schema);
    let name = lease.project.name.trim().slice(0, 180) || lease.projectId;
    if (this.d.projects.findByName(name)) name = `${name} (${new URL(url).host})`;
    for (let n = 2; this.d.projects.findByName(name); n++) name = `${name.replace(/ #\d+$/, '')} #${n}`;
    return this.d.db.transaction(() => {
      const p = this.d.projects.create({
        name,
        schema: schema.success ? (schema.data as LabelSchema) : defaultSchema(),
        instructions: lease.project.instructions ?? '',
        policy: { redundancy: 1, baseReward: lease.baseReward ?? 0 },
      });
      this.d.db.prepare('INSERT INTO node_projects(project_id, node_url, node_project_id) VALUES (?,?,?)').run(p.id, url, lease.projectId);
      report.projects.push(p.name);
      return p.id;
    })();
  }

  private async fetchAsset(client: NodeClient, lease: NodeTaskRef): Promise<void> {
    const sha = lease.asset.sha256;
    if (this.d.media.has(sha)) return;
    const tmp = path.join(this.d.media.root, 'tmp', `${sha}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.download`);
    try {
      const got = await client.assetToFile(sha, tmp, MAX_ASSET_BYTES);
      // Never store or open bytes that are not what the node announced: a mismatch is corruption or tampering.
      if (got.sha256 !== sha)
        throw new TaggerError('corrupt', `The download of ${lease.asset.name} does not match its SHA-256 (expected ${sha.slice(0, 12)}…, got ${got.sha256.slice(0, 12)}…); it was discarded. Ask the node operator to re-upload it.`);
      const dest = this.d.media.pathOf(sha);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(tmp, dest); // same folder tree: atomic, so a crash never leaves half an asset under its name
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  private async readAsset(lease: NodeTaskRef) {
    const file = this.d.media.pathOf(lease.asset.sha256);
    const existing = this.d.assets.find(lease.asset.sha256);
    if (existing) return existing;
    const [item] = await READERS[lease.asset.kind].read(file, () => undefined);
    return {
      id: lease.asset.sha256, kind: lease.asset.kind, mime: item?.mime ?? lease.asset.mime, originalName: path.basename(lease.asset.name) || lease.asset.sha256,
      size: fs.statSync(file).size, width: item?.width ?? null, height: item?.height ?? null, durationMs: item?.durationMs ?? null,
      meta: { ...(item?.meta ?? {}), node: true }, createdAt: this.d.now(),
    };
  }
}
