// Finishing a task (Ctrl+Enter): a task given by a network node is submitted — saved edits are signed and queued
// for the node — and a task imported here is marked done locally (nothing signed or sent; Ctrl+Shift+Enter does
// that for any task). Both then open the next task. A locked or missing wallet opens the wallet dialog, which
// continues the submit once unlocked; an empty task asks before it is submitted.
import { tagger } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { openNextTask, refreshProjects, refreshTasks } from '../../stores/navigation.ts';
import { flushEdits, useDocument } from '../document/documentStore.ts';
import { confirmChoice } from '../../ui/Confirm.tsx';
import { unlockOrReport } from './walletStore.ts';

/** Whether the open task came from a network node (so it is submitted rather than marked done). */
export function openTaskIsFromNode(): boolean {
  const { taskId, tasks } = useApp.getState();
  return !!tasks.find((t) => t.id === taskId)?.sourceNode;
}

export async function finishAndNext(): Promise<void> {
  if (openTaskIsFromNode()) await submitAndNext();
  else await markDoneAndNext();
}

/** Saves, then stops when the last change could not be stored: never finish a task whose work is not on disk. */
async function savedOrReport(what: string): Promise<boolean> {
  await flushEdits();
  const { error, retry } = useDocument.getState();
  if (!error && !retry) return true;
  toast('error', `The last change is not saved, so the task was not ${what}. Wait for the save banner to clear and try again.`);
  return false;
}

/** `emptyConfirmed`: the user already agreed to submit an empty task (the retry after unlocking the wallet). */
export async function submitAndNext(emptyConfirmed = false): Promise<void> {
  const { taskId } = useApp.getState();
  if (!taskId) return;
  if (!openTaskIsFromNode()) {
    toast('info', 'This task was imported here, not given by a network node, so there is nowhere to submit it. Mark it done instead (Ctrl+Enter).');
    return;
  }
  if (useDocument.getState().readOnly) {
    toast('info', 'This task is already submitted.');
    return;
  }
  if (!(await savedOrReport('submitted'))) return;
  if (!emptyConfirmed && useDocument.getState().taskId === taskId && useDocument.getState().objects.size === 0) {
    const yes = await confirmChoice('Submit an empty task?', 'This task has no annotations. Submitting signs it as finished with nothing marked, and it cannot be changed afterwards.', 'Submit empty task');
    if (!yes) return;
  }
  try {
    const r = await tagger.submissions.submit(taskId);
    toast('success', r.pending > 1 ? `Submitted; ${r.pending} waiting to sync` : 'Submitted');
    await refreshTasks();
    void refreshProjects();
    if (useApp.getState().taskId === taskId) await openNextTask();
  } catch (e) {
    await unlockOrReport(e, () => submitAndNext(true));
  }
}

/** For work without a wallet or network: finish the task locally, nothing is signed or sent. */
export async function markDoneAndNext(): Promise<void> {
  const { taskId } = useApp.getState();
  if (!taskId) return;
  if (useDocument.getState().readOnly) {
    toast('info', 'This task is already submitted.');
    return;
  }
  if (!(await savedOrReport('marked done'))) return;
  try {
    await tagger.tasks.setStatus(taskId, 'done');
    await refreshTasks();
    if (useApp.getState().taskId === taskId) await openNextTask();
  } catch (e) {
    toast('error', errorText(e));
  }
}
