// GET /v1/rewards/:address: an annotator's rewards ledger.
import { microToTag } from '../../../shared/microTag.ts';
import { HttpError, sendJson, type Router } from '../http.ts';
import type { NodeDeps } from '../deps.ts';

export function rewardRoutes(router: Router, deps: NodeDeps): void {
  router.on('GET', /^\/v1\/rewards\/([^/]+)$/, async (_q, res, [address], url) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${address.slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
    const r = await deps.store.rewards(address, limit);
    // the ledger keeps micro-TAG; the API answers TAG numbers with at most six decimals (shared/microTag.ts)
    sendJson(res, 200, { ...r, total: microToTag(r.total), items: r.items.map((i) => ({ ...i, amount: microToTag(i.amount), base: microToTag(i.base) })) });
  });
}
