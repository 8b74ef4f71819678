// Contract handlers of the chain group, bound to the core's ChainService.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';

export function createChainHandlers(core: Core): TaggerHandlers['chain'] {
  return {
    status: () => core.chain.status(),
    claim: () => core.chain.claim(),
    pending: () => core.chain.pendingClaim(),
  };
}
