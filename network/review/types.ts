// The node's review records, shared by the route and the store.
import type { ReviewMessage } from '../../shared/signing/typedData.ts';
import type { ReputationState, REVIEW_RULES } from '../../shared/agreement/reputation.ts';

export interface ReviewContext {
  task: { id: string; projectId: string; difficulty: number; baseReward: number } | null;
  /** In the order asked; null where the node has no such submission. */
  submissions: ({ id: string; taskId: string; annotator: string; document: string } | null)[];
}

/** A review whose signature, shape and context checked out, with what it sets. */
export interface ReviewCommit {
  id: string;
  message: ReviewMessage;
  signature: string;
  /** Canonical JSON of the accepted consensus document (accept only). */
  document: string | null;
  qualities: { submissionId: string; annotator: string; quality: number }[];
  validatorReward: number;
}

export type ReviewOutcome =
  | { id: string; status: 'accepted' | 'duplicate'; validatorReward: number; qualities: ReviewCommit['qualities'] }
  | { id: string; status: 'rejected'; reason: string };

export interface ReputationReport {
  address: string;
  score: number;
  beta: number;
  gold: number | null;
  goldWeight: number;
  evidence: ReputationState;
  stake: number;
  slashed: number;
  reviews: number;
  validatorRewards: number;
  rules: typeof REVIEW_RULES;
}
