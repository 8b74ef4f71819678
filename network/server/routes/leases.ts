// POST /v1/leases: an annotator's signed request for work, matched by modality, declared skills and reputation,
// within the per-address caps on open leases and the newcomer rule (store/leasePlan.ts).
import { readJson, sendJson, type Router } from '../http.ts';
import { leaseBody } from '../schemas.ts';
import type { NodeDeps } from '../deps.ts';
import { verifyLeaseRequest } from '../../verify/signedRequests.ts';
import { parseBody } from './parse.ts';

export function leaseRoutes(router: Router, deps: NodeDeps): void {
  router.on('POST', /^\/v1\/leases$/, async (req, res) => {
    const body = parseBody(leaseBody, await readJson(req, { limit: 64 * 1024, maxDepth: 8, timeoutMs: deps.limits.bodyTimeoutMs }));
    const request = verifyLeaseRequest(deps.domain, body, deps.now());
    const l = deps.limits;
    const result = await deps.store.leaseTasks(request, { maxOpen: l.maxOpenLeases, maxOpenPerProject: l.maxOpenLeasesPerProject, newcomerPerProject: l.newcomerLeasesPerProject, newcomerShare: l.newcomerShare }, deps.now());
    sendJson(res, 200, result);
  });
}
