import { describe, expect, it } from 'vitest';
import { decideSubmission, leaseAllowance, meetsRequirements, MAX_CLOCK_SKEW_MS, type SubmissionFacts } from './submissionRules.ts';

const now = 1_800_000_000_000;
const base: SubmissionFacts = {
  now,
  message: { taskId: 't1', projectId: 'p1', annotator: '0xabc', nonce: '7', createdAt: String(now - 1000) },
  existingReward: null,
  task: { projectId: 'p1', accepted: 0, redundancy: 2, reward: 3_000_000, budgetLeft: 100_000_000 },
  nonceUsedBy: null,
  earlierForTask: null,
  lease: { expiresAt: now + 60_000 },
  liveOthers: 0,
};

describe('decideSubmission', () => {
  it('accepts a leased, fresh, first submission', () => {
    expect(decideSubmission(base)).toEqual({ kind: 'accept' });
  });

  it('answers a resend of accepted work as a duplicate before any other rule (its nonce and lease are its own)', () => {
    expect(decideSubmission({ ...base, existingReward: 3, nonceUsedBy: '0x1', earlierForTask: '0x1', lease: null, task: null })).toEqual({ kind: 'duplicate', reward: 3 });
  });

  it('rejects with the reason a user can act on', () => {
    const reason = (f: Partial<SubmissionFacts>) => (decideSubmission({ ...base, ...f }) as { reason: string }).reason;
    expect(reason({ task: null })).toMatch(/^unknown task: this node has no task t1/);
    expect(reason({ task: { ...base.task!, projectId: 'p2' } })).toMatch(/^unknown task: task t1 belongs to project p2, not p1/);
    expect(reason({ message: { ...base.message, createdAt: String(now + MAX_CLOCK_SKEW_MS + 60_000) } })).toMatch(/^createdAt too far in the future: .* 11 minutes ahead/);
    expect(reason({ nonceUsedBy: '0xdead' })).toMatch(/^nonce already used: .*nonce 7 for submission 0xdead/);
    expect(reason({ earlierForTask: '0xbeef' })).toMatch(/^annotator already submitted this task/);
    expect(reason({ lease: null })).toMatch(/^annotator does not hold a lease on the task/);
    expect(reason({ lease: { expiresAt: now - 1 }, task: { ...base.task!, accepted: 2 } })).toMatch(/already has its 2 submission\(s\) and your lease expired/);
    expect(reason({ task: { ...base.task!, accepted: 2 } })).toBe('the task already has its 2 submission(s)');
    expect(reason({ task: { ...base.task!, budgetLeft: 2_500_000 } })).toMatch(/^the project's budget is spent: 2.5 TAG left, this task pays 3 TAG/);
  });

  it('never lets late work displace an annotator who holds a live lease, and says so', () => {
    const late = { ...base, lease: { expiresAt: now - 1000 }, task: { ...base.task!, accepted: 1 }, liveOthers: 1 };
    expect((decideSubmission(late) as { reason: string }).reason).toMatch(/^your lease expired at .* remaining 1 slot\(s\) are held by other annotators' live leases/);
    // the live holder's own submission is accepted
    expect(decideSubmission({ ...late, lease: { expiresAt: now + 1000 } })).toEqual({ kind: 'accept' });
  });

  it('matches declared skills and caps open leases', () => {
    expect(meetsRequirements({ skills: ['lang:de', 'Birdsong'] }, ['birdsong', 'lang:de', 'lang:en'])).toBe(true);
    expect(meetsRequirements({ skills: ['lang:de'] }, ['lang:en'])).toBe(false);
    expect(meetsRequirements({}, [])).toBe(true);
    expect(leaseAllowance(10, 0, { maxOpen: 5 })).toEqual({ allowed: 5, limitedBy: expect.stringMatching(/allows 5, so at most 5 more/) });
    expect(leaseAllowance(10, 5, { maxOpen: 5 }).allowed).toBe(0);
    expect(leaseAllowance(3, 1, { maxOpen: 5 })).toEqual({ allowed: 3 });
  });

  it('keeps late work on an expired lease while the task has room, and allows up to 10 minutes of clock skew', () => {
    expect(decideSubmission({ ...base, lease: { expiresAt: now - 3_600_000 }, task: { ...base.task!, accepted: 1 } })).toEqual({ kind: 'accept' });
    expect(decideSubmission({ ...base, message: { ...base.message, createdAt: String(now + MAX_CLOCK_SKEW_MS) } })).toEqual({ kind: 'accept' });
  });
});
