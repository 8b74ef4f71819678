// Review of a task's versions in the core: the item (versions, matches, a proposed consensus the validator edits with
// undo), and the verdict — checked against what the validator saw, signed as an EIP-712 Review with the unlocked
// wallet, and queued in the outbox beside the reviews row in one transaction. Annotators' versions are never changed.
import { nativeContentHash } from '../../network/verify/nativeCrypto.ts';
import type { Db } from '../store/db.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import type { Project, ObjectInput, AnnotationObject, EditResult, Edit, HistoryInfo } from '../../shared/domain.ts';
import { TaggerError } from '../../shared/errors.ts';
import { annotationDocument } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN, ZERO_HASH, type ReviewMessage, type ReviewVerdict, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { reviewDigest } from '../../shared/signing/reviewDigest.ts';
import { buildConsensus, itemAgreement, type ConsensusObject, type Matchable } from '../../shared/agreement/index.ts';
import { toObjectInput } from '../../shared/objects.ts';
import type { Signer } from '../wallet/walletService.ts';
import type { OutboxRepository } from '../sync/outbox.ts';
import { VersionRepository, documentHash } from './versions.ts';
import { unknownLabels } from './importVersion.ts';
import { agreementPolicy } from './agreementReport.ts';
import { consensusId, type ReviewItem, type ReviewQueueEntry, type ReviewSubmit, type ReviewSubmitResult } from '../../shared/api/review.ts';

/** The validator's draft of the final document lives under this reserved annotator name. */
export const CONSENSUS = '@consensus';

export interface ReviewDeps {
  db: Db;
  tasks: TaskRepository;
  project: (id: string) => Project;
  text: (taskId: string) => string | undefined;
  outbox: OutboxRepository;
  signer: () => Signer;
  domain: () => TaggerDomain | null;
  now: () => number;
  onQueued?: () => void;
}

function shapeToGeometry(c: ConsensusObject, members: Matchable[]): unknown {
  const s = c.shape;
  if (s.type === 'box') return s.box;
  if (s.type === 'polygon') return s.rings?.length ? { points: s.points, rings: s.rings } : { points: s.points };
  if (s.type === 'interval') {
    const tier = c.kind === 'segment' ? c.label.split(':')[0] : undefined;
    return c.kind === 'segment' ? { start: s.start, end: s.end, tier } : { start: s.start, end: s.end };
  }
  return (members[0] as unknown as { geometry?: unknown }).geometry ?? null;
}

export class ReviewService {
  private readonly versions: VersionRepository;
  constructor(private readonly d: ReviewDeps) {
    this.versions = new VersionRepository(d.db, d.tasks, d.now);
  }

  queue(projectId: string): ReviewQueueEntry[] {
    return this.versions.tasksWithVersions(projectId, 2).map((id) => {
      const task = this.d.tasks.get(id);
      const summary = this.d.tasks.list(task.projectId).find((t) => t.id === id)!;
      const versions = this.versions.list(id);
      const last = this.d.db.prepare('SELECT verdict FROM reviews WHERE task_id = ? ORDER BY created_at DESC LIMIT 1').pluck().get(id) as string | undefined;
      return { taskId: id, name: summary.name, kind: summary.kind, annotators: versions.map((v) => v.annotator), verdict: (last as ReviewVerdict | undefined) ?? null };
    });
  }

  /** The versions, their matches and the validator's draft (created from the proposed consensus on first open). */
  item(taskId: string): ReviewItem {
    const task = this.d.tasks.get(taskId);
    const project = this.d.project(task.projectId);
    const versions = this.versions.load(taskId);
    if (versions.length < 2) throw new TaggerError('not_found', 'This task has fewer than two annotators\' versions; there is nothing to compare.');
    const text = this.d.text(taskId);
    const agreement = itemAgreement({ text, versions: versions.map((v) => ({ annotator: v.annotator, objects: v.objects })) }, agreementPolicy(project.policy as never));
    const draft = this.versions.objectsOf(CONSENSUS);
    if (!this.versions.list(taskId, true).some((v) => v.annotator === CONSENSUS)) {
      const proposed = buildConsensus(agreement.matchables, agreement.clusters);
      const byId = new Map(versions.flatMap((v) => v.objects.map((o) => [`${v.annotator}\u0000${o.id}`, o] as const)));
      const objects: ObjectInput[] = proposed.map((c, i) => {
        const src = c.sources.map((id, v) => (id === null ? null : byId.get(`${versions[v].annotator}\u0000${id}`))).find((o) => o && o.label === (c.kind === 'segment' ? c.label.split(':').slice(1).join(':') : c.label)) ?? null;
        const members = agreement.clusters[c.cluster].members.flatMap((m, v) => (m === null ? [] : [agreement.matchables[v][m]]));
        const label = c.kind === 'segment' ? c.label.split(':').slice(1).join(':') || c.label : c.label;
        return { id: consensusId(c.cluster), kind: c.kind, label, geometry: shapeToGeometry(c, members), attributes: { ...(src?.attributes ?? {}), proposed: true, support: Math.round(c.support * 1000) / 1000 }, origin: 'model', z: i + 1, hidden: false, locked: false } as ObjectInput;
      });
      this.d.db.transaction(() => {
        draft.replaceAll(taskId, objects);
        this.versions.record(taskId, CONSENSUS, 'proposed');
      })();
    }
    return {
      taskId,
      versions: versions.map((v) => ({ annotator: v.annotator, source: v.source, signer: v.signer, submissionId: v.submissionId, contentHash: v.contentHash, changed: v.changed, objects: v.objects })),
      pairs: agreement.pairs.map(({ result, ...p }) => ({ ...p, matches: result.pairs.map((m) => ({ a: agreement.matchables[agreement.annotators.indexOf(p.a)][m.a].id, b: agreement.matchables[agreement.annotators.indexOf(p.b)][m.b].id, status: m.status, overlap: m.overlap })) })),
      clusters: agreement.clusters.map((c) => c.members.map((m, v) => (m === null ? null : agreement.matchables[v][m].id))),
      consensus: draft.list(taskId),
      history: draft.history(taskId),
    };
  }

  edit(taskId: string, edit: Edit): EditResult { return this.versions.objectsOf(CONSENSUS).edit(taskId, edit); }
  undo(taskId: string, changeId?: string): EditResult | null { return this.versions.objectsOf(CONSENSUS).undo(taskId, changeId); }
  redo(taskId: string, changeId?: string): EditResult | null { return this.versions.objectsOf(CONSENSUS).redo(taskId, changeId); }
  history(taskId: string): HistoryInfo { return this.versions.objectsOf(CONSENSUS).history(taskId); }

  submit(taskId: string, req: ReviewSubmit): ReviewSubmitResult {
    // A locked wallet fails before anything is checked or written.
    const signer = this.d.signer();
    const id = this.d.db.transaction(() => {
      const task = this.d.tasks.get(taskId);
      const project = this.d.project(task.projectId);
      const versions = this.versions.load(taskId);
      const seen = new Map(Object.entries(req.versionHashes));
      const changed = versions.filter((v) => v.changed || seen.get(v.annotator) !== v.contentHash);
      if (changed.length || seen.size !== versions.length)
        throw new TaggerError('conflict', `The versions of this task changed since you opened it (${changed.map((v) => v.annotator).join(', ') || 'a version was added or removed'}); reopen the item and review again. Nothing was signed.`);
      const unknownSigner = versions.find((v) => v.signer && v.signer.toLowerCase() !== v.annotator.toLowerCase());
      if (unknownSigner) throw new TaggerError('invalid_argument', `${unknownSigner.annotator}'s version is signed by ${unknownSigner.signer}, not by its annotator; it cannot be reviewed. Nothing was signed.`);
      const draft: AnnotationObject[] = this.versions.objectsOf(CONSENSUS).list(taskId);
      if (req.verdict === 'accept') {
        const bad = unknownLabels(project.schema, draft);
        if (bad.length) throw new TaggerError('invalid_argument', `The consensus uses labels this project's schema does not have: ${bad.join('; ')}. Fix them before accepting; nothing was signed.`);
      } else if (!req.reason.trim()) {
        throw new TaggerError('invalid_argument', `Say why (${req.verdict === 'reject' ? 'reject' : 'send back for rework'}): the annotators see the reason on the task.`);
      }
      const doc = annotationDocument(this.d.outbox.linkOf(taskId)?.nodeTaskId ?? taskId, draft.map((o) => { const i = toObjectInput(o); return { ...i, attributes: Object.fromEntries(Object.entries(i.attributes).filter(([k]) => k !== 'proposed' && k !== 'support')), origin: 'human' }; }));
      const consensusHash = req.verdict === 'accept' ? nativeContentHash(doc) : ZERO_HASH;
      const submissionIds = [...new Set(versions.map((v) => (v.submissionId ?? v.contentHash).toLowerCase()))].sort();
      const dup = this.d.db.prepare('SELECT id FROM reviews WHERE task_id = ? AND reviewer = ? AND submission_ids_json = ?').pluck().get(taskId, signer.address, JSON.stringify(submissionIds)) as string | undefined;
      if (dup) throw new TaggerError('conflict', `You already reviewed these versions (review ${dup.slice(0, 10)}…); it is in the outbox.`);
      const now = this.d.now();
      const domain = this.d.domain() ?? DEFAULT_DOMAIN;
      // A node's task is named by the node's id (what its submissions and the node's checks use); the review goes to that node.
      const link = this.d.outbox.linkOf(taskId);
      const message: ReviewMessage = { taskId: link?.nodeTaskId ?? taskId, submissionIds, verdict: req.verdict, consensusHash, reviewer: signer.address, nonce: this.d.outbox.nextNonce(signer.address, now).toString(), createdAt: String(now) };
      const reviewId = reviewDigest(domain, message);
      const signature = signer.signDigest(reviewId);
      this.d.db.prepare(`INSERT INTO reviews(id, task_id, reviewer, verdict, comment, payload_json, signature, created_at, submission_ids_json, consensus_hash, reason, outbox_id)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`).run(reviewId, taskId, signer.address, req.verdict === 'rework' ? 'fix' : req.verdict, req.reason, JSON.stringify({ message, domain }), signature, now, JSON.stringify(submissionIds), consensusHash, req.reason, reviewId);
      this.d.outbox.insert({ id: reviewId, taskId, kind: 'review', message, domain, signature, document: req.verdict === 'accept' ? doc : { taskId: message.taskId, objects: [] }, nodeUrl: link?.nodeUrl ?? null, createdAt: now });
      return reviewId;
    })();
    this.d.onQueued?.();
    return { reviewId: id, taskId, pending: this.d.outbox.pendingCount() };
  }
}

export { documentHash };
