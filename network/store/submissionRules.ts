// The rules that decide a verified submission's fate from what the store knows. Pure, so every store (SQLite
// now, PostgreSQL later) applies exactly the same ones.

/** createdAt may be at most this far ahead of the node's clock. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface SubmissionFacts {
  now: number;
  message: { taskId: string; projectId: string; annotator: string; nonce: string; createdAt: string };
  /** Reward of an already accepted submission with the same id. */
  existingReward: number | null;
  task: { projectId: string; accepted: number; redundancy: number } | null;
  /** Id of the accepted submission that already used this (annotator, nonce). */
  nonceUsedBy: string | null;
  /** Id of this annotator's accepted submission for the task. */
  earlierForTask: string | null;
  lease: { expiresAt: number } | null;
}

export type Decision = { kind: 'duplicate'; reward: number } | { kind: 'accept' } | { kind: 'reject'; reason: string };

export function decideSubmission(f: SubmissionFacts): Decision {
  const m = f.message;
  // a resend of accepted work is acknowledged before any other rule: its lease and nonce are spent by itself
  if (f.existingReward !== null) return { kind: 'duplicate', reward: f.existingReward };
  if (!f.task) return { kind: 'reject', reason: `unknown task: this node has no task ${m.taskId}` };
  if (f.task.projectId !== m.projectId) return { kind: 'reject', reason: `unknown task: task ${m.taskId} belongs to project ${f.task.projectId}, not ${m.projectId}` };
  const created = Number(m.createdAt);
  if (created > f.now + MAX_CLOCK_SKEW_MS) {
    return { kind: 'reject', reason: `createdAt too far in the future: ${new Date(created).toISOString()} is ${Math.round((created - f.now) / 60000)} minutes ahead of the node's clock (at most 10 minutes allowed); check the workstation's clock` };
  }
  if (f.nonceUsedBy) return { kind: 'reject', reason: `nonce already used: annotator ${m.annotator} used nonce ${m.nonce} for submission ${f.nonceUsedBy}` };
  if (f.earlierForTask) return { kind: 'reject', reason: `annotator already submitted this task: submission ${f.earlierForTask} was accepted for task ${m.taskId}` };
  if (!f.lease) return { kind: 'reject', reason: `annotator does not hold a lease on the task: ${m.annotator} never leased task ${m.taskId}` };
  // a late submission on an expired lease still counts if the task has room (offline work is not thrown away)
  if (f.task.accepted >= f.task.redundancy) {
    return { kind: 'reject', reason: `the task already has its ${f.task.redundancy} submission(s) and the lease expired at ${new Date(f.lease.expiresAt).toISOString()}` };
  }
  return { kind: 'accept' };
}
