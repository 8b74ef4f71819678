// The composition root: both shells (Electron main, `tagger serve`), the CLI and the tests build a Core from a data
// directory here. Every service is built here, once, with only the dependencies it uses; the handler files bind
// contract methods to these services and build nothing.
import path from 'node:path';
import type { Db } from '../store/db.ts';
import { checkDataDir, openDatabase } from '../store/db.ts';
import { MediaStore } from '../media/mediaStore.ts';
import { SettingsRepository } from '../store/repositories/settings.ts';
import { ProjectRepository } from '../store/repositories/projects.ts';
import { AssetRepository } from '../store/repositories/assets.ts';
import { TaskRepository } from '../store/repositories/tasks.ts';
import { AnnotationRepository } from '../store/repositories/annotations.ts';
import { ImportService } from '../import/importService.ts';
import { EventBus } from './events.ts';
import { watchOtherWriters } from './otherWriters.ts';
import { acquireInstanceLock } from './instanceLock.ts';
import { keepPrivate } from './privateFiles.ts';
import { JobRegistry } from './jobs.ts';
import { createDispatch } from './dispatch.ts';
import { createHandlers } from './handlers.ts';
import { assetRoute } from './media.ts';
import { appVersion } from './paths.ts';
import type { CoreContext } from './context.ts';
import type { Core } from './core.ts';
import { AudioService } from '../audio/audioService.ts';
import { peaksRoute, spectrogramRoute } from '../audio/peaksRoute.ts';
import { PyramidService } from '../image/pyramids.ts';
import { createNetworkServices, closeNetworkServices, type NetworkOptions } from '../sync/networkServices.ts';
import { normalizeNodeUrl } from '../sync/outbox.ts';
import { TrustedKeys } from '../bundles/trustedKeys.ts';
import { BundleService } from '../bundles/bundleService.ts';
import { ChainService } from '../chain/chainService.ts';
import { claimFollowsSync } from '../chain/claimSync.ts';
import { ReviewService } from '../review/reviewService.ts';
import { ReviewPuller } from '../review/reviewPuller.ts';
import { taskText } from '../review/agreementReport.ts';
import { DetectorThread } from '../models/detectorThread.ts';

export type { Core } from './core.ts';
export type { CoreContext } from './context.ts';

export interface CoreOptions {
  dataDir: string;
  mode?: 'web' | 'desktop';
  /** True for long-running shells (serve, desktop): services may start background work such as tiling and sync. */
  background?: boolean;
  now?: () => number;
  fetch?: typeof fetch;
  /** Hold the data directory for this process, naming the command (the CLI and the desktop shell do; tests that
   *  open several cores on one directory do not). See instanceLock.ts. */
  lock?: string;
  /** Wallet and sync engine settings; the engine starts by itself only in a background core (see NetworkOptions). */
  network?: NetworkOptions;
}

export const DB_FILE = 'tagger.sqlite';

export function createCore(opts: CoreOptions): Core {
  checkDataDir(opts.dataDir);
  const lock = opts.lock ? acquireInstanceLock(opts.dataDir, opts.lock) : null;
  let db: Db;
  try {
    db = openDatabase(path.join(opts.dataDir, DB_FILE));
  } catch (e) {
    lock?.release();
    throw e;
  }
  const now = opts.now ?? Date.now;
  const media = new MediaStore(opts.dataDir);
  if (lock) {
    // Sole owner now: what an earlier process left half-written (kill -9 during an import) is nobody's.
    media.removeStrayTemporaries();
    keepPrivate(opts.dataDir, DB_FILE);
  }
  const assets = new AssetRepository(db);
  const tasks = new TaskRepository(db, now);
  const annotations = new AnnotationRepository(db, tasks, now);
  const projects = new ProjectRepository(db, now);
  const settings = new SettingsRepository(db);
  const events = new EventBus();
  const jobs = new JobRegistry(events);
  const closers: (() => void | Promise<void>)[] = [];
  const onClose = (fn: () => void | Promise<void>) => void closers.push(fn);
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const background = opts.background ?? false;
  const context: CoreContext = {
    dataDir: opts.dataDir, mode: opts.mode ?? 'web', background, db, now, fetch: fetchImpl, media, settings, projects, assets, tasks, annotations,
    imports: new ImportService({ db, media, assets, tasks, annotations, projects, now }), events, jobs, onClose,
  };

  const audio = new AudioService({ db, assets, media, jobs, now, dataDir: opts.dataDir });
  const pyramids = new PyramidService({ media, assets, jobs });
  const network = createNetworkServices(context, opts.network);
  const nodeUrl = () => normalizeNodeUrl(settings.get().nodeUrl);
  const trustedKeys = new TrustedKeys(db, now);
  const bundles = new BundleService({
    db, media, trusted: trustedKeys, now, appVersion: appVersion(),
    signer: () => network.wallet.signer(), localAddress: () => network.wallet.address(),
  });
  const claimSync = claimFollowsSync({ events, engine: network.engine, now });
  const chain = new ChainService({ nodeUrl, wallet: network.wallet, prefs: settings, fetch: fetchImpl, now, onChange: claimSync.announce });
  const review = new ReviewService({
    db, tasks, now, outbox: network.outbox,
    project: (id) => projects.get(id),
    text: (taskId) => { const a = assets.get(tasks.get(taskId).assetId); return taskText(context, a.id, a.kind); },
    signer: () => network.wallet.signer(),
    domain: () => network.memory.domainOf(nodeUrl()),
    onQueued: () => network.engine.kick(),
  });
  const reviewPuller = new ReviewPuller({ db, tasks, now, fetch: fetchImpl }, network.puller);
  const detector = new DetectorThread();

  // Teardown runs in reverse: the services first, then (in close) the database and the lock.
  if (background) onClose(watchOtherWriters(db, () => events.emit('store-changed', {})));
  onClose(() => pyramids.close());
  onClose(() => detector.close());
  onClose(() => closeNetworkServices(network));
  onClose(() => chain.close());
  onClose(claimSync.follow(chain));
  if (background) {
    // Start tiling a huge image as soon as it is imported, so it opens at once later.
    context.imports.onAssetAdded((a) => a.kind === 'image' && pyramids.prepare(a.id));
  }
  if (opts.network?.autostart ?? (background && process.env.TAGGER_SYNC_AUTOSTART !== '0')) network.engine.start();

  const core = {
    ...context,
    audio, pyramids, network, trustedKeys, bundles, chain, review, reviewPuller, detector,
    mediaRoutes: [assetRoute(media, assets), peaksRoute(audio), spectrogramRoute(audio), pyramids.route()],
    lock,
    async close() {
      for (const fn of closers.reverse()) await fn();
      db.close();
      lock?.release();
    },
  } as Omit<Core, 'handlers' | 'dispatch'> as Core;
  core.handlers = createHandlers(core);
  core.dispatch = createDispatch(core.handlers);
  return core;
}
