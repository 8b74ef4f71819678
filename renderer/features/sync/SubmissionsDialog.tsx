// Submissions and rewards: every signed item with the node's verdict (reason for a rejection, reward for an
// acceptance), the totals, and the two network actions (sync now, get tasks).
import { useCallback, useEffect, useState } from 'react';
import { tagger, onEvent } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { NetDialog } from '../wallet/WalletDialog.tsx';
import { closeNetworkDialog, formatReward, shortAddress } from '../wallet/walletStore.ts';
import type { RewardsSummary, SubmissionItem, SubmissionState } from '../../../shared/api/submissions.ts';
import type { PendingClaim } from '../../../shared/api/chain.ts';
import { pullTasks, syncNow } from './networkActions.ts';
import { rewardBreakdown } from './rewardBreakdown.ts';

const STATE_LABEL: Record<SubmissionState, string> = { queued: 'Waiting to sync', accepted: 'Accepted', rejected: 'Rejected' };

export function SubmissionsDialog() {
  const [items, setItems] = useState<SubmissionItem[] | null>(null);
  const [rewards, setRewards] = useState<RewardsSummary | null>(null);
  // a claim of on-chain rewards waits in the same outbox view as submissions
  const [claim, setClaim] = useState<PendingClaim | null>(null);
  const [filter, setFilter] = useState<SubmissionState | ''>('');
  const sync = useApp((s) => s.sync);
  const load = useCallback(async () => {
    try {
      const [list, r, c] = await Promise.all([tagger.submissions.list({ ...(filter ? { state: [filter] } : {}), limit: 500 }), tagger.submissions.rewards(), tagger.chain.pending()]);
      setItems(list);
      setRewards(r);
      setClaim(filter === '' || filter === 'queued' ? c : null);
    } catch (e) {
      toast('error', errorText(e));
    }
  }, [filter]);
  useEffect(() => {
    void load();
    return onEvent('sync', () => void load());
  }, [load]);
  return (
    <NetDialog title="Submissions and rewards" onClose={closeNetworkDialog}>
      <div className="sub-summary" aria-label="Rewards summary">
        <span>Wallet <span className="mono">{rewards?.address ? shortAddress(rewards.address) : 'none'}</span></span>
        <span>Total rewards <strong aria-label="Total rewards">{formatReward(rewards?.total ?? 0)}</strong></span>
        {/* "waiting" is the status bar's count (submissions, reviews and a claim of rewards), so the two never disagree. */}
        <span>{rewards?.accepted ?? 0} accepted · {rewards?.rejected ?? 0} rejected · {sync.pending} waiting</span>
      </div>
      <p className="muted">Node {sync.nodeUrl} — {sync.online ? 'online' : 'offline'}{sync.lastError ? ` (${sync.lastError})` : ''}</p>
      <div className="row">
        <button onClick={() => void syncNow().then(load)} aria-label="Sync now">Sync now</button>
        <button onClick={() => void pullTasks().then(load)} aria-label="Get tasks from the node">Get tasks</button>
        <label>Show
          <select value={filter} onChange={(e) => setFilter(e.target.value as SubmissionState | '')} aria-label="Filter submissions">
            <option value="">All</option>
            <option value="queued">Waiting to sync</option>
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
      </div>
      <div className="sub-list">
        {items === null ? <p>Loading…</p> : items.length === 0 && !claim ? <p className="muted">Nothing submitted yet. Press Ctrl+Enter on a finished task from a node to sign and submit it (tasks imported here are marked done instead).</p> : (
          <table className="sub-table" aria-label="Submissions">
            <thead><tr><th>Task</th><th>Project</th><th>State</th><th>Reward</th><th>How</th><th>Submitted</th></tr></thead>
            <tbody>
              {claim ? (
                <tr aria-label={`Claim of rewards on chain: ${claim.state === 'sent' ? 'Sent' : 'Waiting to sync'}`}>
                  <td>Claim of rewards on chain</td>
                  <td>—</td>
                  <td className="state-queued">
                    {claim.state === 'sent' ? `Sent (${claim.tx?.slice(0, 10) ?? ''}…), waiting to be mined` : 'Waiting to sync'}
                    {claim.state === 'waiting' && claim.reason ? <div className="muted">Last try: {claim.reason}</div> : null}
                  </td>
                  <td>—</td>
                  <td>{new Date(claim.at).toLocaleString()}</td>
                </tr>
              ) : null}
              {items.map((s) => (
                <tr key={s.id} aria-label={`${s.taskName}${s.kind === 'review' ? ' (review)' : ''}: ${STATE_LABEL[s.state]}`}>
                  <td>{s.taskName}{s.kind === 'review' ? <span className="muted"> · your review</span> : null}</td>
                  <td>{s.projectName}</td>
                  <td className={`state-${s.state}`}>
                    {STATE_LABEL[s.state]}
                    {s.state === 'rejected' && s.reason ? <div>{s.reason}</div> : null}
                    {s.state === 'queued' && s.nodeUrl && s.nodeUrl !== sync.nodeUrl ? <div className="muted">for the node {s.nodeUrl} it came from</div> : null}
                    {s.state === 'queued' && s.reason ? <div className="muted">Last try: {s.reason}</div> : null}
                  </td>
                  <td>{s.state === 'accepted' ? formatReward(s.reward) : '—'}</td>
                  <td className="muted" aria-label="Reward breakdown">{rewardBreakdown(s)}</td>
                  <td>{new Date(s.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </NetDialog>
  );
}
