// The review group: a project's review queue, one item's versions with their matches and the validator's draft
// consensus (edited with undo like any document), and the signed verdict.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { AnnotationObject, AssetKind, EditResult, HistoryInfo } from '../domain.ts';
import type { PairSummary, PairStatus } from '../agreement/match.ts';
import type { ReviewVerdict } from '../signing/typedData.ts';

export interface ReviewQueueEntry { taskId: string; name: string; kind: AssetKind; annotators: string[]; verdict: ReviewVerdict | 'fix' | null }

export interface ReviewVersion {
  annotator: string;
  source: string;
  signer: string | null;
  submissionId: string | null;
  /** Hash when stored; send it back with the verdict so a version that changed meanwhile is refused. */
  contentHash: string;
  changed: boolean;
  objects: AnnotationObject[];
}

export interface ReviewItem {
  taskId: string;
  versions: ReviewVersion[];
  /** Every annotator pair, with object-level matches (object ids of a and b). */
  pairs: (PairSummary & { a: string; b: string; matches: { a: string; b: string; status: PairStatus; overlap: number }[] })[];
  /** Matched clusters: per version, the object id in the cluster or null (missing). */
  clusters: (string | null)[][];
  /** The validator's draft, pre-filled with the proposed consensus (origin "model", attributes.proposed). */
  consensus: AnnotationObject[];
  history: HistoryInfo;
}

/** The draft's object for cluster c (0-based) is named c1, c2, …: accepting a version's object for a cluster puts
 *  it under this id, rejecting deletes it, so the review view always knows which cluster a draft object answers. */
export const consensusId = (cluster: number): string => `c${cluster + 1}`;

export interface ReviewSubmit {
  verdict: ReviewVerdict;
  /** Why (required to reject or send back; the annotators see it). */
  reason: string;
  /** annotator → contentHash as shown by review.item. */
  versionHashes: Record<string, string>;
}

export interface ReviewSubmitResult { reviewId: string; taskId: string; pending: number }

/** What "Get items to review" brought: items stored, the local projects they are in, and each refused item with why. */
export interface ReviewPullReport { nodeUrl: string; items: number; projectIds: string[]; projects: string[]; failed: { name: string; reason: string }[] }

/** The model's opinion of each version of an item: flagged with the reasons when it leaves out what the model is
 *  sure of (score ≥ 0.5) or labels it differently. */
export interface ReviewModelOpinion {
  model: string;
  /** How many objects or spans the model is sure of. */
  sure: number;
  versions: { annotator: string; flagged: boolean; reasons: string[] }[];
}

const submit = z.object({
  verdict: z.enum(['accept', 'reject', 'rework']),
  reason: z.string().max(2000),
  versionHashes: z.record(z.string().min(1).max(128), z.string().regex(/^0x[0-9a-f]{64}$/)),
});

export const reviewApi = {
  queue: returns<ReviewQueueEntry[]>()(z.tuple([s.id])),
  item: returns<ReviewItem>()(z.tuple([s.id])),
  edit: returns<EditResult>()(z.tuple([s.id, s.edit])),
  undo: returns<EditResult | null>()(z.tuple([s.id, s.changeId.optional()])),
  redo: returns<EditResult | null>()(z.tuple([s.id, s.changeId.optional()])),
  submit: returns<ReviewSubmitResult>()(z.tuple([s.id, submit])),
  /** Items to review from the node (a request signed by the unlocked wallet; validators only). */
  pull: returns<ReviewPullReport>()(z.tuple([])),
  /** Runs the model on the item (a job with progress and Cancel) and compares each version with it; stores nothing. */
  modelOpinion: returns<ReviewModelOpinion>()(z.tuple([s.id])),
};
