// The node's API v1 route table. Each feature registers its handlers from its own module (a RouteModule); review
// and chain epochs add theirs to ROUTE_MODULES (or pass them to createRouter) and reach the store through deps.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import type { NodeStore } from '../store/NodeStore.ts';
import type { AssetFiles } from '../store/assetFiles.ts';
import type { VerifierPool } from '../verify/pool.ts';
import { Router } from './http.ts';
import { infoRoutes } from './routes/info.ts';
import { projectRoutes } from './routes/projects.ts';
import { assetRoutes } from './routes/assets.ts';
import { leaseRoutes } from './routes/leases.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { rewardRoutes } from './routes/rewards.ts';
import { reviewRoutes } from '../review/routes.ts';

export const NODE_API_VERSION = '1';

/** What the operator bounds (tagger node flags); every limit is answered with a 4xx and a reason. */
export interface NodeLimits {
  /** Open leases an annotator may hold in total, and per project. */
  maxOpenLeases: number;
  maxOpenLeasesPerProject: number;
  /** A request body may pause at most this long (408 after); the server bounds a whole request at 4× (≥ 2 min). */
  bodyTimeoutMs: number;
}

export const DEFAULT_LIMITS: NodeLimits = { maxOpenLeases: 2000, maxOpenLeasesPerProject: 1000, bodyTimeoutMs: 30_000 };

export interface NodeDeps {
  name: string;
  domain: TaggerDomain;
  store: NodeStore;
  assets: AssetFiles;
  pool: VerifierPool;
  now: () => number;
  limits: NodeLimits;
  /** With a chain: why a review of these submissions can no longer be recorded (their rewards are settled), or null. */
  settledReason?: (submissionIds: string[]) => string | null;
}

export type RouteModule = (router: Router, deps: NodeDeps) => void;

export const ROUTE_MODULES: RouteModule[] = [infoRoutes, projectRoutes, assetRoutes, leaseRoutes, submissionRoutes, rewardRoutes, reviewRoutes];

export function createRouter(deps: NodeDeps, modules: RouteModule[] = ROUTE_MODULES): Router {
  const router = new Router();
  for (const register of modules) register(router, deps);
  return router;
}

export function handleRequest(router: Router) {
  return (req: IncomingMessage, res: ServerResponse) => void router.handle(req, res);
}
