// Closes epochs on a schedule and posts them: build from the ledger and the reviews (one local transaction), then
// post the anchor and reward roots, then slash the stake of work whose rejection the epoch anchored. Runs beside the HTTP server and never in a request: a failed or slow RPC only delays
// settlement (the built epoch is posted at the next tick), and a new epoch is built only after the last one is
// on chain, so epochs stay consecutive.
import type { NodeStore } from '../store/NodeStore.ts';
import { CURRENT_REWARD_RULES, unitsToTag, type RewardRules } from '../../shared/chain/rules.ts';
import { REVIEW_RULES } from '../../shared/agreement/reputation.ts';
import { ChainState, type EpochRow } from './chainState.ts';
import { reviewItem, submissionItem } from './epochs.ts';
import type { EpochBuilder } from './epochBuilder.ts';
import type { AcceptedWork } from '../store/NodeStore.ts';
import { describeChainError, type ChainOperator } from './operator.ts';

/** Ledger rows (and reviews) read per epoch; more wait for the next one. */
export const MAX_EPOCH_ITEMS = 200_000;
/** Ledger rows read at a time; the request thread serves between pages. */
const READ_PAGE = 10_000;

export interface SettlementStatus {
  latestEpoch: number;
  latestPosted: number;
  lastError: string | null;
  lastTickAt: number | null;
}

export class Settlement {
  readonly rules: RewardRules = CURRENT_REWARD_RULES;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private lastError: string | null = null;
  private lastTickAt: number | null = null;
  /** Submission ids read by the epoch being built, until it is stored: their rewards are fixed from the read on. */
  private reading = new Set<string>();

  constructor(
    readonly state: ChainState,
    private readonly store: NodeStore,
    readonly operator: ChainOperator,
    readonly builder: EpochBuilder,
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

  /**
   * Why a review of these submissions can no longer be recorded (their rewards are fixed in an epoch, or being
   * fixed), or null. The review route asks before it records a review, so the ledger never drifts from the chain.
   */
  settledReason(submissionIds: string[]): string | null {
    const busy = submissionIds.find((id) => this.reading.has(id.toLowerCase()));
    if (busy) return `submission ${busy} is being settled in the epoch closing now; its reward can no longer change`;
    const s = this.state.firstSettled(submissionIds.map((id) => id.toLowerCase()));
    if (!s) return null;
    return s.epoch !== null
      ? `submission ${s.id} was settled on chain in epoch ${s.epoch}; its reward can no longer change (review work before the node's next epoch closes)`
      : `submission ${s.id} waits for its project's escrow with its reward fixed; review it before the node closes an epoch`;
  }

  private async round(): Promise<void> {
    this.lastTickAt = this.opts.now();
    try {
      const latest = this.state.latest();
      if (latest && latest.postedAt === null) {
        await this.post(latest);
        return await this.slashes();
      }
      await this.slashes();
      await this.closeEpoch((latest?.epoch ?? 0) + 1);
    } catch (e) {
      this.lastError = describeChainError(e);
      this.opts.log(`settlement will retry: ${this.lastError}`);
    } finally {
      this.reading.clear();
    }
  }

  /**
   * Reads what is new (in pages, yielding between them), closes epoch `n` over what the escrows back on the epoch
   * thread (planning and storing it there, off the request thread), then posts it.
   */
  private async closeEpoch(n: number): Promise<void> {
    const scan = this.state.scan();
    const work: AcceptedWork[] = [];
    for (let after = scan.submissions; work.length < MAX_EPOCH_ITEMS;) {
      const page = await this.store.acceptedWork({ afterSeq: after, limit: Math.min(READ_PAGE, MAX_EPOCH_ITEMS - work.length) });
      for (const w of page) this.reading.add(w.id.toLowerCase());
      work.push(...page);
      if (page.length < READ_PAGE) break;
      after = page[page.length - 1].seq;
      await new Promise((r) => setImmediate(r));
    }
    const reviews = await this.store.acceptedReviews({ afterSeq: scan.reviews, limit: MAX_EPOCH_ITEMS });
    // A review recorded between the two reads (before `reading` refused it) set a quality the work read may not
    // show; the reviews read carry it, the last one winning as in the ledger.
    const quality = new Map<string, number>();
    for (const r of reviews) for (const q of r.qualities) quality.set(q.submissionId.toLowerCase(), q.quality);
    const items = work.map((w) => submissionItem(this.rules, quality.has(w.id.toLowerCase()) ? { ...w, quality: quality.get(w.id.toLowerCase())! } : w));
    const candidates = [...this.state.deferred(), ...items, ...reviews.map(reviewItem)];
    if (!candidates.length) return;
    const nextScan = { submissions: work.length ? work[work.length - 1].seq : scan.submissions, reviews: reviews.length ? reviews[reviews.length - 1].seq : scan.reviews };
    const backing = await this.operator.backing([...new Set(candidates.map((w) => w.projectId))]);
    const built = await this.builder.build({ epoch: n, now: this.opts.now(), rules: this.rules, candidates, backing, scan: nextScan });
    for (const w of built.waiting) this.opts.log(`project ${w.projectId} waits for escrow: its rewards need ${unitsToTag(w.needed)} TAG, the escrow holds ${unitsToTag(w.deposited)} TAG`);
    this.reading.clear();
    if (!built.epoch) return;
    this.opts.log(`epoch ${n} closed: ${built.epoch.anchorCount} submissions and reviews, anchor root ${built.epoch.anchorRoot}, reward root ${built.epoch.rewardRoot}`);
    await this.post(this.state.latest()!);
    await this.slashes();
  }

  /** Slashes owed for anchored rejections; a failure leaves the rest for the next tick. */
  private async slashes(): Promise<void> {
    for (const s of this.state.pendingSlashes()) {
      const [{ leaf, proof }] = await this.builder.anchorProofs(s.epoch, [s.leafIndex]);
      const [reviewId, reviewer, units] = leaf;
      const r = await this.operator.slash(s.account, REVIEW_RULES.slashRejected, { epoch: s.epoch, reviewId, reviewer, units: BigInt(units), proof });
      this.state.markSlashed(s.reviewId, s.account, { tx: r.tx, amount: r.amount, at: this.opts.now() });
      this.opts.log(`slashed ${unitsToTag(r.amount)} TAG of ${s.account}'s stake for rejection ${reviewId} (epoch ${s.epoch})${r.tx ? ` in ${r.tx}` : ''}`);
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
    await this.builder.close();
    this.operator.close();
    this.state.close();
  }
}
