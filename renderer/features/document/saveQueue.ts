// Ordered, self-healing delivery of document changes to the core. One change at a time, in the order the user made
// them. A transient failure (core unreachable, database busy, disk full) keeps the change at the head of the queue
// and retries it with backoff, so later changes wait behind it and nothing is reordered or dropped; a permanent
// refusal (the task is frozen, the change is invalid) drops that one change, reports it, and the queue moves on.
// The queue never waits on anything but its own transport call, so no caller can deadlock it.
import { isTaggerError, TaggerError } from '../../../shared/errors.ts';

export interface QueuedChange<T = unknown> {
  taskId: string;
  /** What the user did, for messages ("Draw box"). */
  label: string;
  /** Ids of the objects this change writes, when known before it is sent (edits; not undo/redo). */
  touches: readonly string[];
  send(): Promise<T>;
  /** Called with the core's answer once the change is stored. */
  stored(value: T, change: QueuedChange<T>): void;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** Why the last attempt failed, as the transport said it. */
  message: string;
  /** Epoch ms of the next attempt. */
  nextAt: number;
}

export interface SaveQueueListener {
  changed(pending: number, retry: RetryInfo | null): void;
  /** A change the core refused for good; it is not in the queue any more. */
  refused(change: QueuedChange, message: string): void;
}

/** Failures worth retrying: the core or its disk may come back; the same change will then be accepted. */
export function isTransient(e: unknown): boolean {
  if (!isTaggerError(e)) return e instanceof TypeError; // fetch's own failure, should a transport not wrap it
  return e.code === 'network' || e.code === 'io';
}

/** The call's answer, or a transient 'network' failure once `ms` pass without one (the call itself goes on; a change
 *  resent after this carries its id, so the core applies it once). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0) || !Number.isFinite(ms)) return p;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TaggerError('network', `The Tagger core did not answer within ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export const DEFAULT_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 5000] as const;

/** Calls `send` until it answers or fails for good, waiting with backoff while the core is unreachable; gives up
 *  (undefined) as soon as the answer is no longer wanted, e.g. the user opened another task meanwhile. */
export async function untilReachable<T>(send: () => Promise<T>, wanted: () => boolean, backoff: readonly number[] = DEFAULT_BACKOFF_MS): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (!isTransient(e) || !wanted()) throw e;
      await new Promise((r) => setTimeout(r, backoff[Math.min(attempt, backoff.length - 1)]));
      if (!wanted()) return undefined;
    }
  }
}

export class SaveQueue {
  private readonly queue: QueuedChange<any>[] = [];
  private running = false;
  private retry: RetryInfo | null = null;
  private wake: (() => void) | null = null;
  private idleWaiters: { taskId: string | null; resolve: () => void }[] = [];

  /** `beforeSend`: awaited before the first change of a burst is sent (the page waits for the edit's paint). */
  constructor(
    private readonly listener: SaveQueueListener,
    private readonly backoff: readonly number[] = DEFAULT_BACKOFF_MS,
    private readonly now: () => number = Date.now,
    private readonly beforeSend: (() => Promise<void>) | null = null,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** Changes not yet stored for a task (all tasks when null). */
  pendingFor(taskId: string | null): number {
    return taskId === null ? this.queue.length : this.queue.reduce((n, c) => n + (c.taskId === taskId ? 1 : 0), 0);
  }

  /** Whether a queued change after `after` (or any queued change, when `after` is null) writes object `id`. */
  touchedLater(taskId: string, id: string, after: QueuedChange | null): boolean {
    const start = after ? this.queue.indexOf(after) + 1 : 0;
    for (let i = Math.max(0, start); i < this.queue.length; i++) {
      const c = this.queue[i];
      if (c.taskId === taskId && c.touches.includes(id)) return true;
    }
    return false;
  }

  push<T>(change: QueuedChange<T>): void {
    this.queue.push(change);
    this.notify();
    if (!this.running) void this.run();
  }

  /** Skips the current backoff wait and tries again at once (the banner's "Retry now"). */
  retryNow(): void {
    this.wake?.();
  }

  /** Resolves once no change for `taskId` (any task when null) is queued: stored, or refused and reported. */
  idle(taskId: string | null = null): Promise<void> {
    if (this.pendingFor(taskId) === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ taskId, resolve }));
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      if (this.beforeSend) await this.beforeSend();
      while (this.queue.length) {
        const change = this.queue[0];
        try {
          const value = await change.send();
          this.retry = null;
          change.stored(value, change);
          this.queue.shift();
        } catch (e) {
          if (isTransient(e)) {
            await this.waitBeforeRetry(e);
            continue;
          }
          this.retry = null;
          this.queue.shift();
          this.listener.refused(change, e instanceof Error ? e.message : String(e));
        }
        this.notify();
        this.releaseIdle();
      }
    } finally {
      this.running = false;
    }
  }

  private async waitBeforeRetry(e: unknown): Promise<void> {
    const attempt = (this.retry?.attempt ?? 0) + 1;
    const ms = this.backoff[Math.min(attempt - 1, this.backoff.length - 1)];
    this.retry = { attempt, message: e instanceof Error ? e.message : String(e), nextAt: this.now() + ms };
    this.notify();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
    this.wake = null;
  }

  private notify(): void {
    this.listener.changed(this.queue.length, this.retry);
  }

  private releaseIdle(): void {
    const still: typeof this.idleWaiters = [];
    for (const w of this.idleWaiters) {
      if (this.pendingFor(w.taskId) === 0) w.resolve();
      else still.push(w);
    }
    this.idleWaiters = still;
  }
}
