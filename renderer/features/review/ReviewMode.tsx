// Review mode, a workspace of its own: the review queue (items whose versions are in), the item's versions side by
// side or overlaid with the validator's draft consensus, the legend and the list of matched objects, and the
// verdict. Loaded on demand from the shell.
import { useEffect, useMemo, useState } from 'react';
import type { TaskDetail } from '../../../shared/domain.ts';
import { defaultSchema } from '../../../shared/defaultSchema.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, errorText } from '../../stores/app.ts';
import { useActions } from '../../actions/registry.ts';
import { ActionButton } from '../../actions/ActionButton.tsx';
import { loadQueue, openItem, useReview } from './reviewStore.ts';
import { reviewActions } from './reviewActions.ts';
import { ReviewQueue } from './ReviewQueue.tsx';
import { ReviewSide } from './ReviewSide.tsx';
import { VerdictDialog } from './VerdictDialog.tsx';
import { ImageReview } from './image/ImageReview.tsx';
import { IntervalReview } from './IntervalReview.tsx';
import './review.css';

export default function ReviewMode() {
  const projectId = useApp((s) => s.projectId);
  const taskId = useApp((s) => s.review?.taskId ?? null);
  const item = useReview((s) => s.item);
  const error = useReview((s) => s.error);
  const history = useReview((s) => s.history);
  const overlay = useReview((s) => s.overlay);
  const [detail, setDetail] = useState<TaskDetail | null>(null);

  useEffect(() => { if (projectId) void loadQueue(projectId); }, [projectId]);
  useEffect(() => {
    let live = true;
    setDetail(null);
    void openItem(taskId);
    if (taskId) tagger.tasks.get(taskId).then((d) => live && setDetail(d)).catch((e) => live && useReview.setState({ error: errorText(e) }));
    return () => { live = false; };
  }, [taskId]);

  const schema = detail ? detail.project.schema[detail.asset.kind] ?? defaultSchema()[detail.asset.kind]! : null;
  const labels = useMemo(() => schema?.labels ?? [], [schema]);
  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l.color])), [labels]);
  const colorOfLabel = useMemo(() => (l: string) => colors.get(l) ?? '#cccccc', [colors]);
  useActions(() => reviewActions(labels), [labels]);

  const ready = item && detail && item.taskId === taskId && detail.task.id === taskId;
  let body;
  if (!taskId) body = <div className="ws-empty muted">Pick an item from the review queue, or press <kbd>F</kbd> for the first one.</div>;
  else if (error) body = <div className="ws-empty" role="alert">Could not open this item for review: {error}</div>;
  else if (!ready) body = <div className="ws-empty muted" aria-busy="true">Opening…</div>;
  else if (detail.asset.kind === 'image') body = <ImageReview item={item} asset={detail.asset} colorOfLabel={colorOfLabel} />;
  else body = <IntervalReview item={item} asset={detail.asset} colorOfLabel={colorOfLabel} />;

  return (
    <div className="rv-mode">
      <ReviewQueue />
      <div className="ws-layout rv-layout">
        <div className="ws-toolbar" role="toolbar" aria-label="Review tools">
          <ActionButton id="review.previousDisagreement">‹ Prev</ActionButton>
          <ActionButton id="review.nextDisagreement">Next ›</ActionButton>
          <span className="tb-sep" />
          <ActionButton id="review.accept" showKey>Accept</ActionButton>
          <ActionButton id="review.reject" showKey>Reject</ActionButton>
          <ActionButton id="review.nextPane" showKey>Pane</ActionButton>
          <ActionButton id="review.overlay" pressed={overlay} showKey>Overlay</ActionButton>
          <span className="tb-sep" />
          <ActionButton id="edit.undo" disabled={!history?.canUndo} hint={history?.undoLabel ?? undefined}>↶</ActionButton>
          <ActionButton id="edit.redo" disabled={!history?.canRedo} hint={history?.redoLabel ?? undefined}>↷</ActionButton>
          {detail?.asset.kind === 'image' ? <><span className="tb-sep" /><ActionButton id="review.fit">Fit</ActionButton></> : null}
          <span className="spacer" />
          <ActionButton id="review.reworkItem">Rework…</ActionButton>
          <ActionButton id="review.rejectItem">Reject item…</ActionButton>
          <ActionButton id="review.acceptItem" className="primary">Accept item ✓</ActionButton>
        </div>
        <div className="ws-main">{body}</div>
        <aside className="ws-side" aria-label="Review details">{ready ? <ReviewSide item={item} kind={detail.asset.kind} colorOfLabel={colorOfLabel} /> : null}</aside>
      </div>
      <VerdictDialog />
    </div>
  );
}
