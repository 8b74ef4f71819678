// "Submit task and open next" (Ctrl+Enter): saves pending edits, signs and queues the task in the core, then
// moves on. A locked or missing wallet opens the wallet dialog, which continues the submit once unlocked.
import { tagger } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { openNextTask, refreshProjects, refreshTasks } from '../../stores/navigation.ts';
import { flushEdits } from '../document/documentStore.ts';
import { unlockOrReport } from './walletStore.ts';

export async function submitAndNext(): Promise<void> {
  const { taskId } = useApp.getState();
  if (!taskId) return;
  await flushEdits();
  // Submitting seals what is on disk: never sign a document whose last change failed to save.
  if (useApp.getState().save.status === 'error') {
    toast('error', 'The last change is not saved, so the task was not submitted. Fix the save problem (status bar) and submit again.');
    return;
  }
  try {
    const r = await tagger.submissions.submit(taskId);
    toast('success', r.pending > 1 ? `Submitted; ${r.pending} waiting to sync` : 'Submitted');
    await refreshTasks();
    void refreshProjects();
    if (useApp.getState().taskId === taskId) await openNextTask();
  } catch (e) {
    await unlockOrReport(e, submitAndNext);
  }
}

/** For people working without a wallet or network: finish the task locally, nothing is signed or sent. */
export async function markDoneAndNext(): Promise<void> {
  const { taskId } = useApp.getState();
  if (!taskId) return;
  await flushEdits();
  try {
    await tagger.tasks.setStatus(taskId, 'done');
    await refreshTasks();
    await openNextTask();
  } catch (e) {
    toast('error', errorText(e));
  }
}
