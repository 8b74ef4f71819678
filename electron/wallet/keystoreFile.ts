// The one file a wallet lives in: an encrypted JSON keystore (scrypt) at <data>/wallet/keystore.json, owner-only.
// Writes go to a temporary file in the same folder, are fsynced and renamed, so a crash leaves the old or the
// new keystore, never half of one. A keystore being replaced is kept beside it rather than deleted.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { isKeystoreJson } from 'ethers';
import { TaggerError } from '../../shared/errors.ts';

export const KEYSTORE_DIR = 'wallet';
export const KEYSTORE_FILE = 'keystore.json';
/** Largest scrypt cost we accept from a file: higher would hang the core for minutes (and needs > 1 GiB). */
const MAX_SCRYPT_N = 1 << 20;

export class KeystoreFile {
  readonly dir: string;
  readonly file: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, KEYSTORE_DIR);
    this.file = path.join(this.dir, KEYSTORE_FILE);
  }

  exists(): boolean {
    return fs.existsSync(this.file);
  }

  /** The keystore text, checked to be a keystore; a damaged file gets a message naming it and what to do. */
  read(): string {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      throw new TaggerError('io', `Cannot read the wallet keystore ${this.file} (${(e as NodeJS.ErrnoException).code}). Check its permissions.`, { path: this.file });
    }
    checkKeystoreText(text, this.file);
    return text;
  }

  /** The address recorded in the keystore (readable without the password), or null when there is none. */
  address(): string | null {
    if (!this.exists()) return null;
    const parsed = JSON.parse(this.read()) as { address?: string };
    const hex = (parsed.address ?? '').replace(/^0x/i, '');
    return /^[0-9a-fA-F]{40}$/.test(hex) ? `0x${hex}` : null;
  }

  write(text: string): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(this.dir, `.keystore-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeFileSync(fd, text);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      if (this.exists()) fs.copyFileSync(this.file, path.join(this.dir, `keystore-replaced-${Date.now()}.json`));
      fs.renameSync(tmp, this.file);
      fs.chmodSync(this.file, 0o600);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new TaggerError('io', `The disk is full; the wallet keystore ${this.file} was not written. Free some space and try again.`);
      throw new TaggerError('io', `Cannot write the wallet keystore ${this.file} (${code ?? (e as Error).message}).`, { path: this.file });
    }
  }
}

export function checkKeystoreText(text: string, where: string): void {
  type Kdf = { kdf?: string; kdfparams?: { n?: number; r?: number; p?: number; c?: number } };
  let parsed: { crypto?: Kdf; Crypto?: Kdf };
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TaggerError('corrupt', `The wallet keystore ${where} is damaged: it is not valid JSON (${(e as Error).message}). Restore it from a backup or import the wallet again from its recovery phrase.`, { path: where });
  }
  if (!isKeystoreJson(text))
    throw new TaggerError('corrupt', `The wallet keystore ${where} is not an encrypted JSON keystore (no "crypto" section with a scrypt or pbkdf2 key). Restore it from a backup or import the wallet again.`, { path: where });
  // A hostile or broken file could ask for hours of key stretching (or gigabytes of memory): refuse before trying.
  const k = (parsed.crypto ?? parsed.Crypto)?.kdfparams ?? {};
  const tooCostly = (k.n ?? 0) > MAX_SCRYPT_N || (k.r ?? 0) > 32 || (k.p ?? 0) > 16 || (k.c ?? 0) > 10_000_000;
  if (tooCostly)
    throw new TaggerError('unsupported', `The wallet keystore ${where} asks for an unusually high key-derivation cost (${JSON.stringify(k).slice(0, 120)}); Tagger accepts scrypt N up to ${MAX_SCRYPT_N} and PBKDF2 up to 10,000,000 rounds. Re-export it with a standard cost.`, { path: where });
}
