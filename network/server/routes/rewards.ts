// GET /v1/rewards/:address: an annotator's rewards ledger.
import { HttpError, sendJson, type Router } from '../http.ts';
import type { NodeDeps } from '../deps.ts';

export function rewardRoutes(router: Router, deps: NodeDeps): void {
  router.on('GET', /^\/v1\/rewards\/([^/]+)$/, async (_q, res, [address], url) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${address.slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
    sendJson(res, 200, await deps.store.rewards(address, limit));
  });
}
