// What a review means for each reviewed submission: accepted work is scored by its agreement with the consensus the
// validator signed (quality = F1 of matched objects, shared/agreement), rejected and sent-back work gets 0 now.
import { matchablesOf, compareVersions, summarize, DEFAULT_POLICY, type AgreementPolicy } from '../../shared/agreement/index.ts';
import { submissionQuality } from '../../shared/agreement/reputation.ts';
import type { ObjectLike } from '../../shared/agreement/objects.ts';
import type { ReviewVerdict } from '../../shared/signing/typedData.ts';

export interface ReviewedSubmission { id: string; annotator: string; objects: ObjectLike[] }

export function qualityOf(verdict: ReviewVerdict, submission: readonly ObjectLike[], consensus: readonly ObjectLike[] | null, policy: AgreementPolicy = DEFAULT_POLICY): number {
  if (verdict !== 'accept' || !consensus) return 0;
  const s = summarize(compareVersions(matchablesOf(submission), matchablesOf(consensus), policy));
  const n = submission.filter((o) => o.kind !== 'relation').length;
  const m = consensus.filter((o) => o.kind !== 'relation').length;
  return submissionQuality(s.matched, n, m);
}

/** Objects of a stored document JSON ({taskId, objects}); malformed → empty. */
export function documentObjects(json: string | null): ObjectLike[] {
  if (!json) return [];
  try {
    const d = JSON.parse(json) as { objects?: unknown };
    return Array.isArray(d.objects) ? (d.objects as ObjectLike[]) : [];
  } catch {
    return [];
  }
}
