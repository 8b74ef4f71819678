// A reward as the node computed it, in words for the Submissions dialog.
import { REVIEW_RULES } from '../../../shared/agreement/reputation.ts';
import type { SubmissionItem } from '../../../shared/api/submissions.ts';

/** How the node computed a reward (README "Rewards"): base × difficulty × quality, or the validator's share. */
export function rewardBreakdown(s: Pick<SubmissionItem, 'kind' | 'state' | 'breakdown'>): string {
  if (s.state !== 'accepted') return '';
  if (s.kind === 'review') return `validator share: ${REVIEW_RULES.validatorShare * 100}% of base × difficulty`;
  const b = s.breakdown;
  if (!b) return '';
  const q = b.quality === 1 && b.status !== 'reviewed' ? '1 (not reviewed yet)' : String(b.quality);
  const why = b.note ? ` (${b.status === 'rework' ? 'sent back for rework' : b.status}: “${b.note}”)` : b.status && b.status !== 'pending' ? ` (${b.status})` : '';
  return `${b.base} base × ${b.difficulty} difficulty × ${q} quality${why}`;
}
