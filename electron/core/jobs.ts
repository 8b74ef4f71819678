// Long work (imports, peaks, export, sync) runs as a job: it reports progress as events and can be cancelled.
import crypto from 'node:crypto';
import type { EventBus } from './events.ts';
import { TaggerError } from '../../shared/errors.ts';

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number, message?: string): void;
  throwIfCancelled(): void;
}

export class JobRegistry {
  private running = new Map<string, AbortController>();
  constructor(private readonly events: EventBus) {}

  async run<T>(title: string, work: (ctx: JobContext) => Promise<T>, opts: { jobId?: string; signal?: AbortSignal } = {}): Promise<T> {
    const jobId = opts.jobId ?? crypto.randomBytes(6).toString('hex');
    const ac = new AbortController();
    opts.signal?.addEventListener('abort', () => ac.abort(), { once: true });
    this.running.set(jobId, ac);
    let last = { done: 0, total: 0 };
    let lastEmit = 0;
    const ctx: JobContext = {
      signal: ac.signal,
      progress: (done, total, message) => {
        last = { done, total };
        const now = Date.now();
        // Throttle to ~20 events/s; the final one always goes out.
        if (now - lastEmit < 50 && done < total) return;
        lastEmit = now;
        this.events.emit('progress', { jobId, title, done, total, state: 'running', message });
      },
      throwIfCancelled: () => {
        if (ac.signal.aborted) throw new TaggerError('cancelled', `${title} was cancelled.`);
      },
    };
    try {
      const value = await work(ctx);
      this.events.emit('progress', { jobId, title, ...last, state: ac.signal.aborted ? 'cancelled' : 'finished' });
      return value;
    } catch (e) {
      const cancelled = ac.signal.aborted || (e instanceof TaggerError && e.code === 'cancelled');
      this.events.emit('progress', { jobId, title, ...last, state: cancelled ? 'cancelled' : 'failed', message: (e as Error).message });
      throw e;
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const ac = this.running.get(jobId);
    if (!ac) return false;
    ac.abort();
    return true;
  }
}
