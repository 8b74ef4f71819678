// What every route module of the node gets (store, assets, verifier pool, limits) and the API version it reports;
// routes.ts composes the modules.
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import type { NodeStore } from '../store/NodeStore.ts';
import type { AssetFiles } from '../store/assetFiles.ts';
import type { VerifierPool } from '../verify/pool.ts';
import type { Router } from './http.ts';
import { NEWCOMER_DEFAULTS } from '../store/leasePlan.ts';

export const NODE_API_VERSION = '1';

/** What the operator bounds (tagger node flags); every limit is answered with a 4xx and a reason. */
export interface NodeLimits {
  /** Open leases an annotator may hold in total, and per project. */
  maxOpenLeases: number;
  maxOpenLeasesPerProject: number;
  /** The newcomer rule (store/leasePlan.ts): open leases per project of a wallet with no accepted work, and the
   *  share of a project's open slots newcomers may hold together. */
  newcomerLeasesPerProject: number;
  newcomerShare: number;
  /** A request body may pause at most this long (408 after); the server bounds a whole request at 4× (≥ 2 min). */
  bodyTimeoutMs: number;
}

export const DEFAULT_LIMITS: NodeLimits = { maxOpenLeases: 2000, maxOpenLeasesPerProject: 1000, newcomerLeasesPerProject: NEWCOMER_DEFAULTS.perProject, newcomerShare: NEWCOMER_DEFAULTS.share, bodyTimeoutMs: 30_000 };

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
