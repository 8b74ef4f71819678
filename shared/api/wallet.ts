// The wallet group: create (recovery phrase shown once, then confirmed), import, unlock/lock. Keys and the phrase
// stay in the core; the only secret that ever crosses to the page is the new phrase, once, for the user to write down.
import { z } from 'zod';
import { returns } from './define.ts';

export interface WalletStatus {
  /** A keystore exists in the data directory. */
  exists: boolean;
  unlocked: boolean;
  /** Checksummed address (known from the keystore even while locked). */
  address: string | null;
  /** Minutes without wallet use after which the core locks it again. */
  idleLockMinutes: number;
  /** Total reward earned by this address, as last reported by the node (TAG). */
  totalReward: number;
}

export interface NewWallet {
  /** Handle for confirmCreate; the wallet is not saved until then. */
  pendingId: string;
  address: string;
  /** The recovery phrase, shown exactly once. */
  phrase: string;
  /** 0-based positions of the words the user must type back. */
  confirmIndices: number[];
}

export const PASSWORD_MIN = 8;
export const password = z.string().min(PASSWORD_MIN, `the password needs at least ${PASSWORD_MIN} characters`).max(1024, 'the password is too long (1024 characters at most)');
const phrase = z.string().trim().min(1).max(1000).regex(/^[a-zA-Z ]+$/, 'a recovery phrase is 12–24 English words separated by spaces');
const privateKey = z.string().trim().regex(/^(0x)?[0-9a-fA-F]{64}$/, 'a private key is 64 hex digits (optionally starting with 0x)');

export const walletImport = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phrase'), phrase, password, replace: z.boolean().optional() }),
  z.object({ kind: z.literal('privateKey'), privateKey, password, replace: z.boolean().optional() }),
  z.object({
    kind: z.literal('keystore'),
    json: z.string().min(2).max(64_000, 'a keystore file is a few kilobytes; this is not one'),
    /** The password the keystore file was encrypted with. */
    keystorePassword: z.string().min(1).max(1024),
    /** The password to protect it with here (defaults to keystorePassword). */
    password: password.optional(),
    replace: z.boolean().optional(),
  }),
]);
export type WalletImport = z.infer<typeof walletImport>;

export const walletApi = {
  status: returns<WalletStatus>()(z.tuple([])),
  /** Makes a new random wallet in memory and returns its phrase; nothing is saved yet. */
  create: returns<NewWallet>()(z.tuple([password, z.object({ replace: z.boolean() }).partial().optional()])),
  /** Checks the words the user typed back; on success encrypts and saves the keystore and unlocks it. */
  confirmCreate: returns<WalletStatus>()(
    z.tuple([z.string().regex(/^[0-9a-f]{24}$/), z.array(z.object({ index: z.number().int().min(0).max(23), word: z.string().trim().max(20) })).min(1).max(24)]),
  ),
  import: returns<WalletStatus>()(z.tuple([walletImport])),
  unlock: returns<WalletStatus>()(z.tuple([z.string().min(1).max(1024)])),
  lock: returns<WalletStatus>()(z.tuple([])),
  setIdleLock: returns<WalletStatus>()(z.tuple([z.number().int().min(1).max(24 * 60)])),
};
