// The annotator's wallet, held only in the core process. On disk it is an encrypted keystore; in memory the
// unlocked key lives for the session and is dropped on lock or after idle time. The page gets status, never keys;
// the recovery phrase crosses once, at creation, so the user can write it down and type words of it back.
import crypto from 'node:crypto';
import { HDNodeWallet, Mnemonic, Wallet, decryptKeystoreJson, encryptKeystoreJson, getAddress, type KeystoreAccount } from 'ethers';
import { TaggerError } from '../../shared/errors.ts';
import type { NewWallet, WalletImport, WalletStatus } from '../../shared/api/wallet.ts';
import { KeystoreFile, checkKeystoreText } from './keystoreFile.ts';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;
const IDLE_KEY = 'wallet.idleLockMinutes';
const PENDING_TTL_MS = 30 * 60_000;
const CONFIRM_WORDS = 3;

/** What the service stores besides the keystore (the settings repository fits). */
export interface WalletPrefs {
  getRaw<T>(key: string): T | undefined;
  setRaw(key: string, value: unknown): void;
}

export interface WalletOptions {
  dataDir: string;
  prefs: WalletPrefs;
  now?: () => number;
  /** scrypt cost for new keystores; the ethers default (2^17) unless a test asks for less. */
  scryptN?: number;
  /** Told whenever lock state or address changes (the sync engine re-emits its status). */
  onChange?: () => void;
  totalReward?: (address: string) => number;
}

export interface Signer {
  address: string;
  /** Signs a 32-byte digest (0x-hex) and returns the 65-byte signature (0x-hex). */
  signDigest(digest: string): string;
}

export class WalletService {
  private readonly keystore: KeystoreFile;
  private readonly now: () => number;
  private unlocked: Wallet | HDNodeWallet | null = null;
  private lastUse = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private pending = new Map<string, { wallet: HDNodeWallet; password: string; indices: number[]; replace: boolean; at: number }>();

  constructor(private readonly opts: WalletOptions) {
    this.keystore = new KeystoreFile(opts.dataDir);
    this.now = opts.now ?? Date.now;
  }

  get keystorePath(): string {
    return this.keystore.file;
  }

  idleLockMinutes(): number {
    return this.opts.prefs.getRaw<number>(IDLE_KEY) ?? DEFAULT_IDLE_LOCK_MINUTES;
  }

  /** Address of the saved wallet, readable while locked; null without a wallet (or with a damaged keystore). */
  address(): string | null {
    if (this.unlocked) return this.unlocked.address;
    try {
      const a = this.keystore.address();
      return a ? getAddress(a.toLowerCase()) : null;
    } catch {
      return null;
    }
  }

  status(): WalletStatus {
    this.lockIfIdle();
    const address = this.address();
    return {
      exists: this.keystore.exists(),
      unlocked: !!this.unlocked,
      address,
      idleLockMinutes: this.idleLockMinutes(),
      totalReward: address && this.opts.totalReward ? this.opts.totalReward(address) : 0,
    };
  }

  create(password: string, replace = false): NewWallet {
    this.refuseOverwrite(replace);
    const wallet = HDNodeWallet.createRandom();
    const words = wallet.mnemonic!.phrase.split(' ');
    const indices = pickIndices(words.length, CONFIRM_WORDS);
    const pendingId = crypto.randomBytes(12).toString('hex');
    for (const [id, p] of this.pending) if (this.now() - p.at > PENDING_TTL_MS) this.pending.delete(id);
    this.pending.set(pendingId, { wallet, password, indices, replace, at: this.now() });
    return { pendingId, address: wallet.address, phrase: wallet.mnemonic!.phrase, confirmIndices: indices };
  }

  async confirmCreate(pendingId: string, answers: { index: number; word: string }[]): Promise<WalletStatus> {
    const p = this.pending.get(pendingId);
    if (!p || this.now() - p.at > PENDING_TTL_MS)
      throw new TaggerError('not_found', 'This new wallet is no longer waiting for confirmation (it expired or was already saved). Start again with Create wallet.');
    const words = p.wallet.mnemonic!.phrase.split(' ');
    for (const i of p.indices) {
      const given = answers.find((a) => a.index === i)?.word.trim().toLowerCase();
      if (given !== words[i])
        throw new TaggerError('invalid_argument', `Word ${i + 1} of the recovery phrase does not match. Check what you wrote down and try again; nothing was saved yet.`, { field: `word${i + 1}` });
    }
    await this.save(p.wallet, p.password, p.replace);
    this.pending.delete(pendingId);
    return this.status();
  }

  async import(input: WalletImport): Promise<WalletStatus> {
    this.refuseOverwrite(!!input.replace);
    let wallet: Wallet | HDNodeWallet;
    let password: string;
    if (input.kind === 'phrase') {
      const phrase = input.phrase.trim().toLowerCase().split(/\s+/).join(' ');
      if (!Mnemonic.isValidMnemonic(phrase))
        throw new TaggerError('invalid_argument', 'That recovery phrase is not valid: check the spelling and order of the words (12–24 English BIP-39 words).', { field: 'phrase' });
      wallet = Wallet.fromPhrase(phrase);
      password = input.password;
    } else if (input.kind === 'privateKey') {
      const hex = input.privateKey.trim().replace(/^0x/i, '');
      try {
        wallet = new Wallet(`0x${hex}`);
      } catch {
        throw new TaggerError('invalid_argument', 'That private key is not a valid secp256k1 key (it must be 64 hex digits, not zero, below the curve order).', { field: 'privateKey' });
      }
      password = input.password;
    } else {
      checkKeystoreText(input.json, 'you chose');
      let account: KeystoreAccount;
      try {
        account = await decryptKeystoreJson(input.json, input.keystorePassword);
      } catch (e) {
        if (/incorrect password/.test((e as Error).message))
          throw new TaggerError('unauthorized', 'Wrong password for that keystore file. Enter the password it was exported with.', { field: 'keystorePassword' });
        throw new TaggerError('corrupt', `That keystore file cannot be decrypted (${(e as Error).message.split(' (')[0]}).`);
      }
      wallet = account.mnemonic?.entropy
        ? HDNodeWallet.fromMnemonic(Mnemonic.fromEntropy(account.mnemonic.entropy), account.mnemonic.path ?? undefined)
        : new Wallet(account.privateKey);
      password = input.password ?? input.keystorePassword;
      if (password.length < 8) throw new TaggerError('invalid_argument', 'Choose a password of at least 8 characters to protect the wallet here.', { field: 'password' });
    }
    await this.save(wallet, password, !!input.replace);
    return this.status();
  }

  async unlock(password: string): Promise<WalletStatus> {
    if (!this.keystore.exists()) throw new TaggerError('not_found', 'There is no wallet yet. Create one or import one first.');
    const text = this.keystore.read();
    let account: KeystoreAccount;
    try {
      account = await decryptKeystoreJson(text, password);
    } catch (e) {
      if (/incorrect password/.test((e as Error).message))
        throw new TaggerError('unauthorized', 'Wrong password: the wallet stays locked. Type it again (passwords are case-sensitive).', { field: 'password' });
      throw new TaggerError('corrupt', `The wallet keystore ${this.keystore.file} cannot be decrypted (${(e as Error).message.split(' (')[0]}). Restore it from a backup or import the wallet again from its recovery phrase.`);
    }
    this.unlocked = new Wallet(account.privateKey);
    this.touch();
    this.opts.onChange?.();
    return this.status();
  }

  lock(): WalletStatus {
    this.drop();
    return this.status();
  }

  /** Forgets the unlocked key (lock without reporting status: also used while the store is closing). */
  private drop(): void {
    const was = !!this.unlocked;
    this.unlocked = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (was) this.opts.onChange?.();
  }

  setIdleLock(minutes: number): WalletStatus {
    this.opts.prefs.setRaw(IDLE_KEY, minutes);
    if (this.unlocked) this.touch();
    return this.status();
  }

  /** The unlocked signer; asks the user to unlock when there is none. Each use restarts the idle clock. */
  signer(): Signer {
    this.lockIfIdle();
    const w = this.unlocked;
    if (!w) {
      throw this.keystore.exists()
        ? new TaggerError('locked', 'The wallet is locked. Unlock it with your password to sign this submission.')
        : new TaggerError('locked', 'There is no wallet yet. Create or import one to sign submissions.');
    }
    this.touch();
    return { address: w.address, signDigest: (digest) => w.signingKey.sign(digest).serialized };
  }

  dispose(): void {
    this.drop();
    this.pending.clear();
  }

  private refuseOverwrite(replace: boolean): void {
    if (this.keystore.exists() && !replace)
      throw new TaggerError('conflict', `A wallet already exists (${this.address() ?? 'unknown address'}). Replacing it needs explicit confirmation; the old keystore is kept beside the new one.`);
  }

  private async save(wallet: Wallet | HDNodeWallet, password: string, replace: boolean): Promise<void> {
    this.refuseOverwrite(replace);
    const account: KeystoreAccount = { address: wallet.address, privateKey: wallet.privateKey };
    if (wallet instanceof HDNodeWallet && wallet.mnemonic) account.mnemonic = { entropy: wallet.mnemonic.entropy, path: wallet.path ?? undefined, locale: 'en' };
    const json = await encryptKeystoreJson(account, password, this.opts.scryptN ? { scrypt: { N: this.opts.scryptN } } : {});
    this.keystore.write(json);
    this.unlocked = new Wallet(wallet.privateKey);
    this.touch();
    this.opts.onChange?.();
  }

  private touch(): void {
    this.lastUse = this.now();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // The timer only makes the lock visible promptly; lockIfIdle() enforces it on every use, whatever the clock does.
    this.idleTimer = setTimeout(() => this.lockIfIdle(), this.idleLockMinutes() * 60_000 + 50);
    this.idleTimer.unref?.();
  }

  private lockIfIdle(): void {
    if (this.unlocked && this.now() - this.lastUse >= this.idleLockMinutes() * 60_000) this.drop();
  }
}

function pickIndices(n: number, k: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = all.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k).sort((a, b) => a - b);
}
