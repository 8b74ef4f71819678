// "Submit": freezes a task, seals its annotation document with a content hash, signs the EIP-712 Submission with
// the unlocked wallet and queues it — the status change and the outbox row in one transaction, so a task is
// never 'submitted' without its signed item, nor an item queued for a task still open to edits.
import { nativeContentHash } from '../../network/verify/nativeCrypto.ts';
import type { Db } from '../store/db.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import type { AnnotationRepository } from '../store/repositories/annotations.ts';
import type { SubmitResult } from '../../shared/api/submissions.ts';
import { annotationDocument, submissionDigest } from '../../shared/signing/document.ts';
import { DEFAULT_DOMAIN, type SubmissionMessage, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { Signer } from '../wallet/walletService.ts';
import { OutboxRepository, normalizeNodeUrl } from './outbox.ts';

/** What the service remembers about a node between runs: its signing domain and its clock offset. */
export interface NodeMemory {
  domainOf(nodeUrl: string): TaggerDomain | null;
  /** node time − local time, measured at the last contact (0 when never seen). */
  clockOffsetOf(nodeUrl: string): number;
}

export interface SubmissionDeps {
  db: Db;
  tasks: TaskRepository;
  annotations: AnnotationRepository;
  outbox: OutboxRepository;
  signer: () => Signer;
  nodeMemory: NodeMemory;
  /** The node local tasks are sent to (settings.nodeUrl). */
  defaultNodeUrl: () => string;
  now: () => number;
  onQueued?: () => void;
}

export class SubmissionService {
  constructor(private readonly d: SubmissionDeps) {}

  submit(taskId: string): SubmitResult {
    // Ask for the signer first: a locked wallet must fail before anything changes.
    const signer = this.d.signer();
    const id = this.d.db.transaction(() => {
      const task = this.d.tasks.get(taskId);
      if (task.status === 'submitted') throw new TaggerError('conflict', 'This task is already submitted and waits for the node; it cannot be submitted twice.');
      if (task.status === 'accepted') throw new TaggerError('conflict', 'This task was already accepted by the node; there is nothing left to submit.');
      const link = this.d.outbox.linkOf(taskId);
      const nodeUrl = link?.nodeUrl ?? (task.sourceNode ? normalizeNodeUrl(task.sourceNode) : null);
      const domainNode = nodeUrl ?? normalizeNodeUrl(this.d.defaultNodeUrl());
      const domain = this.d.nodeMemory.domainOf(domainNode) ?? DEFAULT_DOMAIN;
      // Tasks from a node are signed with the node's ids: those are what it can check the lease and hash against.
      const msgTaskId = link?.nodeTaskId ?? task.id;
      const doc = annotationDocument(msgTaskId, this.d.annotations.list(taskId));
      const now = this.d.now();
      // The node refuses createdAt far in its future; the offset learned at the last contact corrects a skewed clock.
      const createdAt = Math.max(0, Math.round(now + this.d.nodeMemory.clockOffsetOf(domainNode)));
      const message: SubmissionMessage = {
        taskId: msgTaskId,
        projectId: link?.nodeProjectId ?? task.projectId,
        contentHash: nativeContentHash(doc),
        annotator: signer.address,
        nonce: this.d.outbox.nextNonce(signer.address, createdAt).toString(),
        createdAt: String(createdAt),
      };
      const id = submissionDigest(domain, message);
      const signature = signer.signDigest(id);
      this.d.outbox.insert({ id, taskId, message, domain, signature, document: doc, nodeUrl, createdAt: now });
      this.d.tasks.setStatus(taskId, 'submitted');
      return id;
    })();
    this.d.onQueued?.();
    return { submissionId: id, taskId, pending: this.d.outbox.pendingCount() };
  }
}
