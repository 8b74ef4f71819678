// A claim of on-chain rewards travels like a submission in the outbox: when it waits or is sent the sync state is
// announced again (the outbox table, the status bar's count and the wallet refresh), and a waiting claim is tried
// again whenever a sync finds the node (at most every few seconds; the 30 s retry covers the rest).
import type { EventBus } from '../core/events.ts';
import type { ChainService } from './chainService.ts';

const RETRY_ON_SYNC_MS = 3000;

export function claimFollowsSync(d: { events: EventBus; engine: { emit(): void }; now: () => number }) {
  let own = false;
  return {
    /** ChainService's onChange: re-emits the sync state, marked as ours so it does not trigger a retry. */
    announce(): void {
      own = true;
      try {
        d.engine.emit();
      } finally {
        own = false;
      }
    },
    /** Starts retrying `chain`'s waiting claim on syncs that find the node; returns the unsubscribe. */
    follow(chain: Pick<ChainService, 'retryNow'>): () => void {
      let lastTry = 0;
      return d.events.subscribe((name, payload) => {
        if (name !== 'sync' || own || !(payload as { online: boolean }).online) return;
        if (d.now() - lastTry < RETRY_ON_SYNC_MS) return;
        lastTry = d.now();
        chain.retryNow();
      });
    },
  };
}
