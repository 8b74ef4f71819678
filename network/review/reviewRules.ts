// What a review means for each reviewed submission: accepted work is scored by its agreement with the consensus the
// validator signed (quality = F1 of matched objects, shared/agreement), rejected and sent-back work gets 0 now.
import type { ObjectLike } from '../../shared/agreement/objects.ts';

// the node and `tagger verify` compute a review's qualities with the same function
export { qualityOf } from '../../shared/agreement/reviewQuality.ts';

export interface ReviewedSubmission { id: string; annotator: string; objects: ObjectLike[] }

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
