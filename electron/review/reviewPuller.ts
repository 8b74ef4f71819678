// "Get items to review": asks the node (with a request the validator's wallet signs) for items whose k submissions
// are in, checks every submission here — its signature recovers to the annotator it names, its document hashes to
// what was signed, it is work on that task — and only then stores the item: the task (as a pulled task is) and each
// submission as that annotator's version. An item with one bad version is refused whole, by name, with the reason.
import { z } from 'zod';
import type { CoreContext } from '../core/context.ts';
import type { ObjectInput, ObjectKind } from '../../shared/domain.ts';
import { TaggerError } from '../../shared/errors.ts';
import { randomNonce, reviewQueueDigest } from '../../shared/signing/requests.ts';
import type { ReviewQueueMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import { validateGeometry } from '../../shared/geometry/validate.ts';
import type { ReviewPullReport } from '../../shared/api/review.ts';
import type { Signer } from '../wallet/walletService.ts';
import { NodeClient, NodeError } from '../sync/nodeClient.ts';
import { normalizeNodeUrl } from '../sync/outbox.ts';
import { TaskPuller, leaseSchema } from '../sync/taskPuller.ts';
import { VersionRepository } from './versions.ts';
import { nativeCrypto } from '../bundles/signedItems.ts';

const hex = (n: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${n}}$`));
const submission = z.object({
  id: hex(64), annotator: hex(40), nonce: z.string().regex(/^[0-9]{1,78}$/), createdAt: z.string().regex(/^[0-9]{1,20}$/),
  contentHash: hex(64), signature: z.string().max(200), document: z.unknown(),
});
const item = leaseSchema.extend({ submissions: z.array(submission).min(2).max(5) });
type Item = z.infer<typeof item>;

/** Why this submission cannot be shown as its annotator's version, or null when it checks out. */
export function versionProblem(domain: TaggerDomain, it: Pick<Item, 'taskId' | 'projectId'>, s: z.infer<typeof submission>): string | null {
  const message = { taskId: it.taskId, projectId: it.projectId, contentHash: s.contentHash, annotator: s.annotator, nonce: s.nonce, createdAt: s.createdAt };
  // The native keccak and secp256k1 the bundle verifier uses (about 20x faster than ethers' pure-JS code on big documents).
  let digest: string;
  try {
    digest = nativeCrypto.submissionDigest(domain, message);
  } catch {
    return `the version by ${s.annotator} has a signed message that cannot be hashed`;
  }
  const who = nativeCrypto.signedBy(digest, s.signature, s.annotator);
  if (!who.ok) return who.signer ? `the version said to be by ${s.annotator} is signed by ${who.signer}, an unknown signer for it` : `the version by ${s.annotator} has an unreadable signature`;
  const doc = s.document as { taskId?: unknown; objects?: unknown } | null;
  if (!doc || doc.taskId !== it.taskId || !Array.isArray(doc.objects)) return `the version by ${s.annotator} is not a document of this task`;
  if (nativeCrypto.contentHash(doc) !== s.contentHash.toLowerCase()) return `the version by ${s.annotator} does not match the hash its annotator signed (changed after signing)`;
  return null;
}

const OBJECT_KINDS = ['box', 'polygon', 'segment', 'span', 'relation', 'doclabel'] as const satisfies readonly ObjectKind[];

function objectsProblem(objs: readonly ObjectInput[]): string | null {
  for (const o of objs) {
    if (typeof o.id !== 'string' || typeof o.label !== 'string' || !(OBJECT_KINDS as readonly string[]).includes(o.kind)) return `object ${String(o.id).slice(0, 40)} has no usable id, kind or label`;
    const p = validateGeometry(o.kind, o.geometry);
    if (p) return `${o.id}: ${p.field} ${p.message}`;
  }
  return null;
}

export class ReviewPuller {
  private readonly versions: VersionRepository;
  constructor(private readonly core: Pick<CoreContext, 'db' | 'tasks' | 'now' | 'fetch'>, private readonly tasks: TaskPuller) {
    this.versions = new VersionRepository(core.db, core.tasks, core.now);
  }

  async pull(nodeUrl: string, signer: Signer, max = 20): Promise<ReviewPullReport> {
    const client = new NodeClient(normalizeNodeUrl(nodeUrl), this.core.fetch);
    let raw: unknown[];
    let domain: TaggerDomain;
    try {
      const info = await client.info();
      domain = info.domain;
      const message: ReviewQueueMessage = { validator: signer.address, max, nonce: randomNonce(), expiresAt: String(Math.round(info.time) + 5 * 60_000) };
      const r = await client.reviewQueue({ message, signature: signer.signDigest(reviewQueueDigest(domain, message)) });
      raw = Array.isArray(r.items) ? r.items : [];
    } catch (e) {
      throw new TaggerError('network', e instanceof NodeError ? `${e.message} No review items were fetched.` : (e as Error).message);
    }
    const report: ReviewPullReport = { nodeUrl: client.baseUrl, items: 0, projectIds: [], projects: [], failed: [] };
    for (const r of raw) {
      const parsed = item.safeParse(r);
      const name = String((r as { asset?: { name?: unknown } })?.asset?.name ?? '?').slice(0, 200);
      if (!parsed.success) { report.failed.push({ name, reason: `the node sent a malformed review item (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})` }); continue; }
      const it = parsed.data;
      const problem = it.submissions.map((s) => versionProblem(domain, it, s)).find((p) => p !== null);
      if (problem) { report.failed.push({ name, reason: `${problem}; nothing of this item was stored` }); continue; }
      const inputs = it.submissions.map((s) => (s.document as { objects: Omit<ObjectInput, 'z' | 'hidden' | 'locked'>[] }).objects.map((o, k) => ({ ...o, z: k + 1, hidden: false, locked: false }) as ObjectInput));
      const bad = inputs.map((objs, i) => [i, objectsProblem(objs)] as const).find(([, p]) => p);
      if (bad) { report.failed.push({ name, reason: `the version by ${it.submissions[bad[0]].annotator} has an object that cannot be shown (${bad[1]}); nothing of this item was stored` }); continue; }
      try {
        const taskId = await this.tasks.adopt(client, it, report);
        this.core.db.transaction(() => {
          it.submissions.forEach((s, i) => this.versions.put(taskId, s.annotator.toLowerCase(), inputs[i], 'node', { signer: s.annotator.toLowerCase(), submissionId: s.id.toLowerCase() }));
        })();
        const projectId = this.core.tasks.get(taskId).projectId;
        if (!report.projectIds.includes(projectId)) report.projectIds.push(projectId);
        report.items++;
      } catch (e) {
        report.failed.push({ name, reason: (e as Error).message });
      }
    }
    return report;
  }
}
