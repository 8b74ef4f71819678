// What the workstation remembers per node between runs (kept in the settings table under "sync.node:<url>"):
// the EIP-712 domain it announced, its clock offset, and the reward total it last reported per wallet.
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import type { WalletPrefs } from '../wallet/walletService.ts';
import type { NodeMemory } from './submissionService.ts';
import { normalizeNodeUrl } from './outbox.ts';

interface Remembered { domain?: TaggerDomain; offsetMs?: number; name?: string; seenAt?: number; totals?: Record<string, number> }

export class NodeMemoryStore implements NodeMemory {
  constructor(private readonly prefs: WalletPrefs) {}

  private key(url: string): string {
    return `sync.node:${normalizeNodeUrl(url)}`;
  }

  private get(url: string): Remembered {
    return this.prefs.getRaw<Remembered>(this.key(url)) ?? {};
  }

  private put(url: string, patch: Remembered): void {
    this.prefs.setRaw(this.key(url), { ...this.get(url), ...patch });
  }

  domainOf(url: string): TaggerDomain | null {
    return this.get(url).domain ?? null;
  }

  clockOffsetOf(url: string): number {
    return this.get(url).offsetMs ?? 0;
  }

  remember(url: string, info: { domain: TaggerDomain; name: string; offsetMs: number; seenAt: number }): void {
    this.put(url, info);
  }

  rewardTotal(url: string, address: string): number | null {
    return this.get(url).totals?.[address.toLowerCase()] ?? null;
  }

  rememberRewardTotal(url: string, address: string, total: number): void {
    this.put(url, { totals: { ...this.get(url).totals, [address.toLowerCase()]: total } });
  }
}
