// Header controls of the network: the wallet button (lock state, address, rewards), submissions, the network
// actions, and the dialogs. It also turns node verdicts into what the user sees: queue statuses and a toast per
// rejection with the node's reason.
import { useEffect, useRef } from 'react';
import { tagger, onEvent } from '../../api/tagger.ts';
import { useApp, toast } from '../../stores/app.ts';
import { refreshProjects, refreshTasks } from '../../stores/navigation.ts';
import { useActions } from '../../actions/registry.ts';
import { openNetworkDialog, refreshWallet, shortAddress, formatReward, useWallet } from '../wallet/walletStore.ts';
import { WalletDialog } from '../wallet/WalletDialog.tsx';
import { SubmissionsDialog } from './SubmissionsDialog.tsx';
import { pullTasks, syncNow } from './networkActions.ts';

export function NetworkControls() {
  const status = useWallet((s) => s.status);
  const dialog = useWallet((s) => s.dialog);
  const lastPending = useRef<number | null>(null);
  const seenRejections = useRef<Set<string> | null>(null);

  useEffect(() => {
    void refreshWallet();
    const onVerdicts = async () => {
      const rejected = await tagger.submissions.list({ state: ['rejected'], limit: 50 }).catch(() => []);
      const first = seenRejections.current === null;
      const seen = (seenRejections.current ??= new Set());
      for (const r of rejected) {
        if (!first && !seen.has(r.id)) toast('error', `${r.taskName} was rejected: ${r.reason ?? 'no reason given'}`);
        seen.add(r.id);
      }
      void refreshTasks();
      void refreshProjects();
      void refreshWallet();
    };
    void onVerdicts();
    // The core also emits when the wallet locks itself after idle time, and again once a sync has fetched the
    // rewards: the wallet is read once after each burst of events, never skipped (a throttle that dropped the last
    // event of a burst left the top bar at the old reward total until the next sync).
    let walletCheck: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent('sync', (s) => {
      // Fewer waiting means the node answered for some items: show their verdicts.
      if (lastPending.current !== null && s.pending < lastPending.current) void onVerdicts();
      if (walletCheck) clearTimeout(walletCheck);
      walletCheck = setTimeout(() => { walletCheck = null; void refreshWallet(); }, 250);
      lastPending.current = s.pending;
    });
    return () => {
      off();
      if (walletCheck) clearTimeout(walletCheck);
    };
  }, []);

  // A new node URL in Settings: look for that node now rather than at the next scheduled attempt.
  const nodeUrl = useApp((s) => s.settings.nodeUrl);
  const firstUrl = useRef(true);
  useEffect(() => {
    if (firstUrl.current) {
      firstUrl.current = false;
      return;
    }
    void tagger.submissions.syncNow().catch(() => undefined);
  }, [nodeUrl]);

  useActions(() => [
    { id: 'wallet.open', title: 'Wallet', group: 'Network', run: () => openNetworkDialog('wallet') },
    { id: 'wallet.lock', title: 'Lock wallet', group: 'Network', enabled: () => !!useWallet.getState().status?.unlocked, run: async () => { useWallet.setState({ status: await tagger.wallet.lock() }); toast('info', 'Wallet locked'); } },
    { id: 'submissions.open', title: 'Submissions and rewards', group: 'Network', run: () => openNetworkDialog('submissions') },
    { id: 'sync.now', title: 'Sync now', group: 'Network', run: syncNow },
    { id: 'sync.pull', title: 'Get tasks from the node', group: 'Network', run: pullTasks },
  ], []);

  const pending = useApp((s) => s.sync.pending);
  const label = !status?.exists ? 'Wallet: none' : status.unlocked ? `Wallet ${shortAddress(status.address)}, ${formatReward(status.totalReward)}` : `Wallet locked ${shortAddress(status.address)}`;
  return (
    <span className="net-controls">
      <button onClick={() => openNetworkDialog('wallet')} aria-label={label} title={label}>
        {!status?.exists ? 'Wallet' : status.unlocked ? `${shortAddress(status.address)} · ${formatReward(status.totalReward)}` : `Locked ${shortAddress(status.address)}`}
      </button>
      <button onClick={() => openNetworkDialog('submissions')} aria-label="Submissions and rewards" title="Submissions and rewards">
        Submissions{pending ? ` (${pending})` : ''}
      </button>
      {dialog === 'wallet' ? <WalletDialog /> : null}
      {dialog === 'submissions' ? <SubmissionsDialog /> : null}
    </span>
  );
}
