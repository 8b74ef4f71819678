// Publishing: a project manifest signed by a requester wallet whose balance covers the budget; and the balance.
import { microToTag } from '../../../shared/microTag.ts';
import { HttpError, readJson, sendJson, type Router } from '../http.ts';
import { publishBody } from '../schemas.ts';
import type { NodeDeps } from '../deps.ts';
import { verifyManifest } from '../../verify/signedRequests.ts';
import { parseBody } from './parse.ts';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function projectRoutes(router: Router, deps: NodeDeps): void {
  router.on('POST', /^\/v1\/projects$/, async (req, res) => {
    const body = parseBody(publishBody, await readJson(req, { timeoutMs: deps.limits.bodyTimeoutMs, maxDepth: 64 }));
    const input = verifyManifest(deps.domain, body, deps.now());
    const { projectId, tasks } = await deps.store.publishProject(input, deps.now());
    // bytes uploaded for an earlier project with the same asset are on disk already
    const present = input.assets.map((a) => ({ sha256: a.sha256, size: deps.assets.has(a.sha256) })).filter((a): a is { sha256: string; size: number } => a.size !== null);
    if (present.length) await deps.store.markAssetsStored(present);
    sendJson(res, 200, { projectId, tasks, budget: microToTag(input.budget), balance: microToTag(await deps.store.requesterBalance(input.requester)) });
  });

  router.on('GET', /^\/v1\/requesters\/([^/]+)$/, async (_q, res, [address]) => {
    if (!ADDRESS.test(address)) throw new HttpError(400, 'invalid_request', `"${address.slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    sendJson(res, 200, { address, balance: microToTag(await deps.store.requesterBalance(address)) });
  });
}

