// The workstation core's chain adapter: reads the wallet's TAG balance, claimable rewards (the node's cumulative
// totals and proofs minus what the distributor says was claimed) and stake, and claims with one call. The claim
// transaction is built here and signed with the wallet's key through its digest signer, so no key leaves the
// wallet service; when the node or the chain cannot be reached the claim waits and is retried.
import { Signature, Transaction, type JsonRpcProvider } from 'ethers';
import { connectContracts, providerFor, revertOf, withDeadline, type ChainAddresses } from '../../contracts/artifacts.ts';
import { unitsToTag } from '../../shared/chain/rules.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { ChainWalletStatus, PendingClaim } from '../../shared/api/chain.ts';
import type { Signer } from '../wallet/walletService.ts';

const PENDING_KEY = 'chain.pendingClaim';
const LAST_KEY = 'chain.lastClaim';
const NO_CHAIN = 'The node settles no chain: rewards stay in its ledger.';
export const CLAIM_RETRY_MS = 30_000;

/** How many claims wait to be sent (0 or 1), read from the store without any network: the status bar counts it. */
export function pendingClaims(prefs: { getRaw<T>(key: string): T | undefined }): number {
  return prefs.getRaw(PENDING_KEY) ? 1 : 0;
}

export interface ChainServiceDeps {
  nodeUrl: () => string | null;
  wallet: { address(): string | null; signer(): Signer };
  prefs: { getRaw<T>(key: string): T | undefined; setRaw(key: string, value: unknown): void };
  fetch: typeof fetch;
  now: () => number;
  onChange?: () => void;
}

interface NodeChain { enabled: boolean; rpc?: string; contracts?: ChainAddresses }
interface Claims { epoch: number; claims: { projectKey: string; cumulative: string; proof: string[] }[] }

class Unreachable extends Error {}

export class ChainService {
  private providers = new Map<string, JsonRpcProvider>();
  private retry: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;

  constructor(private readonly d: ChainServiceDeps) {
    if (this.pending()) this.scheduleRetry();
  }

  private pending(): PendingClaim | null {
    return this.d.prefs.getRaw<PendingClaim>(PENDING_KEY) ?? null;
  }

  pendingClaim(): PendingClaim | null {
    return this.pending();
  }

  /** Sends a waiting claim now (the node answers again); a no-op without one. */
  retryNow(): void {
    if (this.pending()?.state === 'waiting') void this.trySend().catch(() => undefined);
  }

  private setPending(p: PendingClaim | null): void {
    this.d.prefs.setRaw(PENDING_KEY, p);
    this.d.onChange?.();
  }

  private async getJson<T>(url: string): Promise<T> {
    let res: Response;
    try {
      res = await withDeadline(this.d.fetch(url), `asking the node (${url})`, 8000);
    } catch (e) {
      throw new Unreachable(`the node cannot be reached (${(e as Error).message})`);
    }
    if (!res.ok) throw new Unreachable(`the node answered ${res.status} for ${url}`);
    return (await res.json()) as T;
  }

  private provider(rpc: string, chainId: number): JsonRpcProvider {
    let p = this.providers.get(rpc);
    if (!p) this.providers.set(rpc, (p = providerFor(rpc, chainId)));
    return p;
  }

  /** Node chain info, this wallet's claims and the chain contracts; throws Unreachable with a reason. */
  private async context(address: string) {
    const node = this.d.nodeUrl();
    if (!node) throw new Unreachable('no node is set (Settings → Node URL)');
    const info = await this.getJson<NodeChain>(`${node}/v1/chain`);
    if (!info.enabled || !info.rpc || !info.contracts) return null;
    const claims = await this.getJson<Claims>(`${node}/v1/chain/claims/${address}`);
    const provider = this.provider(info.rpc, info.contracts.chainId);
    return { info, claims, provider, c: connectContracts(info.contracts, provider), addresses: info.contracts };
  }

  async status(): Promise<ChainWalletStatus> {
    const address = this.d.wallet.address();
    const base: ChainWalletStatus = {
      available: false, state: 'offline', reason: null, address, chainId: null, balance: '0', claimable: '0', stake: '0', epoch: 0,
      pendingClaim: this.pending(), lastClaim: this.d.prefs.getRaw(LAST_KEY) ?? null,
    };
    if (!address) return { ...base, state: 'no_wallet', reason: 'Create or import a wallet to hold TAG.' };
    try {
      const ctx = await this.context(address);
      if (!ctx) return { ...base, state: 'no_chain', reason: NO_CHAIN };
      const read = <T>(p: Promise<T>) => withDeadline(p, 'reading the chain', 8000);
      const [balance, stake, claimed] = await Promise.all([
        read(ctx.c.tag.balanceOf(address) as Promise<bigint>),
        read(ctx.c.staking.staked(address) as Promise<bigint>),
        Promise.all(ctx.claims.claims.map((cl) => read(ctx.c.distributor.claimed(cl.projectKey, address) as Promise<bigint>))),
      ]);
      const claimable = ctx.claims.claims.reduce((s, cl, i) => s + (BigInt(cl.cumulative) > claimed[i] ? BigInt(cl.cumulative) - claimed[i] : 0n), 0n);
      return { ...base, available: true, state: 'ready', chainId: ctx.addresses.chainId, balance: unitsToTag(balance), stake: unitsToTag(stake), claimable: unitsToTag(claimable), epoch: ctx.claims.epoch };
    } catch (e) {
      return { ...base, reason: `Offline: ${e instanceof Unreachable ? e.message : `the chain cannot be reached (${(e as Error).message})`}.` };
    }
  }

  /** Claims now, or leaves the claim waiting (retried every 30 s) when the node or chain is unreachable. */
  async claim(): Promise<ChainWalletStatus> {
    this.d.wallet.signer(); // a locked wallet asks the user to unlock before anything is queued
    if (!this.pending()) this.setPending({ at: this.d.now(), state: 'waiting', reason: null, tx: null });
    await this.trySend();
    return this.status();
  }

  private async trySend(): Promise<void> {
    if (!this.sending) this.sending = this.send().finally(() => (this.sending = null));
    return this.sending;
  }

  private async send(): Promise<void> {
    const pending = this.pending();
    if (!pending) return;
    let signer: Signer;
    try {
      signer = this.d.wallet.signer();
    } catch {
      return this.wait(pending, 'the wallet is locked: unlock it to send the claim');
    }
    let ctx;
    try {
      ctx = await this.context(signer.address);
    } catch (e) {
      return this.wait(pending, (e as Error).message);
    }
    if (!ctx) {
      // a node that answers and settles no chain will not start to by waiting: refused, not queued forever
      this.setPending(null);
      throw new TaggerError('unsupported', `${NO_CHAIN} There is nothing to claim on chain.`);
    }
    try {
      const claimed = await Promise.all(ctx.claims.claims.map((cl) => ctx.c.distributor.claimed(cl.projectKey, signer.address) as Promise<bigint>));
      const open = ctx.claims.claims.filter((cl, i) => BigInt(cl.cumulative) > claimed[i]);
      if (!open.length) {
        this.setPending(null);
        throw new TaggerError('invalid_argument', 'Nothing to claim yet: new rewards become claimable when the node posts its next epoch.');
      }
      const to = ctx.addresses.distributor;
      const data = ctx.c.distributor.interface.encodeFunctionData('claim', [ctx.claims.epoch, open.map((c) => c.projectKey), open.map((c) => c.cumulative), open.map((c) => c.proof)]);
      const p = ctx.provider;
      const before = (await p.call({ to: ctx.addresses.tag, data: ctx.c.tag.interface.encodeFunctionData('balanceOf', [signer.address]) }));
      const [nonce, fee, gas] = await withDeadline(Promise.all([p.getTransactionCount(signer.address, 'pending'), p.getFeeData(), p.estimateGas({ from: signer.address, to, data })]), 'preparing the claim');
      const tx = Transaction.from({ type: 2, chainId: ctx.addresses.chainId, nonce, to, data, value: 0n, gasLimit: (gas * 12n) / 10n, maxFeePerGas: fee.maxFeePerGas, maxPriorityFeePerGas: fee.maxPriorityFeePerGas });
      tx.signature = Signature.from(signer.signDigest(tx.unsignedHash));
      this.setPending({ ...pending, state: 'sent', reason: null, tx: tx.hash });
      const sent = await withDeadline(p.broadcastTransaction(tx.serialized), 'sending the claim');
      await withDeadline(sent.wait(), 'waiting for the claim to be mined', 60_000);
      const after = BigInt(await p.call({ to: ctx.addresses.tag, data: ctx.c.tag.interface.encodeFunctionData('balanceOf', [signer.address]) }));
      this.d.prefs.setRaw(LAST_KEY, { at: this.d.now(), amount: unitsToTag(after - BigInt(before)), tx: tx.hash });
      this.setPending(null);
    } catch (e) {
      if (e instanceof TaggerError) throw e;
      const r = revertOf(e);
      if (r) {
        this.setPending(null);
        throw new TaggerError('invalid_argument', `The claim was refused by the contract (${r.name}); nothing was paid. Try again after the next epoch.`);
      }
      const code = (e as { code?: string }).code;
      if (code === 'INSUFFICIENT_FUNDS') {
        this.setPending(null);
        throw new TaggerError('invalid_argument', 'The wallet has no ETH to pay the claim\'s gas. Fund it (on the demo chain: tagger chain-demo --fund ADDRESS) and claim again.');
      }
      return this.wait(pending, (e as { shortMessage?: string }).shortMessage ?? (e as Error).message);
    }
  }

  private wait(pending: PendingClaim, reason: string): void {
    this.setPending({ ...pending, state: 'waiting', reason, tx: null });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.trySend().catch(() => undefined);
    }, CLAIM_RETRY_MS);
    this.retry.unref?.();
  }

  close(): void {
    if (this.retry) clearTimeout(this.retry);
    for (const p of this.providers.values()) p.destroy();
  }
}
