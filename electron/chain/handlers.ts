// Contract handlers of the chain group: one ChainService per Core, on the wallet of the network services.
import type { Core } from '../core/createCore.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { networkServices } from '../sync/networkServices.ts';
import { normalizeNodeUrl } from '../sync/outbox.ts';
import { ChainService } from './chainService.ts';

const byCore = new WeakMap<object, ChainService>();

function chainService(core: Core): ChainService {
  let s = byCore.get(core);
  if (!s) {
    const wallet = networkServices(core).wallet;
    s = new ChainService({ nodeUrl: () => normalizeNodeUrl(core.settings.get().nodeUrl), wallet, prefs: core.settings, fetch: core.fetch, now: core.now });
    byCore.set(core, s);
    const service = s;
    core.onClose(() => service.close());
  }
  return s;
}

export function createChainHandlers(core: Core): TaggerHandlers['chain'] {
  return {
    status: () => chainService(core).status(),
    claim: () => chainService(core).claim(),
  };
}
