// The wallet, the outbox, the sync engine and the task puller, built together because they refer to each other
// (the engine tells the wallet's page when to refresh, submissions kick the engine). createCore builds them once;
// it starts the engine in long-running shells (see CoreOptions.network).
import type { CoreContext } from '../core/context.ts';
import { pendingClaims } from '../chain/chainService.ts';
import { WalletService } from '../wallet/walletService.ts';
import { OutboxRepository, normalizeNodeUrl } from './outbox.ts';
import { NodeMemoryStore } from './nodeMemory.ts';
import { SubmissionService } from './submissionService.ts';
import { SyncEngine } from './syncEngine.ts';
import { TaskPuller } from './taskPuller.ts';

export interface NetworkServices {
  wallet: WalletService;
  outbox: OutboxRepository;
  memory: NodeMemoryStore;
  submissions: SubmissionService;
  engine: SyncEngine;
  puller: TaskPuller;
  /** Reward total of an address: the node's figure when known, else the sum of accepted rewards seen here. */
  totalReward(address: string): number;
}

export interface NetworkOptions {
  /** Scrypt cost of new keystores (tests use a cheap one). */
  scryptN?: number;
  /** Start the sync engine (it then looks for the node by itself). Default: in long-running shells, unless
   *  TAGGER_SYNC_AUTOSTART=0 (tests that drive it step by step). */
  autostart?: boolean;
}

export type NetworkDeps = Pick<CoreContext, 'dataDir' | 'db' | 'settings' | 'events' | 'jobs' | 'now' | 'fetch' | 'tasks' | 'annotations' | 'media' | 'assets' | 'projects'>;

export function createNetworkServices(core: NetworkDeps, opts: NetworkOptions = {}): NetworkServices {
  const outbox = new OutboxRepository(core.db);
  const memory = new NodeMemoryStore(core.settings);
  const nodeUrl = () => normalizeNodeUrl(core.settings.get().nodeUrl);
  const totalReward = (address: string) => memory.rewardTotal(nodeUrl(), address) ?? outbox.counts(address).localTotal;
  // eslint-disable-next-line prefer-const -- the engine and the wallet refer to each other through callbacks
  let engine: SyncEngine;
  const wallet = new WalletService({
    dataDir: core.dataDir,
    prefs: core.settings,
    now: core.now,
    scryptN: opts.scryptN,
    onChange: () => engine?.emit(),
    totalReward,
  });
  engine = new SyncEngine({
    outbox,
    memory,
    nodeUrl,
    address: () => wallet.address(),
    emit: (status) => core.events.emit('sync', status),
    // a claim of on-chain rewards waiting to be sent counts as waiting to sync, like a submission
    otherPending: () => pendingClaims(core.settings),
    now: core.now,
    fetch: core.fetch,
    runJob: (title, work) => core.jobs.run(title, work),
  });
  const submissions = new SubmissionService({
    db: core.db,
    tasks: core.tasks,
    annotations: core.annotations,
    outbox,
    signer: () => wallet.signer(),
    nodeMemory: memory,
    defaultNodeUrl: nodeUrl,
    now: core.now,
    onQueued: () => engine.kick(),
  });
  const puller = new TaskPuller({ db: core.db, media: core.media, assets: core.assets, tasks: core.tasks, projects: core.projects, now: core.now, fetch: core.fetch });
  return { wallet, outbox, memory, submissions, engine, puller, totalReward };
}

/** Stops the engine and forgets the unlocked key. */
export function closeNetworkServices(n: NetworkServices): void {
  n.engine.close();
  n.wallet.dispose();
}
