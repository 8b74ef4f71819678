// The node's review records, shared by the route and the store.
import type { ReviewMessage, ReviewVerdict } from '../../shared/signing/typedData.ts';
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
  /** micro-TAG */
  validatorReward: number;
  /** The validator's reason (reject) or comment (rework), sent beside the signed Review; null on accept. */
  note: string | null;
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
  /** Amounts in micro-TAG (the review route answers TAG). */
  stake: number;
  slashed: number;
  reviews: number;
  validatorRewards: number;
  rules: typeof REVIEW_RULES;
}

/** A recorded review as settlement and exports read it: the signed message as the reviewer signed it, what it set. */
export interface AcceptedReview {
  /** Review order; epochs take reviews in this order. */
  seq: number;
  id: string;
  message: ReviewMessage;
  signature: string;
  verdict: ReviewVerdict;
  projectId: string;
  /** Canonical JSON of the accepted consensus document (accept only). */
  document: string | null;
  qualities: ReviewCommit['qualities'];
  /** micro-TAG, as are baseReward's */
  validatorReward: number;
  baseReward: number;
  difficulty: number;
}

/** The stored row behind an AcceptedReview (both stores select these columns). */
export interface ReviewRow {
  seq: number | string; id: string; taskId: string; projectId: string; reviewer: string; verdict: ReviewVerdict; consensusHash: string;
  submissionIds: string; nonce: string; createdAt: number | string; signature: string; document: string | null; qualities: string;
  validatorReward: number; baseReward: number; difficulty: number;
}

export function acceptedReview(r: ReviewRow): AcceptedReview {
  return {
    seq: Number(r.seq), id: r.id, signature: r.signature, verdict: r.verdict, projectId: r.projectId, document: r.document,
    qualities: JSON.parse(r.qualities), validatorReward: r.validatorReward, baseReward: r.baseReward, difficulty: r.difficulty,
    message: { taskId: r.taskId, submissionIds: JSON.parse(r.submissionIds), verdict: r.verdict, consensusHash: r.consensusHash, reviewer: r.reviewer, nonce: r.nonce, createdAt: String(r.createdAt) },
  };
}

/**
 * Why a review may not judge these submissions, or null: a submission has one verdict. A second review of judged
 * work would pay a second validator share from the project's budget and slash and score the annotators again, so any
 * wallet with a validator's stake could drain a project or its annotators' stake by re-reviewing one task.
 * Statuses are those of the submissions' reward rows ('pending' until a verdict).
 */
export function alreadyJudged(statuses: [submissionId: string, status: string | undefined][]): string | null {
  const done = statuses.find(([, s]) => s !== undefined && s !== 'pending');
  return done ? `submission ${done[0]} already has a verdict (${done[1] === 'reviewed' ? 'accept' : done[1] === 'rejected' ? 'reject' : done[1]}); a second review of the same work is not taken` : null;
}
