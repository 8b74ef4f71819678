// What a review means for a reviewed submission's quality: accepted work is scored by its agreement with the
// consensus the validator signed (F1 of matched objects), rejected and sent-back work gets 0. The node sets rewards
// with it and `tagger verify` recomputes them with it.
import { matchablesOf, compareVersions, summarize, DEFAULT_POLICY, type AgreementPolicy } from './index.ts';
import { submissionQuality } from './reputation.ts';
import type { ObjectLike } from './objects.ts';
import type { ReviewVerdict } from '../signing/typedData.ts';

export function qualityOf(verdict: ReviewVerdict, submission: readonly ObjectLike[], consensus: readonly ObjectLike[] | null, policy: AgreementPolicy = DEFAULT_POLICY): number {
  if (verdict !== 'accept' || !consensus) return 0;
  const s = summarize(compareVersions(matchablesOf(submission), matchablesOf(consensus), policy));
  const n = submission.filter((o) => o.kind !== 'relation').length;
  const m = consensus.filter((o) => o.kind !== 'relation').length;
  return submissionQuality(s.matched, n, m);
}
