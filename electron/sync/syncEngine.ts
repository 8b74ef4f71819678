// Delivers the outbox to the node: batches, idempotent resends (an item's id is its typed-data hash, so a node
// that already has it answers "duplicate"), exponential backoff with full jitter, and the node's verdict per
// item. An item leaves 'queued' only when the node answered for its id; a crash mid-batch means a resend.
import type { SyncStatus } from '../../shared/domain.ts';
import type { SyncReport } from '../../shared/api/submissions.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { JobContext } from '../core/jobs.ts';
import { NodeClient, NodeError, type NodeResult } from './nodeClient.ts';
import type { NodeMemoryStore } from './nodeMemory.ts';
import { OutboxRepository, normalizeNodeUrl, type Verdict } from './outbox.ts';

/** Characters per request body (the node refuses bodies over 16 MiB). */
const MAX_BODY_CHARS = 8 * 1024 * 1024;

/**
 * Pairs the node's answers with the items sent. Results come in request order; an item the node could not even
 * parse comes back without an id, and its position says which one it was.
 */
export function matchVerdicts(items: { id: string }[], results: NodeResult[]): Verdict[] {
  const wanted = new Set(items.map((i) => i.id));
  const out: Verdict[] = [];
  results.forEach((r, index) => {
    if (!r || !['accepted', 'duplicate', 'rejected'].includes(r.status)) return;
    const id = typeof r.id === 'string' && wanted.has(r.id) ? r.id : r.id == null && index < items.length ? items[index].id : null;
    if (!id) return;
    out.push({ id, status: r.status, reason: typeof r.reason === 'string' ? r.reason.slice(0, 1000) : undefined, reward: typeof r.reward === 'number' ? r.reward : undefined });
  });
  return out;
}

/**
 * The request body for a batch, assembled as text from the stored pieces (no re-encoding of documents). The signing
 * domain goes along so a node on another chain answers "wrong chainId/domain" rather than "bad signature". Large
 * documents end a batch early so the body stays well under the node's 16 MiB limit; `count` items made it in.
 */
export function wireBody(items: { payloadJson: string; signature: string; documentJson: string }[]): { text: string; count: number } {
  const pieces: string[] = [];
  let chars = 0;
  for (const i of items) {
    const piece = `${i.payloadJson.slice(0, -1)},"signature":${JSON.stringify(i.signature)},"document":${i.documentJson}}`;
    if (pieces.length && chars + piece.length > MAX_BODY_CHARS) break;
    pieces.push(piece);
    chars += piece.length + 1;
  }
  return { text: `{"items":[${pieces.join(',')}]}`, count: pieces.length };
}

export interface SyncEngineDeps {
  outbox: OutboxRepository;
  memory: NodeMemoryStore;
  nodeUrl: () => string;
  address: () => string | null;
  emit: (status: SyncStatus) => void;
  /** Items waiting outside the outbox table that the user counts as waiting to sync (a claim of on-chain rewards). */
  otherPending?: () => number;
  now: () => number;
  fetch?: typeof fetch;
  random?: () => number;
  /** Runs long work as a job with progress (core.jobs.run); absent in tests that do not need it. */
  runJob?: <T>(title: string, work: (ctx: JobContext) => Promise<T>) => Promise<T>;
  batchSize?: number;
  /** Batches in flight at once. */
  pipeline?: number;
  /** Backlogs at least this long show a progress bar. */
  progressThreshold?: number;
  /** How often to look for the node (and new verdicts) while all is quiet. */
  pollMs?: number;
  /** While online, how often a light GET /v1/info checks the node is still there, so the status bar does not say
   *  "Online" for a whole poll interval after the node went away. */
  heartbeatMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class SyncEngine {
  online = false;
  lastError: string | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private running: Promise<SyncReport> | null = null;
  private stopped = true;
  private closed = false;
  private lastUrl: string | null = null;
  private readonly random: () => number;

  constructor(private readonly d: SyncEngineDeps) {
    this.random = d.random ?? Math.random;
  }

  status(): SyncStatus {
    const url = normalizeNodeUrl(this.d.nodeUrl());
    // Right after the user picks another node, what we knew is about the old one: no "offline (old node's error)".
    const same = this.lastUrl === null || url === this.lastUrl;
    return { online: same && this.online, pending: this.d.outbox.pendingCount() + (this.d.otherPending?.() ?? 0), nodeUrl: url, lastError: same ? this.lastError : null };
  }

  emit(): void {
    try {
      this.d.emit(this.status());
    } catch {
      /* the store may be closing; the next run emits again */
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => void this.checkAlive(), this.d.heartbeatMs ?? 10_000);
      this.heartbeat.unref?.();
    }
  }

  /** Online and idle: one cheap request. A node that does not answer turns the badge to Offline now and the engine
   *  goes to its backoff; one that answers changes nothing (the poll fetches verdicts). A changed node URL is
   *  checked at once, whatever the state. */
  private async checkAlive(): Promise<void> {
    if (this.stopped || this.running) return;
    const url = normalizeNodeUrl(this.d.nodeUrl());
    // The user picked another node: check it now rather than at the end of the old node's backoff.
    if (url !== this.lastUrl) return this.schedule(0);
    if (!this.online) return;
    try {
      await new NodeClient(url, this.d.fetch).info();
    } catch (e) {
      if (!(e instanceof NodeError && e.status === null) || this.running || url !== this.lastUrl) return;
      this.online = false;
      this.lastError = e.message;
      this.failures++;
      this.emit();
      this.schedule(this.backoffDelay(this.failures));
    }
  }

  /** Stops for good: an in-flight batch stops at its next step (its items stay queued and are resent later). */
  close(): void {
    this.closed = true;
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Something was queued: tell the page at once and deliver soon. */
  kick(): void {
    this.emit();
    if (!this.stopped) this.schedule(100);
  }

  /** The delay before retry n (1-based): uniformly random up to base·2^(n−1), capped ("full jitter"). */
  backoffDelay(failures: number): number {
    const base = this.d.baseDelayMs ?? 1000;
    const cap = Math.min(this.d.maxDelayMs ?? 30_000, base * 2 ** Math.min(20, Math.max(0, failures - 1)));
    return Math.round(base / 4 + this.random() * cap);
  }

  /** Runs now (after any run in progress), making every queued item due. */
  async syncNow(): Promise<SyncReport> {
    if (this.running) await this.running.catch(() => undefined);
    this.d.outbox.makeDue();
    return this.run();
  }

  run(): Promise<SyncReport> {
    if (this.running) return this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.runOnce().finally(() => {
      this.running = null;
    });
    this.running = p;
    return p;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run().catch(() => undefined), ms);
    this.timer.unref?.();
  }

  private async runOnce(): Promise<SyncReport> {
    const url = normalizeNodeUrl(this.d.nodeUrl());
    if (url !== this.lastUrl) {
      // Another node (the user changed the setting): what we knew about the old one says nothing about this one.
      this.lastUrl = url;
      this.online = false;
      this.failures = 0;
      this.lastError = null;
    }
    const client = new NodeClient(url, this.d.fetch);
    const report: SyncReport = { online: false, sent: 0, accepted: 0, rejected: 0, remaining: 0, error: null };
    try {
      const before = this.d.now();
      const info = await client.info();
      const wasOnline = this.online;
      this.online = true;
      report.online = true;
      // The offset is measured against the middle of the round trip; it corrects createdAt on later submissions.
      const offsetMs = info.time - Math.round((before + this.d.now()) / 2);
      this.d.memory.remember(url, { domain: info.domain, name: info.name, offsetMs: Math.abs(offsetMs) < 2_000 ? 0 : offsetMs, seenAt: this.d.now() });
      if (!wasOnline) this.d.outbox.makeDue();
      this.emit();
      await this.deliver(client, url, report);
      if (!report.error) await this.deliverReviews(client, url, report);
      if (!report.error) {
        this.lastError = null;
        this.failures = 0;
        await this.refreshRewards(client, url);
      }
    } catch (e) {
      const msg = e instanceof NodeError || e instanceof TaggerError ? e.message : `Sync failed: ${(e as Error).message}`;
      if (e instanceof NodeError && e.status === null) this.online = false;
      report.online = this.online;
      report.error = msg;
      this.lastError = msg;
      this.failures++;
    }
    try {
      report.remaining = this.d.outbox.countFor(url);
    } catch {
      /* store closed while we were away */
    }
    this.emit();
    this.schedule(report.error ? this.backoffDelay(this.failures) : Math.min(this.d.pollMs ?? 30_000, report.remaining > 0 ? 5_000 : Infinity));
    return report;
  }

  private async deliver(client: NodeClient, url: string, report: SyncReport): Promise<void> {
    const total = this.d.outbox.countFor(url);
    if (!total) return;
    const pipeline = Math.max(1, this.d.pipeline ?? 2);
    const loop = async (ctx?: JobContext) => {
      let batchSize = this.d.batchSize ?? 2000;
      let after = 0;
      let done = 0;
      let exhausted = false;
      // Up to `pipeline` batches in flight: the node verifies one while the next travels and the last is recorded.
      const inflight: { items: { id: string; rowid: number }[]; answer: Promise<{ results: NodeResult[] } | { error: unknown }> }[] = [];
      const fill = () => {
        while (!exhausted && !report.error && !this.closed && inflight.length < pipeline) {
          const items = this.d.outbox.dueFor(url, this.d.now(), batchSize, after);
          if (!items.length) {
            exhausted = true;
            break;
          }
          const body = wireBody(items);
          items.length = body.count;
          after = items[items.length - 1].rowid;
          const answer = client.submit(body.text, 30_000 + items.length * 10).then((r) => ({ results: Array.isArray(r?.results) ? r.results : [] }), (error: unknown) => ({ error }));
          inflight.push({ items, answer });
        }
      };
      fill();
      while (inflight.length) {
        const { items, answer } = inflight.shift()!;
        const r = await answer;
        if ('error' in r) {
          const e = r.error;
          if (e instanceof NodeError && e.status === 413 && items.length > 1) {
            // Too big for this node: send these again in smaller batches (a resend of anything already answered is harmless).
            batchSize = Math.max(1, Math.floor(items.length / 2));
            after = Math.min(after, items[0].rowid - 1);
            exhausted = false;
          } else if (!report.error) {
            const msg = e instanceof NodeError ? e.message : `Sending to ${url} failed: ${(e as Error).message}`;
            this.failures++;
            if (e instanceof NodeError && e.status === null) this.online = false;
            report.error = msg;
            this.d.outbox.recordFailure(items.map((i) => i.id), msg, this.d.now() + this.backoffDelay(this.failures));
          } else this.d.outbox.recordFailure(items.map((i) => i.id), report.error, this.d.now() + this.backoffDelay(this.failures));
        } else {
          const counts = this.d.outbox.recordVerdicts(matchVerdicts(items, r.results), this.d.now());
          report.sent += items.length;
          report.accepted += counts.accepted;
          report.rejected += counts.rejected;
          done += items.length;
          ctx?.progress(Math.min(done, total), total);
          this.emit();
        }
        if (ctx?.signal.aborted) report.error ??= 'Sync was cancelled; the rest waits for the next run.';
        fill();
      }
    };
    const threshold = this.d.progressThreshold ?? 500;
    if (total >= threshold && this.d.runJob) await this.d.runJob(`Sync ${total} submissions`, (ctx) => loop(ctx));
    else await loop();
  }

  /** Validators' signed reviews ride the same outbox (kind 'review') to POST /v1/reviews, one per request. */
  private async deliverReviews(client: NodeClient, url: string, report: SyncReport): Promise<void> {
    for (const item of this.d.outbox.dueReviews(url, this.d.now(), 100)) {
      const { message } = JSON.parse(item.payloadJson) as { message: { verdict: string } };
      try {
        const { result } = await client.review({ message, signature: item.signature, document: message.verdict === 'accept' ? JSON.parse(item.documentJson) : undefined, reason: message.verdict === 'accept' ? undefined : this.d.outbox.reviewReason(item.id) });
        const verdict = result.status === 'rejected'
          ? { id: item.id, status: 'rejected' as const, reason: result.reason ?? 'rejected by the node' }
          : { id: item.id, status: result.status, reward: result.validatorReward ?? 0 };
        const counts = this.d.outbox.recordVerdicts([verdict], this.d.now());
        report.sent++;
        report.accepted += counts.accepted;
        report.rejected += counts.rejected;
      } catch (e) {
        const msg = e instanceof NodeError ? e.message : `Sync failed: ${(e as Error).message}`;
        if (e instanceof NodeError && e.status !== null && e.status >= 400 && e.status < 500) {
          this.d.outbox.recordVerdicts([{ id: item.id, status: 'rejected', reason: msg }], this.d.now());
          report.rejected++;
          continue;
        }
        this.failures++;
        report.error = msg;
        this.d.outbox.recordFailure([item.id], msg, this.d.now() + this.backoffDelay(this.failures));
        return;
      }
    }
  }

  private async refreshRewards(client: NodeClient, url: string): Promise<void> {
    const address = this.d.address();
    if (!address) return;
    try {
      const r = await client.rewards(address);
      if (!r || !Array.isArray(r.items)) return;
      this.d.outbox.updateRewards(address, r.items.filter((i) => i && typeof i.submissionId === 'string' && typeof i.amount === 'number'), this.d.now());
      if (typeof r.total === 'number' && Number.isFinite(r.total)) this.d.memory.rememberRewardTotal(url, address, r.total);
    } catch {
      /* rewards are informative; the next run asks again */
    }
  }
}
