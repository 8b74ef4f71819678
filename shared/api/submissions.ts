// The submissions group: sign and queue a task's document ("Submit"), the outbox with the node's verdicts,
// sync now, pull new work from the node, rewards.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';

export type SubmissionState = 'queued' | 'accepted' | 'rejected';

export interface SubmissionItem {
  /** The EIP-712 typed-data hash of the signed message. */
  id: string;
  taskId: string;
  taskName: string;
  projectId: string;
  projectName: string;
  annotator: string;
  state: SubmissionState;
  /** The node's reason for a rejection, or the last delivery problem while queued. */
  reason: string | null;
  reward: number | null;
  attempts: number;
  createdAt: number;
  ackedAt: number | null;
  nodeUrl: string | null;
  /** A signed submission, or a validator's signed review (its reward is the validator's share). */
  kind: 'submission' | 'review';
  /** How the node computed the reward: base × difficulty × quality (quality from review; 1 until reviewed). */
  breakdown: { base: number; difficulty: number; quality: number; status: string; /** The validator's reason (rejected) or comment (sent back for rework). */ note: string | null } | null;
}

export interface SubmitResult {
  submissionId: string;
  taskId: string;
  /** Items waiting in the outbox after this one was added. */
  pending: number;
}

export interface SyncReport {
  online: boolean;
  sent: number;
  accepted: number;
  rejected: number;
  /** Still queued for this node after the run. */
  remaining: number;
  error: string | null;
}

export interface PullReport {
  nodeUrl: string;
  leases: number;
  newTasks: number;
  projects: string[];
  /** Assets that could not be used (hash mismatch, download failure), named by hash and file name. */
  failed: { sha256: string; name: string; reason: string }[];
  /** Why the node leased fewer than asked (its open-lease cap, the newcomer rules), in the node's words. */
  limitedBy?: string;
}

export interface RewardsSummary {
  address: string | null;
  total: number;
  accepted: number;
  rejected: number;
  queued: number;
}

export const submissionFilter = z
  .object({ state: z.array(z.enum(['queued', 'accepted', 'rejected'])).max(3), taskId: s.id, limit: z.number().int().min(1).max(10_000) })
  .partial();

export const submissionsApi = {
  submit: returns<SubmitResult>()(z.tuple([s.id])),
  list: returns<SubmissionItem[]>()(z.tuple([submissionFilter.optional()])),
  /** Sends what is queued now (instead of waiting for the next scheduled attempt). */
  syncNow: returns<SyncReport>()(z.tuple([])),
  pull: returns<PullReport>()(
    z.tuple([z.object({ kinds: z.array(s.assetKind).min(1).max(3), max: z.number().int().min(1).max(500) }).partial().optional()]),
  ),
  rewards: returns<RewardsSummary>()(z.tuple([])),
};
