// Wallet and network UI state: the wallet's public status (never a key), which network dialog is open, and what
// to do once the user has unlocked (a Submit that was waiting for the wallet).
import { create } from 'zustand';
import { tagger } from '../../api/tagger.ts';
import { toast, errorText } from '../../stores/app.ts';
import { isTaggerError } from '../../../shared/errors.ts';
import type { WalletStatus } from '../../../shared/api/wallet.ts';

export type NetworkDialog = null | 'wallet' | 'submissions';

interface WalletUiState {
  status: WalletStatus | null;
  dialog: NetworkDialog;
  /** Set when Submit found the wallet locked: the dialog offers to continue after unlocking. */
  afterUnlock: (() => Promise<void>) | null;
}

export const useWallet = create<WalletUiState>(() => ({ status: null, dialog: null, afterUnlock: null }));

export async function refreshWallet(): Promise<WalletStatus | null> {
  try {
    const status = await tagger.wallet.status();
    useWallet.setState({ status });
    return status;
  } catch {
    return useWallet.getState().status;
  }
}

export function openNetworkDialog(dialog: NetworkDialog, afterUnlock: WalletUiState['afterUnlock'] = null): void {
  useWallet.setState({ dialog, afterUnlock });
}

/** How a network command fails: a locked or missing wallet opens the wallet dialog, which runs `retry` once
 *  unlocked; any other error is a toast. */
export async function unlockOrReport(e: unknown, retry: () => Promise<void>): Promise<void> {
  if (isTaggerError(e) && e.code === 'locked') {
    await refreshWallet();
    openNetworkDialog('wallet', retry);
    return;
  }
  toast('error', errorText(e));
}

export function closeNetworkDialog(): void {
  useWallet.setState({ dialog: null, afterUnlock: null });
}

export function shortAddress(a: string | null | undefined): string {
  return a ? `${a.slice(0, 6)}…${a.slice(-4)}` : '';
}

export function formatReward(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return `${Number(n.toFixed(4))} TAG`;
}
