// The node's side of the epoch thread (epochWorker.ts): builds and stores epochs and answers proof requests off
// the request thread, so ingest stays responsive while an epoch of 100,000 rewards is built. One worker per
// settling node, started on first use.
import { Worker } from 'node:worker_threads';
import type { EpochInput, EpochPlan } from './epochs.ts';

export type EpochJob =
  | { kind: 'build'; dataDir: string; input: Omit<EpochInput, 'cumulative'> }
  | { kind: 'anchorProofs'; dataDir: string; epoch: number; leafIndexes: number[] }
  | { kind: 'claims'; dataDir: string; epoch: number; account: string };

export interface BuiltEpoch { epoch: number; anchorCount: number; anchorRoot: string; rewardRoot: string }
/** An anchor leaf (id, signer, reward in base units as text) and its proof. */
export type AnchorProof = { leaf: [string, string, string]; proof: string[] };
export type Claim = { projectKey: string; cumulative: string; proof: string[] };

export type EpochReply =
  | { id: number; error: string }
  | {
      id: number;
      result:
        | { kind: 'build'; epoch: BuiltEpoch | null; waiting: EpochPlan['waiting'] }
        | { kind: 'anchorProofs'; proofs: AnchorProof[] }
        | { kind: 'claims'; claims: Claim[] };
    };

export class EpochBuilder {
  private worker: Promise<Worker> | null = null;
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly dataDir: string) {}

  private start(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const w = new Worker(new URL('./epochWorker.mjs', import.meta.url));
      w.unref();
      w.on('message', (m: EpochReply | { ready: true }) => {
        if ('ready' in m) return resolve(w);
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if ('error' in m) p.reject(new Error(`the epoch thread failed: ${m.error}`));
        else p.resolve(m.result);
      });
      const fail = (e: Error) => {
        reject(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
        this.worker = null; // the next job starts a new thread
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`the epoch thread exited with code ${code}`)));
    });
  }

  private async run<T>(job: EpochJob): Promise<T> {
    this.worker ??= this.start();
    const w = await this.worker;
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, job });
    });
  }

  build(input: Omit<EpochInput, 'cumulative'>) {
    return this.run<{ epoch: BuiltEpoch | null; waiting: EpochPlan['waiting'] }>({ kind: 'build', dataDir: this.dataDir, input });
  }

  async anchorProofs(epoch: number, leafIndexes: number[]): Promise<AnchorProof[]> {
    return (await this.run<{ proofs: AnchorProof[] }>({ kind: 'anchorProofs', dataDir: this.dataDir, epoch, leafIndexes })).proofs;
  }

  async claims(epoch: number, account: string): Promise<Claim[]> {
    return (await this.run<{ claims: Claim[] }>({ kind: 'claims', dataDir: this.dataDir, epoch, account: account.toLowerCase() })).claims;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await (await w.catch(() => null))?.terminate();
  }
}
