// Wires the wallet, the outbox, the sync engine and the task puller onto a Core, once per Core, on first use (the
// page asks for the sync status as it loads). The engine then looks for the node by itself unless told not to
// (options, or TAGGER_SYNC_AUTOSTART=0 for tests that drive it step by step).
import { pendingClaims } from '../chain/chainService.ts';
import type { Core } from '../core/createCore.ts';
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

const byCore = new WeakMap<object, NetworkServices>();

export interface NetworkOptions {
  scryptN?: number;
  autostart?: boolean;
}

export function networkServices(core: Core, opts: NetworkOptions = {}): NetworkServices {
  const existing = byCore.get(core);
  if (existing) return existing;
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
  const services: NetworkServices = { wallet, outbox, memory, submissions, engine, puller: new TaskPuller(core), totalReward };
  byCore.set(core, services);
  core.onClose(() => {
    engine.close();
    wallet.dispose();
  });
  if (opts.autostart ?? process.env.TAGGER_SYNC_AUTOSTART !== '0') engine.start();
  return services;
}
