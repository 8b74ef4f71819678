// What the node needs from its storage, implemented by the embedded SQLite store (sqliteNodeStore.ts) and the
// PostgreSQL store (postgresNodeStore.ts); store.suite.ts runs the same tests against both. A feature that needs
// storage (review, chain epochs) adds its methods here and to both stores. A refusal is thrown as an HttpError
// (../errors.ts) so the routes answer it as is. Every amount here (balances, budgets, rewards, stakes) is a whole
// number of micro-TAG (shared/microTag.ts); the routes turn them into TAG for the API.
import type { AssetKind } from '../../shared/domain.ts';
import type { AcceptedReview, ReviewCommit, ReviewContext, ReviewOutcome, ReputationReport } from '../review/types.ts';
import type { ProjectRequirements } from '../../shared/signing/requests.ts';
import type { SubmissionMessage } from '../../shared/signing/typedData.ts';
import type { ImportedProject, ImportedProjectResult, ProjectExport, TrustedKeyRow } from './importedWork.ts';

export interface PublishAsset { sha256: string; size: number; kind: AssetKind; mime: string; name: string; difficulty: number }

export interface PublishInput {
  name: string;
  schema: unknown;
  instructions: string;
  requirements: ProjectRequirements;
  redundancy: number;
  baseReward: number;
  /** Escrowed from the requester's balance; rewards are paid from it and never beyond. */
  budget: number;
  minReputation: number;
  leaseMs: number;
  /** Lowercase address of the wallet that signed the manifest. */
  requester: string;
  nonce: string;
  signature: string;
  assets: PublishAsset[];
}

export interface AssetMeta { sha256: string; kind: AssetKind; mime: string; size: number | null; stored: boolean }

export interface Lease {
  taskId: string;
  projectId: string;
  project: { name: string; schema: unknown; instructions: string };
  asset: { sha256: string; kind: AssetKind; mime: string; name: string; size: number | null };
  difficulty: number;
  baseReward: number;
  leaseExpiresAt: number;
}

/** One submission as a validator is served it (network/review/reviewQueue.ts): the signed message fields and document. */
export interface ReviewQueueSubmission { id: string; annotator: string; nonce: string; createdAt: string; contentHash: string; signature: string; document: unknown }

/** A lease's description of the task (without an expiry: nothing is leased), with every submission as signed. */
export interface ReviewQueueItem extends Omit<Lease, 'leaseExpiresAt'> {
  submissions: ReviewQueueSubmission[];
}

/** A lease request whose signature checked out (routes/leases.ts). */
export interface LeaseRequest {
  /** Lowercase address. */
  annotator: string;
  kinds: AssetKind[];
  /** Declared skills and languages, lowercase. */
  skills: string[];
  max: number;
  nonce: string;
  expiresAt: number;
}

/** Caps on open (unexpired, unsubmitted) leases per annotator, and the newcomer rule (leasePlan.ts; defaults there). */
export interface LeaseLimits {
  maxOpen: number;
  maxOpenPerProject: number;
  /** Open leases per project for a wallet with no accepted work on this node. */
  newcomerPerProject?: number;
  /** Share of a project's open slots newcomers may hold together (at least one slot). */
  newcomerShare?: number;
}

export interface LeaseResult {
  leases: Lease[];
  /** Set when a cap cut the answer short: what the annotator holds and the cap. */
  limitedBy?: string;
}

/** A submission whose signature and content hash already checked out (verify/verifyItems.ts). */
export interface VerifiedSubmission {
  id: string;
  message: SubmissionMessage;
  signature: string;
  /** Canonical JSON of the document, as hashed. */
  document: string;
}

export interface AcceptedSubmission { id: string; taskId: string; projectId: string; contentHash: string; createdAt: string; signature: string; document: string; reward: number }

export type SubmissionVerdict =
  | { id: string; status: 'accepted' | 'duplicate'; reward: number }
  | { id: string; status: 'rejected'; reason: string };

/** amount = base × difficulty × quality (quality 1 until a review sets it); the three are kept so a reward can be explained. */
export interface RewardItem { submissionId: string; taskId: string; projectId: string; amount: number; base: number; difficulty: number; quality: number; status: string; createdAt: number; /** The validator's reason or rework comment, when the work was rejected or sent back. */ note?: string | null }
export interface RewardsReport { address: string; total: number; count: number; items: RewardItem[] }

export interface ProjectBudget { projectId: string; requester: string | null; budget: number; spent: number }

/** Reputation of an address nobody has rated yet (0..1). */
export const NEUTRAL_REPUTATION = 0.5;
/** One accepted submission as the chain settlement (network/chain) reads it: the signed facts and the reward inputs. */
export interface AcceptedWork {
  /** Ledger order; epochs take work in this order. */
  seq: number;
  id: string;
  taskId: string;
  projectId: string;
  /** Lowercase address. */
  annotator: string;
  nonce: string;
  createdAt: string;
  contentHash: string;
  signature: string;
  /** micro-TAG */
  baseReward: number;
  difficulty: number;
  quality: number;
  /** What the ledger paid (micro-TAG): rewardMicro(baseReward, difficulty, quality). */
  amount: number;
  /** Canonical JSON of the document; only when asked for (exports). */
  document?: string;
}

export interface NodeStore {
  readonly schemaVersion: number;
  /** Stores the project and escrows its budget from the requester's balance, in one transaction. */
  publishProject(input: PublishInput, now: number): Promise<{ projectId: string; tasks: number }>;
  /** Records that these assets' bytes are on disk (uploaded and hash-checked); one transaction for all. */
  markAssetsStored(assets: { sha256: string; size: number }[]): Promise<void>;
  /** The asset as a published manifest names it (size is the declared size until the bytes are stored). */
  assetMeta(sha256: string): Promise<AssetMeta | null>;
  /** Uses the request's nonce (a replay is refused), then leases matching tasks within the caps. */
  leaseTasks(req: LeaseRequest, limits: LeaseLimits, now: number): Promise<LeaseResult>;
  /**
   * Accepted submissions by (annotator, nonce), for recognising a resend without verifying it again: a stored
   * row with the same message fields and the same signature is the item the node already verified.
   */
  findAccepted(keys: { annotator: string; nonce: string }[]): Promise<(AcceptedSubmission | null)[]>;
  /** Decides and stores a batch in one transaction: all verdicts are stored, or (on a crash) none. */
  commitSubmissions(items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]>;
  rewards(address: string, limit: number): Promise<RewardsReport>;
  /** An annotator's reputation (0..1); NEUTRAL_REPUTATION for an address nobody rated. The review work sets it. */
  reputation(address: string): Promise<number>;
  /** Accepted work in ledger order: after `afterSeq` (at most `limit`), or all of one project with documents. */
  acceptedWork(q: { afterSeq: number; limit: number } | { projectId: string; withDocuments: true }): Promise<AcceptedWork[]>;
  /** For the review/consensus work: an annotator's reputation (0..1; newcomers start at 0.5). */
  setReputation(address: string, reputation: number, now: number): Promise<void>;
  /** The operator's trust decision on a node without a chain: adds to a requester's balance; returns the new one. */
  creditRequester(address: string, amount: number, now: number): Promise<number>;
  requesterBalance(address: string): Promise<number>;
  projectBudget(projectId: string): Promise<ProjectBudget | null>;
  /** Reviews (network/review): what a review is checked against, committing one in one transaction, a wallet's
   *  reputation with its inputs, and its locked stake. */
  reviewContext(taskId: string, submissionIds: string[]): Promise<ReviewContext>;
  commitReview(c: ReviewCommit, now: number): Promise<ReviewOutcome>;
  reputationReport(address: string): Promise<ReputationReport>;
  /** Recorded reviews in review order: after `afterSeq` (at most `limit`), or all of one project (chain settlement, exports). */
  acceptedReviews(q: { afterSeq: number; limit: number } | { projectId: string }): Promise<AcceptedReview[]>;
  setStake(address: string, staked: number, now: number): Promise<void>;
  /** Bundles (`tagger node import|export`, importedWork.ts): the operator's trusted-keys list (addresses lowercase), */
  trustedKeys(): Promise<TrustedKeyRow[]>;
  /** adding (name) or removing (null) one; returns whether anything changed on removal, true on adding; */
  setTrusted(address: string, name: string | null, now: number): Promise<boolean>;
  /** a verified bundle's project, tasks and their leases in one transaction (the new tasks' budget is debited from
   *  the signer's balance as a publish would); and what an export of one project carries besides accepted work. */
  importProject(p: ImportedProject, now: number): Promise<ImportedProjectResult>;
  projectForExport(projectId: string): Promise<ProjectExport | null>;
  /** Items whose k submissions are in and that nobody reviewed yet, not the validator's own work (review/reviewQueue.ts). */
  reviewQueue(validator: string, max: number): Promise<ReviewQueueItem[]>;
  close(): Promise<void>;
}
