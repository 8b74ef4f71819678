// The wallet's on-chain side: TAG balance, what can be claimed, stake, and one-button claim. The claim
// transaction is built and signed in the core with the local keystore; offline it waits and is sent later.
import { z } from 'zod';
import { returns } from './define.ts';

export interface PendingClaim {
  /** When the user pressed Claim. */
  at: number;
  state: 'waiting' | 'sent';
  /** Why it is still waiting (offline, locked wallet...). */
  reason: string | null;
  tx: string | null;
}

export interface ChainWalletStatus {
  /** False when there is nothing to show: no wallet, or the node settles no chain, or it cannot be reached. */
  available: boolean;
  /** Which of those: only `offline` can change by waiting, so only then does a claim wait to be sent. */
  state: 'ready' | 'no_wallet' | 'no_chain' | 'offline';
  /** Why not available, in words for the user. */
  reason: string | null;
  address: string | null;
  chainId: number | null;
  /** TAG amounts as decimal strings (18 decimals, trailing zeros dropped). */
  balance: string;
  claimable: string;
  stake: string;
  /** Latest epoch whose roots are on chain. */
  epoch: number;
  pendingClaim: PendingClaim | null;
  /** Last outcome of a claim, for the page to show. */
  lastClaim: { at: number; amount: string; tx: string } | null;
}

export const chainApi = {
  status: returns<ChainWalletStatus>()(z.tuple([])),
  /** Claims everything claimable now, or queues the claim when the chain or node is unreachable. */
  claim: returns<ChainWalletStatus>()(z.tuple([])),
  /** The claim waiting to be sent, from the workstation's store (no network): the outbox table lists it. */
  pending: returns<PendingClaim | null>()(z.tuple([])),
};
