// GET /v1/health and /v1/info: what a workstation checks before it signs anything for this node.
import { sendJson, type Router } from '../http.ts';
import { MAX_ITEMS_PER_BATCH } from '../schemas.ts';
import { NODE_API_VERSION, type NodeDeps } from '../deps.ts';

export function infoRoutes(router: Router, deps: NodeDeps): void {
  router.on('GET', /^\/v1\/health$/, (_q, res) => sendJson(res, 200, { ok: true }));
  router.on('GET', /^\/v1\/info$/, (_q, res) =>
    sendJson(res, 200, {
      name: deps.name, version: NODE_API_VERSION, domain: deps.domain, time: deps.now(), storeSchema: deps.store.schemaVersion, verifiers: deps.pool.size,
      maxItemsPerBatch: MAX_ITEMS_PER_BATCH, maxOpenLeases: deps.limits.maxOpenLeases, maxOpenLeasesPerProject: deps.limits.maxOpenLeasesPerProject,
    }));
}
