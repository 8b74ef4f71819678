// Contract handlers of the chain group: one ChainService per Core, on the wallet of the network services.
import type { Core } from '../core/createCore.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { networkServices } from '../sync/networkServices.ts';
import { normalizeNodeUrl } from '../sync/outbox.ts';
import { ChainService } from './chainService.ts';

const byCore = new WeakMap<object, ChainService>();
const RETRY_ON_SYNC_MS = 3000;

function chainService(core: Core): ChainService {
  let s = byCore.get(core);
  if (!s) {
    const net = networkServices(core);
    // a claim waiting or sent re-announces the sync state, so the outbox table, the status bar and the wallet refresh
    let own = false;
    const announce = () => {
      own = true;
      try {
        net.engine.emit();
      } finally {
        own = false;
      }
    };
    s = new ChainService({ nodeUrl: () => normalizeNodeUrl(core.settings.get().nodeUrl), wallet: net.wallet, prefs: core.settings, fetch: core.fetch, now: core.now, onChange: announce });
    byCore.set(core, s);
    const service = s;
    // like the outbox: a waiting claim is tried again whenever a sync finds the node (at most every few seconds)
    let lastTry = 0;
    const unsubscribe = core.events.subscribe((name, payload) => {
      if (name !== 'sync' || own || !(payload as { online: boolean }).online) return;
      if (core.now() - lastTry < RETRY_ON_SYNC_MS) return;
      lastTry = core.now();
      service.retryNow();
    });
    core.onClose(() => {
      unsubscribe();
      service.close();
    });
  }
  return s;
}

export function createChainHandlers(core: Core): TaggerHandlers['chain'] {
  return {
    status: () => chainService(core).status(),
    claim: () => chainService(core).claim(),
    pending: () => chainService(core).pendingClaim(),
  };
}
