// The review queue: items of this project with at least two annotators' versions, with each one's verdict so far,
// and the way to fetch more from the node (the submissions of items whose k versions are in).
import { useApp, toast, errorText } from '../../stores/app.ts';
import { navigate, navigateReview } from '../../stores/navigation.ts';
import { tagger } from '../../api/tagger.ts';
import { unlockOrReport } from '../wallet/walletStore.ts';
import { isTaggerError } from '../../../shared/errors.ts';
import { loadQueue, useReview } from './reviewStore.ts';

const VERDICT_TEXT = { accept: 'Accepted', reject: 'Rejected', rework: 'Sent back', fix: 'Sent back' } as const;

export async function pullReviewItems(): Promise<void> {
  const projectId = useApp.getState().projectId;
  try {
    const r = await tagger.review.pull();
    const failed = r.failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
    toast(r.failed.length ? 'error' : 'success', `${r.items} item${r.items === 1 ? '' : 's'} to review from the node${failed ? `; refused ${r.failed.length}: ${failed}` : ''}`, r.failed.length ? 12000 : 3500);
    const here = r.projectIds.includes(projectId ?? '') ? projectId : r.projectIds[0];
    if (here && here !== projectId) navigateReview(here);
    else if (projectId) await loadQueue(projectId);
  } catch (e) {
    // A failure inside the fetch is reported by its job (progress toast); a locked or missing wallet asks for it.
    if (isTaggerError(e) && e.code === 'locked') await unlockOrReport(e, pullReviewItems);
  }
}

export function ReviewQueue() {
  const queue = useReview((s) => s.queue);
  const loaded = useReview((s) => s.queueLoaded);
  const current = useApp((s) => s.review?.taskId ?? null);
  const projectId = useApp((s) => s.projectId);
  return (
    <nav className="queue rv-queue" aria-label="Review queue">
      <div className="queue-head">
        <strong>Review</strong>
        <span className="muted" aria-live="polite">{queue.length} item{queue.length === 1 ? '' : 's'}</span>
        <span className="spacer" />
        <button onClick={() => projectId && navigate(projectId)} title="Back to annotating this project">Annotate</button>
      </div>
      <div className="queue-head">
        <button onClick={() => void pullReviewItems().catch((e) => toast('error', errorText(e)))}>Get items to review from the node</button>
      </div>
      <ul className="task-list">
        {loaded && !queue.length ? <li className="muted rv-empty">No item of this project has two or more annotators' versions yet. Get items from the node, import an annotator's file in Import and export (“As the version of”), or run <code>tagger import … --annotator NAME</code>.</li> : null}
        {queue.map((q) => (
          <li key={q.taskId}>
            <button className="task-row" aria-current={q.taskId === current || undefined} onClick={() => projectId && navigateReview(projectId, q.taskId)}
              aria-label={`${q.name}, ${q.kind}, ${q.annotators.length} versions, ${q.verdict ? VERDICT_TEXT[q.verdict] : 'to review'}`}>
              <span className={`kind-dot kind-${q.kind}`} aria-hidden="true" />
              <span className="task-name">{q.name}</span>
              <span className={`status ${q.verdict ? `status-${q.verdict === 'accept' ? 'accepted' : 'rejected'}` : ''}`}>{q.verdict ? VERDICT_TEXT[q.verdict] : 'to review'}</span>
              <span className="muted task-meta">{q.kind} · {q.annotators.length} versions</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
