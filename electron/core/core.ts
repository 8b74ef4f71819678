// The assembled core: the store-level context plus every service built on it, the media routes and the contract
// handlers. Only createCore.ts builds one; handler files bind contract methods to the services named here.
import type { TaggerHandlers } from '../../shared/api/index.ts';
import type { CoreContext } from './context.ts';
import type { Dispatch } from './dispatch.ts';
import type { MediaRoute } from './media.ts';
import type { InstanceLock } from './instanceLock.ts';
import type { AudioService } from '../audio/audioService.ts';
import type { PyramidService } from '../image/pyramids.ts';
import type { NetworkServices } from '../sync/networkServices.ts';
import type { TrustedKeys } from '../bundles/trustedKeys.ts';
import type { BundleService } from '../bundles/bundleService.ts';
import type { ChainService } from '../chain/chainService.ts';
import type { ReviewService } from '../review/reviewService.ts';
import type { ReviewPuller } from '../review/reviewPuller.ts';
import type { DetectorThread } from '../models/detectorThread.ts';

export interface Core extends CoreContext {
  audio: AudioService;
  pyramids: PyramidService;
  /** Wallet, outbox, sync engine, submissions and the task puller. */
  network: NetworkServices;
  trustedKeys: TrustedKeys;
  bundles: BundleService;
  chain: ChainService;
  review: ReviewService;
  /** Fetches items to review from the node and stores their checked versions. */
  reviewPuller: ReviewPuller;
  /** The object detector's worker thread (started on the first detection). */
  detector: DetectorThread;
  /** The local media routes (/media/...) in the order they are tried. */
  mediaRoutes: readonly MediaRoute[];
  handlers: TaggerHandlers;
  dispatch: Dispatch;
  /** The data directory's lock when this process holds it. */
  lock: InstanceLock | null;
  close(): Promise<void>;
}
