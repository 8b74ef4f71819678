// The network commands shared by buttons, the palette and keys: sync now and get tasks.
import { tagger } from '../../api/tagger.ts';
import { toast, errorText } from '../../stores/app.ts';
import { refreshProjects, refreshTasks } from '../../stores/navigation.ts';
import { unlockOrReport } from '../wallet/walletStore.ts';

export async function syncNow(): Promise<void> {
  try {
    const r = await tagger.submissions.syncNow();
    // Offline is a normal state, not an error: the items simply wait.
    if (!r.online) toast('info', `Offline: ${r.remaining} waiting to sync. ${r.error ?? ''}`);
    else if (r.error) toast('error', r.error);
    else if (r.sent) toast('success', `Synced ${r.sent}: ${r.accepted} accepted, ${r.rejected} rejected`);
    else toast('info', r.remaining ? `${r.remaining} still waiting` : 'Nothing waiting to sync');
    void refreshTasks();
  } catch (e) {
    toast('error', errorText(e));
  }
}

export async function pullTasks(): Promise<void> {
  try {
    const r = await tagger.submissions.pull();
    for (const f of r.failed.slice(0, 5)) toast('error', `${f.name}: ${f.reason}`);
    const got = r.newTasks ? `${r.newTasks} new task${r.newTasks === 1 ? '' : 's'} from ${r.nodeUrl}${r.projects.length ? ` (new project ${r.projects.join(', ')})` : ''}` : `No new tasks from ${r.nodeUrl}`;
    // The node's own reason for leasing fewer than asked, so "1 new task" is not a mystery.
    toast(r.newTasks ? 'success' : 'info', r.limitedBy ? `${got}. The node leased fewer: ${r.limitedBy}` : got);
    await refreshProjects();
    await refreshTasks();
  } catch (e) {
    await unlockOrReport(e, pullTasks);
  }
}
