// The node's API v1 route table. Each feature registers its handlers from its own module (a RouteModule); review
// and chain epochs add theirs to ROUTE_MODULES (or pass them to createRouter) and reach the store through deps.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from './http.ts';
import { infoRoutes } from './routes/info.ts';
import { projectRoutes } from './routes/projects.ts';
import { assetRoutes } from './routes/assets.ts';
import { leaseRoutes } from './routes/leases.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { rewardRoutes } from './routes/rewards.ts';
import { reviewRoutes } from '../review/routes.ts';

export { NODE_API_VERSION, DEFAULT_LIMITS, type NodeLimits, type NodeDeps, type RouteModule } from './deps.ts';
import type { NodeDeps, RouteModule } from './deps.ts';

export const ROUTE_MODULES: RouteModule[] = [infoRoutes, projectRoutes, assetRoutes, leaseRoutes, submissionRoutes, rewardRoutes, reviewRoutes];

export function createRouter(deps: NodeDeps, modules: RouteModule[] = ROUTE_MODULES): Router {
  const router = new Router();
  for (const register of modules) register(router, deps);
  return router;
}

export function handleRequest(router: Router) {
  return (req: IncomingMessage, res: ServerResponse) => void router.handle(req, res);
}
