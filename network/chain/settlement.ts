// Closes epochs on a schedule and posts them: build from the ledger (one local transaction), then post the
// anchor and reward roots. Runs beside the HTTP server and never in a request: a failed or slow RPC only delays
// settlement (the built epoch is posted at the next tick), and a new epoch is built only after the last one is
// on chain, so epochs stay consecutive.
import type { NodeStore } from '../store/NodeStore.ts';
import { REWARD_RULES_V1, unitsToTag, type RewardRules } from '../../shared/chain/rules.ts';
import { ChainState, type EpochRow } from './chainState.ts';
import { planEpoch } from './epochs.ts';
import { describeChainError, type ChainOperator } from './operator.ts';

/** Ledger rows read per epoch; more wait for the next one. */
export const MAX_EPOCH_ITEMS = 200_000;

export interface SettlementStatus {
  latestEpoch: number;
  latestPosted: number;
  lastError: string | null;
  lastTickAt: number | null;
}

export class Settlement {
  readonly rules: RewardRules = REWARD_RULES_V1;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private lastError: string | null = null;
  private lastTickAt: number | null = null;

  constructor(
    readonly state: ChainState,
    private readonly store: NodeStore,
    readonly operator: ChainOperator,
    private readonly opts: { epochMs: number; now: () => number; log: (line: string) => void },
  ) {}

  start(): void {
    const loop = () => {
      if (this.closed) return;
      this.timer = setTimeout(() => void this.tick().finally(loop), this.opts.epochMs);
    };
    loop();
  }

  status(): SettlementStatus {
    return { latestEpoch: this.state.latest()?.epoch ?? 0, latestPosted: this.state.latestPosted()?.epoch ?? 0, lastError: this.lastError, lastTickAt: this.lastTickAt };
  }

  /** One round: post the pending epoch, or close a new one and post it. Concurrent calls share the round. */
  tick(): Promise<void> {
    if (!this.running) this.running = this.round().finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    this.lastTickAt = this.opts.now();
    try {
      const latest = this.state.latest();
      if (latest && latest.postedAt === null) return await this.post(latest);
      const scan = this.state.scanSeq();
      const fresh = await this.store.acceptedWork({ afterSeq: scan, limit: MAX_EPOCH_ITEMS });
      const candidates = [...this.state.deferred(), ...fresh];
      if (!candidates.length) return;
      const nextScan = fresh.length ? fresh[fresh.length - 1].seq : scan;
      const backing = await this.operator.backing([...new Set(candidates.map((w) => w.projectId))]);
      const plan = planEpoch({
        epoch: (latest?.epoch ?? 0) + 1,
        now: this.opts.now(),
        rules: this.rules,
        candidates,
        cumulative: this.state.cumulative(),
        backing,
        scanSeq: nextScan,
      });
      for (const w of plan.waiting) this.opts.log(`project ${w.projectId} waits for escrow: its rewards need ${unitsToTag(w.needed)} TAG, the escrow holds ${unitsToTag(w.deposited)} TAG`);
      if (!plan.epoch) {
        this.state.saveScan(nextScan, plan.deferred);
        return;
      }
      this.state.saveEpoch(plan.epoch);
      this.opts.log(`epoch ${plan.epoch.row.epoch} closed: ${plan.epoch.row.anchorCount} submissions, anchor root ${plan.epoch.row.anchorRoot}, reward root ${plan.epoch.row.rewardRoot}`);
      await this.post(this.state.latest()!);
    } catch (e) {
      this.lastError = describeChainError(e);
      this.opts.log(`settlement will retry: ${this.lastError}`);
    }
  }

  private async post(e: EpochRow): Promise<void> {
    const tx = await this.operator.post(e);
    this.state.markPosted(e.epoch, { ...tx, postedAt: this.opts.now() });
    this.lastError = null;
    this.opts.log(`epoch ${e.epoch} posted${tx.anchorTx ? ` (anchor ${tx.anchorTx})` : ''}${tx.rewardTx ? ` (rewards ${tx.rewardTx})` : ''}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.operator.close();
    this.state.close();
  }
}
