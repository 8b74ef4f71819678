// What the node needs from its storage. Methods are async so a PostgreSQL store can implement the same
// interface; the embedded SQLite store (sqliteNodeStore.ts) answers synchronously inside them.
import type { AssetKind } from '../../shared/domain.ts';
import type { SubmissionMessage } from '../../shared/signing/typedData.ts';

export interface PublishAsset { sha256: string; kind: AssetKind; mime: string; name: string; difficulty: number }

export interface PublishInput {
  name: string;
  schema: unknown;
  instructions: string;
  redundancy: number;
  baseReward: number;
  minReputation: number;
  leaseMs: number;
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

export interface RewardItem { submissionId: string; taskId: string; projectId: string; amount: number; status: string; createdAt: number }
export interface RewardsReport { address: string; total: number; count: number; items: RewardItem[] }

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
  baseReward: number;
  difficulty: number;
  quality: number;
  /** Canonical JSON of the document; only when asked for (exports). */
  document?: string;
}

export interface NodeStore {
  readonly schemaVersion: number;
  publishProject(input: PublishInput, now: number): Promise<{ projectId: string; tasks: number }>;
  /** Records that these assets' bytes are on disk (uploaded and hash-checked); one transaction for all. */
  markAssetsStored(assets: { sha256: string; size: number }[]): Promise<void>;
  assetMeta(sha256: string): Promise<AssetMeta | null>;
  leaseTasks(req: { annotator: string; kinds: AssetKind[]; max: number }, now: number): Promise<Lease[]>;
  /**
   * Accepted submissions by (annotator, nonce), for recognising a resend without verifying it again: a stored
   * row with the same message fields and the same signature is the item the node already verified.
   */
  findAccepted(keys: { annotator: string; nonce: string }[]): Promise<(AcceptedSubmission | null)[]>;
  /** Decides and stores a batch in one transaction: all verdicts are stored, or (on a crash) none. */
  commitSubmissions(items: VerifiedSubmission[], now: number): Promise<SubmissionVerdict[]>;
  rewards(address: string, limit: number): Promise<RewardsReport>;
  /** Accepted work in ledger order: after `afterSeq` (at most `limit`), or all of one project with documents. */
  acceptedWork(q: { afterSeq: number; limit: number } | { projectId: string; withDocuments: true }): Promise<AcceptedWork[]>;
  /** For the review/consensus work: an annotator's reputation (0..1; newcomers start at 0.5). */
  setReputation(address: string, reputation: number, now: number): Promise<void>;
  close(): Promise<void>;
}
