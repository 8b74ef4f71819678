// Review mode's commands, one registry entry each: keys, toolbar buttons, the palette and the shortcut list all
// come from here. Keys follow what reviewers know: J/K for next/previous (Gmail, GitHub review), A/X for
// accept/reject (Prodigy), Tab for the next object, Ctrl+Enter to finish the item.
import type { Action } from '../../actions/registry.ts';
import type { LabelDef } from '../../../shared/domain.ts';
import { labelActions, withDefaultHotkeys } from '../workspace/labelActions.ts';
import { useApp } from '../../stores/app.ts';
import { navigate, navigateReview } from '../../stores/navigation.ts';
import { acceptVersion, cyclePane, redoReview, rejectObject, relabel, stepCluster, undoReview, useReview } from './reviewStore.ts';
import { imageReviewView } from './image/ImageReview.tsx';
import { openVerdict } from './VerdictDialog.tsx';
import { submitVerdict } from './verdict.ts';

const hasItem = () => !!useReview.getState().item;

function stepItem(dir: 1 | -1): void {
  const { queue, item } = useReview.getState();
  const projectId = useApp.getState().projectId;
  if (!projectId || !queue.length) return;
  const at = item ? queue.findIndex((q) => q.taskId === item.taskId) : -1;
  const next = queue[at < 0 ? 0 : (at + dir + queue.length) % queue.length];
  navigateReview(projectId, next.taskId);
}

export function reviewActions(labels: LabelDef[]): Action[] {
  const g = 'Review';
  return [
    { id: 'review.nextDisagreement', title: 'Next disagreement', group: g, keys: ['J'], enabled: hasItem, run: () => stepCluster(1) },
    { id: 'review.previousDisagreement', title: 'Previous disagreement', group: g, keys: ['K'], enabled: hasItem, run: () => stepCluster(-1) },
    { id: 'review.nextObject', title: 'Next object (agreed ones too)', group: g, keys: ['Tab'], enabled: hasItem, run: () => stepCluster(1, true) },
    { id: 'review.previousObject', title: 'Previous object', group: g, keys: ['Shift+Tab'], enabled: hasItem, run: () => stepCluster(-1, true) },
    { id: 'review.accept', title: "Accept the focused version's object", group: g, keys: ['A'], enabled: hasItem, run: acceptVersion },
    { id: 'review.reject', title: 'Reject the object (leave it out of the consensus)', group: g, keys: ['X'], enabled: hasItem, run: rejectObject },
    { id: 'review.nextPane', title: 'Next version pane', group: g, keys: ['P'], enabled: hasItem, run: () => cyclePane(1) },
    { id: 'review.previousPane', title: 'Previous version pane', group: g, keys: ['Shift+P'], enabled: hasItem, run: () => cyclePane(-1) },
    { id: 'review.overlay', title: 'Side by side or overlay', group: g, keys: ['O'], enabled: hasItem, run: () => useReview.setState((s) => ({ overlay: !s.overlay })) },
    { id: 'review.fit', title: 'Fit to window', group: g, keys: ['Shift+1'], enabled: () => !!imageReviewView.group, run: () => imageReviewView.group?.fit() },
    { id: 'review.zoomIn', title: 'Zoom in', group: g, keys: ['='], enabled: () => !!imageReviewView.group, run: () => imageReviewView.group?.zoom(1.25) },
    { id: 'review.zoomOut', title: 'Zoom out', group: g, keys: ['-'], enabled: () => !!imageReviewView.group, run: () => imageReviewView.group?.zoom(0.8) },
    { id: 'review.acceptItem', title: 'Accept the consensus, sign and open the next item', group: g, keys: ['Ctrl+Enter'], enabled: hasItem, run: async () => { await submitVerdict('accept'); } },
    { id: 'review.rejectItem', title: 'Reject the item with a reason…', group: g, keys: ['Shift+X'], enabled: hasItem, run: () => openVerdict('reject') },
    { id: 'review.reworkItem', title: 'Send back for rework with a comment…', group: g, keys: ['Shift+R'], enabled: hasItem, run: () => openVerdict('rework') },
    { id: 'review.nextItem', title: 'Next item in the review queue', group: g, keys: ['F'], run: () => stepItem(1) },
    { id: 'review.previousItem', title: 'Previous item in the review queue', group: g, keys: ['D'], run: () => stepItem(-1) },
    { id: 'review.leave', title: 'Leave review mode (back to annotating)', group: g, run: () => navigate(useApp.getState().projectId) },
    // The shell's undo/redo act on the open annotation; in review mode they act on the draft consensus.
    { id: 'edit.undo', title: 'Undo', group: 'Edit', keys: ['Ctrl+Z'], enabled: () => !!useReview.getState().history?.canUndo, run: undoReview },
    { id: 'edit.redo', title: 'Redo', group: 'Edit', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], enabled: () => !!useReview.getState().history?.canRedo, run: redoReview },
    ...labelActions(withDefaultHotkeys(labels), 'review', g, (id) => void relabel(id)),
  ];
}
