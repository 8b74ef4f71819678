// The wallet's on-chain part: TAG balance, claimable rewards, stake and one Claim button. The claim is built and
// signed in the core; the page only asks. Offline the claim waits in the core and the panel says so.
import { useEffect, useState } from 'react';
import { tagger } from '../../api/tagger.ts';
import { toast } from '../../stores/app.ts';
import { unlockOrReport } from './walletStore.ts';
import type { ChainWalletStatus } from '../../../shared/api/chain.ts';

const shortTx = (h: string) => `${h.slice(0, 10)}…`;

export function ChainPanel() {
  const [s, setS] = useState<ChainWalletStatus | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    const refresh = () => void tagger.chain.status().then((x) => live && setS(x)).catch(() => undefined);
    refresh();
    const t = setInterval(refresh, 15_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, []);
  const claim = async (): Promise<void> => {
    setBusy(true);
    try {
      const next = await tagger.chain.claim();
      setS(next);
      if (next.pendingClaim) toast('info', 'The claim waits until the node and the chain can be reached; it is sent then.');
      else if (next.lastClaim) toast('success', `Claimed ${next.lastClaim.amount} TAG`);
    } catch (e) {
      await unlockOrReport(e, claim);
    } finally {
      setBusy(false);
    }
  };
  if (!s) return <p className="muted">Reading the chain…</p>;
  const value = (v: string) => (s.available ? `${v} TAG` : '—');
  return (
    <section className="chain-panel" aria-label="On chain">
      <h3>On chain{s.chainId ? <span className="muted"> · chain {s.chainId}, epoch {s.epoch}</span> : null}</h3>
      {s.reason ? <p className="muted" role="status">{s.reason}</p> : null}
      <dl className="meta">
        <dt>TAG balance</dt><dd aria-label="TAG balance">{value(s.balance)}</dd>
        <dt>Claimable</dt><dd aria-label="Claimable">{value(s.claimable)}</dd>
        <dt>Staked</dt><dd aria-label="Staked">{value(s.stake)}</dd>
      </dl>
      {s.pendingClaim ? (
        <p role="status" className="chain-pending">
          {s.pendingClaim.state === 'sent' ? `Claim sent (${shortTx(s.pendingClaim.tx ?? '')}), waiting to be mined.` : `Claim waiting to be sent${s.pendingClaim.reason ? `: ${s.pendingClaim.reason}` : '.'}`}
        </p>
      ) : null}
      {s.lastClaim && !s.pendingClaim ? <p className="muted">Last claim: {s.lastClaim.amount} TAG in {shortTx(s.lastClaim.tx)}</p> : null}
      {/* No wallet or a node without a chain: waiting changes nothing, so there is no button that would wait. */}
      {s.state === 'ready' || s.state === 'offline' ? (
        <button className="primary" disabled={busy || !!s.pendingClaim || (s.available && s.claimable === '0')} onClick={() => void claim()}>
          {busy ? 'Claiming…' : !s.available ? 'Claim when online' : s.claimable === '0' ? 'Nothing to claim yet' : `Claim ${s.claimable} TAG`}
        </button>
      ) : null}
    </section>
  );
}
