// A fixed pool of verification workers (one per core by default). A batch is cut into one chunk per worker so a
// 1000-item batch uses every core; results come back in the batch's order.
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import type { VerifyOutput } from './verifyItems.ts';

interface Pending { resolve(r: VerifyOutput[]): void; reject(e: Error): void }
interface Slot { worker: Worker; busy: number; pending: Map<number, Pending>; ready: boolean }

/** Below this many items a batch is not worth splitting across workers. */
const MIN_CHUNK = 32;

export class VerifierPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly domain: TaggerDomain) {}

  static async start(domain: TaggerDomain, size = Math.max(1, os.availableParallelism())): Promise<VerifierPool> {
    const pool = new VerifierPool(domain);
    await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(): Promise<void> {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url));
    const slot: Slot = { worker, busy: 0, pending: new Map(), ready: false };
    this.slots.push(slot);
    return new Promise((ready, fail) => {
      worker.on('message', (m: { ready?: true; id?: number; results?: VerifyOutput[]; error?: string }) => {
        if (m.ready) {
          slot.ready = true;
          return ready();
        }
        const p = slot.pending.get(m.id!);
        if (!p) return;
        slot.pending.delete(m.id!);
        slot.busy--;
        if (m.error !== undefined) p.reject(new Error(`verification worker failed: ${m.error}`));
        else p.resolve(m.results!);
      });
      worker.on('error', (e) => {
        fail(e);
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      });
      worker.on('exit', (code) => {
        // a worker that dies after starting (out of memory, a native crash) is replaced so the node keeps
        // serving; one that never started is not, or a missing native module would respawn forever
        this.slots = this.slots.filter((s) => s !== slot);
        const err = new Error(`verification worker exited with code ${code}`);
        for (const p of slot.pending.values()) p.reject(err);
        fail(err);
        if (!this.closed && slot.ready) void this.spawn().catch((e) => process.stderr.write(`node: a verification worker could not be restarted: ${(e as Error).message}\n`));
      });
    });
  }

  private run(slot: Slot, items: unknown[]): Promise<VerifyOutput[]> {
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, domain: this.domain, items });
    });
  }

  async verify(items: unknown[]): Promise<VerifyOutput[]> {
    if (!items.length) return [];
    if (!this.slots.length) throw new Error('no verification workers are running');
    const slots = [...this.slots].sort((a, b) => a.busy - b.busy);
    const chunks = Math.max(1, Math.min(slots.length, Math.floor(items.length / MIN_CHUNK)));
    const per = Math.ceil(items.length / chunks);
    const parts = await Promise.all(Array.from({ length: chunks }, (_, i) => this.run(slots[i], items.slice(i * per, (i + 1) * per))));
    return parts.flat();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
