// The item's verdict: accept the consensus as drafted, reject with a reason, or send back for rework with a comment
// the annotators see. The core checks the versions did not change since they were shown, signs an EIP-712 Review
// and queues it; a locked wallet opens the wallet dialog and the verdict continues once unlocked.
import type { ReviewVerdict } from '../../../shared/signing/typedData.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast } from '../../stores/app.ts';
import { navigateReview } from '../../stores/navigation.ts';
import { unlockOrReport } from '../wallet/walletStore.ts';
import { loadQueue, openItem, useReview } from './reviewStore.ts';

export async function submitVerdict(verdict: ReviewVerdict, reason = ''): Promise<boolean> {
  const { item, queue } = useReview.getState();
  const projectId = useApp.getState().projectId;
  if (!item || !projectId) return false;
  const versionHashes = Object.fromEntries(item.versions.map((v) => [v.annotator, v.contentHash]));
  try {
    const r = await tagger.review.submit(item.taskId, { verdict, reason, versionHashes });
    const word = verdict === 'accept' ? 'Accepted' : verdict === 'reject' ? 'Rejected' : 'Sent back for rework';
    toast('success', `${word} and signed; ${r.pending} waiting to sync`);
    await loadQueue(projectId);
    const after = useReview.getState().queue;
    const at = queue.findIndex((q) => q.taskId === item.taskId);
    const next = after.slice(at + 1).find((q) => !q.verdict) ?? after.find((q) => !q.verdict);
    if (next) navigateReview(projectId, next.taskId);
    else { navigateReview(projectId, item.taskId); await openItem(item.taskId); toast('info', 'Every item in the review queue has a verdict.'); }
    return true;
  } catch (e) {
    await unlockOrReport(e, async () => { await submitVerdict(verdict, reason); });
    return false;
  }
}
