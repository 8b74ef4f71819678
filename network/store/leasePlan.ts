// Which tasks a lease request gets, the same for both stores: caps per address, the project's requirements (skills,
// stake), and the newcomer rule that keeps fresh wallets from locking real annotators out. Wallets are free to make,
// so a wallet with no accepted work on this node (a newcomer) may hold NEWCOMER_DEFAULTS.perProject open lease per
// project, and newcomers together at most `share` of a project's open slots (at least one, so newcomers can start):
// the rest stays for annotators whose work the node accepted.
import { HttpError } from '../errors.ts';
import { formatTag, parseTag } from '../../shared/microTag.ts';
import type { ProjectRequirements } from '../../shared/signing/requests.ts';
import type { Lease, LeaseLimits, LeaseRequest, LeaseResult } from './NodeStore.ts';
import { leaseAllowance, meetsRequirements } from './submissionRules.ts';

export const NEWCOMER_DEFAULTS = { perProject: 1, share: 0.5 } as const;

/** What the store knows of the annotator asking. */
export interface Asker {
  /** No accepted submission on this node yet. */
  newcomer: boolean;
  /** Locked stake, micro-TAG. */
  stake: number;
}

/** Ask the store for up to `max` open tasks of one project; `newcomerShare` set: within the newcomers' pool. */
export interface TaskQuery { projectId: string; max: number; newcomerShare?: number }
/** What the store leased for a TaskQuery; poolFull when the newcomers' pool had no room. */
export interface TaskAnswer { leases: Lease[]; poolFull?: boolean }

/** How many more leases newcomers may take in a project holding `openSlots` unfilled slots, `held` of them by newcomers. */
export function newcomerRoom(openSlots: number, held: number, share: number): number {
  return Math.max(1, Math.floor(openSlots * share)) - held;
}

const minStakeOf = (r: ProjectRequirements) => (r.minStake ? parseTag(r.minStake) : 0);

/**
 * The plan, as a generator so the synchronous SQLite store and the asynchronous PostgreSQL store drive it alike: it
 * yields a TaskQuery per eligible project and receives what the store leased. Projects come in publishing order;
 * each gets at most the per-project cap (1 for a newcomer) minus what the annotator holds there. A request that gets
 * nothing because every project it could work on asks for more stake is refused (403) with the reason.
 */
export function* planLeases(req: LeaseRequest, limits: LeaseLimits, asker: Asker, open: Map<string, number>, projects: { id: string; requirements: string }[]): Generator<TaskQuery, LeaseResult, TaskAnswer> {
  let total = 0;
  for (const n of open.values()) total += n;
  const allowance = leaseAllowance(req.max, total, limits);
  const perProject = asker.newcomer ? Math.min(limits.maxOpenPerProject, limits.newcomerPerProject ?? NEWCOMER_DEFAULTS.perProject) : limits.maxOpenPerProject;
  const share = limits.newcomerShare ?? NEWCOMER_DEFAULTS.share;
  const leases: Lease[] = [];
  let capped = 0;
  let poolFull = 0;
  const needStake: { projectId: string; stake: number }[] = [];
  for (const p of projects) {
    const remaining = allowance.allowed - leases.length;
    if (remaining <= 0) break;
    const capLeft = perProject - (open.get(p.id) ?? 0);
    if (capLeft <= 0) {
      capped++;
      continue;
    }
    const requirements = JSON.parse(p.requirements) as ProjectRequirements;
    if (!meetsRequirements(requirements, req.skills)) continue;
    const minStake = minStakeOf(requirements);
    if (asker.stake < minStake) {
      needStake.push({ projectId: p.id, stake: minStake });
      continue;
    }
    // a share of 1 bounds nothing: such requests skip the pool's count (and, on PostgreSQL, its per-project lock)
    const got = yield { projectId: p.id, max: Math.min(remaining, capLeft), ...(asker.newcomer && share < 1 ? { newcomerShare: share } : {}) };
    leases.push(...got.leases);
    if (got.poolFull) poolFull++;
    if (capLeft < remaining && got.leases.length === capLeft) capped++;
  }
  if (!leases.length && needStake.length) {
    const n = needStake[0];
    throw new HttpError(403, 'stake_required', `project ${n.projectId} asks its annotators to have ${formatTag(n.stake)} TAG staked; ${req.annotator} has ${formatTag(asker.stake)} TAG staked on this node${needStake.length > 1 ? ` (${needStake.length - 1} more project(s) ask for stake too)` : ''}. Stake first, or work on projects that do not ask for it`);
  }
  const reasons = [
    allowance.limitedBy,
    capped ? (asker.newcomer
      ? `you have no accepted work on this node yet, so you may hold ${perProject} open lease(s) per project (${capped} project(s) reached); submit your work to lease more`
      : `you hold ${limits.maxOpenPerProject} open leases in ${capped} project(s), the most this node allows per project`) : undefined,
    poolFull ? `newcomers (wallets with no accepted work here) together hold their share of ${poolFull} project(s)' open slots; the rest is kept for annotators with accepted work` : undefined,
  ].filter(Boolean);
  return reasons.length ? { leases, limitedBy: reasons.join('; ') } : { leases };
}
