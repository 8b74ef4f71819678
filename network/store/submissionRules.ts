// The rules that decide a verified submission's fate, and which tasks a lease request may get, from what the
// store knows. Pure, so the SQLite and PostgreSQL stores apply exactly the same ones.
import type { ProjectRequirements } from '../../shared/signing/requests.ts';
import { formatTag } from '../../shared/microTag.ts';

/** createdAt may be at most this far ahead of the node's clock. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

export interface SubmissionFacts {
  now: number;
  message: { taskId: string; projectId: string; annotator: string; nonce: string; createdAt: string };
  /** Reward of an already accepted submission with the same id. Amounts are micro-TAG. */
  existingReward: number | null;
  task: { projectId: string; accepted: number; redundancy: number; reward: number; budgetLeft: number } | null;
  /** Id of the accepted submission that already used this (annotator, nonce). */
  nonceUsedBy: string | null;
  /** Id of this annotator's accepted submission for the task. */
  earlierForTask: string | null;
  lease: { expiresAt: number } | null;
  /** Live leases other annotators hold on the task (each reserves a slot). */
  liveOthers: number;
}

export type Decision = { kind: 'duplicate'; reward: number } | { kind: 'accept' } | { kind: 'reject'; reason: string };

const iso = (ms: number) => new Date(ms).toISOString();

export function decideSubmission(f: SubmissionFacts): Decision {
  const m = f.message;
  // a resend of accepted work is acknowledged before any other rule: its lease and nonce are spent by itself
  if (f.existingReward !== null) return { kind: 'duplicate', reward: f.existingReward };
  if (!f.task) return { kind: 'reject', reason: `unknown task: this node has no task ${m.taskId}` };
  if (f.task.projectId !== m.projectId) return { kind: 'reject', reason: `unknown task: task ${m.taskId} belongs to project ${f.task.projectId}, not ${m.projectId}` };
  const created = Number(m.createdAt);
  if (created > f.now + MAX_CLOCK_SKEW_MS) {
    return { kind: 'reject', reason: `createdAt too far in the future: ${iso(created)} is ${Math.round((created - f.now) / 60000)} minutes ahead of the node's clock (at most 10 minutes allowed); check the workstation's clock` };
  }
  if (f.nonceUsedBy) return { kind: 'reject', reason: `nonce already used: annotator ${m.annotator} used nonce ${m.nonce} for submission ${f.nonceUsedBy}` };
  if (f.earlierForTask) return { kind: 'reject', reason: `annotator already submitted this task: submission ${f.earlierForTask} was accepted for task ${m.taskId}` };
  if (!f.lease) return { kind: 'reject', reason: `annotator does not hold a lease on the task: ${m.annotator} never leased task ${m.taskId}` };
  const { accepted, redundancy } = f.task;
  const live = f.lease.expiresAt > f.now;
  if (accepted >= redundancy) {
    return { kind: 'reject', reason: live ? `the task already has its ${redundancy} submission(s)` : `the task already has its ${redundancy} submission(s) and your lease expired at ${iso(f.lease.expiresAt)}` };
  }
  // late work (offline, lease expired) still counts while the task has a slot nobody holds a live lease on; it
  // never displaces an annotator who is working on the task right now
  if (!live && accepted + f.liveOthers >= redundancy) {
    return { kind: 'reject', reason: `your lease expired at ${iso(f.lease.expiresAt)} and the task's remaining ${redundancy - accepted} slot(s) are held by other annotators' live leases; late work does not displace them` };
  }
  if (f.task.budgetLeft < f.task.reward) {
    return { kind: 'reject', reason: `the project's budget is spent: ${formatTag(Math.max(0, f.task.budgetLeft))} TAG left, this task pays ${formatTag(f.task.reward)} TAG; the requester must publish with a larger budget` };
  }
  return { kind: 'accept' };
}

/** Whether an annotator declaring `skills` may work on a project with these requirements. */
export function meetsRequirements(req: ProjectRequirements, skills: readonly string[]): boolean {
  return (req.skills ?? []).every((s) => skills.includes(s.toLowerCase()));
}

/** How many more leases an annotator may take: the request's max within the total cap. */
export function leaseAllowance(max: number, open: number, limits: { maxOpen: number }): { allowed: number; limitedBy?: string } {
  const room = limits.maxOpen - open;
  if (room <= 0) return { allowed: 0, limitedBy: `you hold ${open} open leases, the most this node allows (${limits.maxOpen}); submit work or let leases expire before asking for more` };
  if (max > room) return { allowed: room, limitedBy: `you hold ${open} open leases; this node allows ${limits.maxOpen}, so at most ${room} more were leased` };
  return { allowed: max };
}
