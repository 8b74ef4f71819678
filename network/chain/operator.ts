// The node's side of the chain: reads escrow backing and posts an epoch's anchor and reward roots with the
// operator key. Every call has a deadline, so a slow RPC fails the attempt (retried at the next tick) instead of
// hanging; posting is idempotent: what the chain already has for the epoch is not sent again.
import fs from 'node:fs';
import { Wallet } from 'ethers';
import { connectContracts, providerFor, revertOf, withDeadline as deadline, type ChainAddresses, type TaggerContracts } from '../../contracts/artifacts.ts';
import { projectKey } from '../../shared/chain/rules.ts';
import type { Backing } from './epochs.ts';
import type { EpochRow } from './chainState.ts';

export interface ChainConfig {
  rpc: string;
  /** File holding the operator's private key (0x + 64 hex digits). */
  operatorKeyFile: string;
  /** ChainAddresses JSON (written by `tagger chain-demo` or a deployment). */
  contractsFile: string;
  epochSeconds: number;
  /** The RPC URL workstations should use, when the node's own (--rpc) is not reachable for them. */
  publicRpc?: string;
}

export function readOperatorKey(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new Error(`cannot read the operator key file ${file}: ${(e as Error).message}`);
  }
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(text)) throw new Error(`the operator key file ${file} must hold one private key (0x followed by 64 hex digits)`);
  return text.startsWith('0x') ? text : `0x${text}`;
}

export function readAddresses(file: string): ChainAddresses {
  let a: ChainAddresses;
  try {
    a = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the contracts file ${file}: ${(e as Error).message}`);
  }
  for (const k of ['tag', 'escrow', 'distributor', 'anchors', 'staking'] as const) {
    if (typeof a[k] !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(a[k])) throw new Error(`the contracts file ${file} has no valid "${k}" address`);
  }
  if (!Number.isInteger(a.chainId)) throw new Error(`the contracts file ${file} has no chainId`);
  return a;
}

export function describeChainError(e: unknown): string {
  const r = revertOf(e);
  if (r) return `the contract refused: ${r.name}(${r.args.map(String).join(', ')})`;
  return (e as { shortMessage?: string })?.shortMessage ?? (e as Error)?.message ?? String(e);
}

export class ChainOperator {
  readonly c: TaggerContracts;
  readonly address: string;
  private readonly wallet: Wallet;

  constructor(readonly cfg: ChainConfig, readonly addresses: ChainAddresses) {
    const provider = providerFor(cfg.rpc, addresses.chainId);
    this.wallet = new Wallet(readOperatorKey(cfg.operatorKeyFile), provider);
    this.address = this.wallet.address;
    this.c = connectContracts(addresses, this.wallet);
  }

  async backing(projectIds: string[]): Promise<Map<string, Backing>> {
    const out = new Map<string, Backing>();
    await Promise.all(projectIds.map(async (id) => {
      const p = await deadline(this.c.escrow.projects(projectKey(id)) as Promise<{ deposited: bigint; refunded: boolean }>, 'reading the escrow');
      out.set(id, { deposited: p.deposited, refunded: p.refunded });
    }));
    return out;
  }

  /** Posts whatever of the epoch the chain lacks; returns the transaction hashes it sent. */
  async post(e: EpochRow): Promise<{ anchorTx?: string; rewardTx?: string }> {
    const out: { anchorTx?: string; rewardTx?: string } = {};
    const anchored = Number(await deadline(this.c.anchors.latestEpoch() as Promise<bigint>, 'reading the anchor registry'));
    if (anchored + 1 < e.epoch) throw new Error(`the anchor registry is at epoch ${anchored}, so epoch ${e.epoch} cannot be posted yet`);
    if (anchored < e.epoch) {
      const tx = await deadline(this.c.anchors.anchor(e.epoch, e.anchorRoot, e.rulesHash, e.anchorCount) as Promise<{ hash: string; wait(): Promise<unknown> }>, 'sending the anchor');
      await deadline(tx.wait(), 'waiting for the anchor to be mined');
      out.anchorTx = tx.hash;
    }
    const rewarded = Number(await deadline(this.c.distributor.latestEpoch() as Promise<bigint>, 'reading the reward distributor'));
    if (rewarded < e.epoch) {
      const ids = Object.keys(e.projectTotals);
      const tx = await deadline(this.c.distributor.postEpoch(e.epoch, e.rewardRoot, ids.map(projectKey), ids.map((id) => BigInt(e.projectTotals[id]))) as Promise<{ hash: string; wait(): Promise<unknown> }>, 'sending the reward root');
      await deadline(tx.wait(), 'waiting for the reward root to be mined');
      out.rewardTx = tx.hash;
    }
    return out;
  }

  /**
   * Slashes `account` for a rejection anchored in `epoch` (the review's leaf and its proof): the published
   * fraction of its stake, active and pending. Idempotent: a slash the chain already has is not sent again.
   */
  async slash(account: string, fraction: number, leaf: { epoch: number; reviewId: string; reviewer: string; units: bigint; proof: string[] }): Promise<{ tx: string | null; amount: bigint }> {
    const done = await deadline(this.c.staking.slashedFor(leaf.reviewId, account) as Promise<boolean>, 'reading the staking contract');
    if (done) return { tx: null, amount: 0n };
    const [active, pending] = await Promise.all([
      deadline(this.c.staking.staked(account) as Promise<bigint>, 'reading the stake'),
      deadline(this.c.staking.pending(account) as Promise<{ amount: bigint }>, 'reading the pending unstake'),
    ]);
    const amount = ((active + pending.amount) * BigInt(Math.round(fraction * 1e6))) / 1_000_000n;
    if (amount === 0n) return { tx: null, amount };
    const tx = await deadline(this.c.staking.slash(account, amount, leaf.epoch, leaf.reviewId, leaf.reviewer, leaf.units, leaf.proof) as Promise<{ hash: string; wait(): Promise<unknown> }>, 'sending the slash');
    await deadline(tx.wait(), 'waiting for the slash to be mined');
    return { tx: tx.hash, amount };
  }

  close(): void {
    (this.wallet.provider as { destroy?: () => void } | null)?.destroy?.();
  }
}
