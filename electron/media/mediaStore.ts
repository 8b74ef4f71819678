// Content-addressed media files beside the database: media/ab/abcdef… named by SHA-256. Writes go to a temporary
// file and are renamed into place, so a crash never leaves a half-written asset under its final name.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { TaggerError } from '../../shared/errors.ts';

const SHA = /^[0-9a-f]{64}$/;

export class MediaStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'media');
    fs.mkdirSync(path.join(this.root, 'tmp'), { recursive: true });
  }

  /** Deletes every file in media/tmp: only call while this process holds the data directory's lock. */
  removeStrayTemporaries(): number {
    const dir = path.join(this.root, 'tmp');
    let n = 0;
    for (const name of fs.readdirSync(dir)) {
      fs.rmSync(path.join(dir, name), { force: true, recursive: true });
      n++;
    }
    return n;
  }

  pathOf(sha: string): string {
    if (!SHA.test(sha)) throw new TaggerError('invalid_argument', `Not a media id: ${sha}`);
    return path.join(this.root, sha.slice(0, 2), sha);
  }

  has(sha: string): boolean {
    return fs.existsSync(this.pathOf(sha));
  }

  /** A folder for files derived from an asset (tiles, peaks, thumbnails), created on demand. */
  derivedDir(sha: string, kind: string): string {
    if (!/^[a-z0-9-]+$/.test(kind)) throw new TaggerError('invalid_argument', `Bad derived kind ${kind}`);
    const dir = path.join(this.root, 'derived', sha.slice(0, 2), sha, kind);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Hashes a file by streaming it (never whole in memory). */
  static async hashFile(file: string): Promise<string> {
    const h = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
    return h.digest('hex');
  }

  static hashBytes(bytes: Uint8Array): string {
    return crypto.createHash('sha256').update(bytes).digest('hex');
  }

  /** Copies a file into the store under its hash; a no-op when it is already there. */
  async putFile(file: string, sha?: string): Promise<string> {
    const hash = sha ?? (await MediaStore.hashFile(file));
    const dest = this.pathOf(hash);
    if (fs.existsSync(dest)) return hash;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = path.join(this.root, 'tmp', `${hash}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
    try {
      await fs.promises.copyFile(file, tmp);
      await fs.promises.chmod(tmp, 0o600);
      await fs.promises.rename(tmp, dest);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new TaggerError('io', `The disk is full while copying ${file}. Free some space and import again; nothing was lost.`, { path: file });
      throw new TaggerError('io', `Could not copy ${file} into the media store (${code ?? (e as Error).message}).`, { path: file });
    }
    return hash;
  }

  putBytes(bytes: Uint8Array): string {
    const hash = MediaStore.hashBytes(bytes);
    const dest = this.pathOf(hash);
    if (fs.existsSync(dest)) return hash;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = path.join(this.root, 'tmp', `${hash}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
    try {
      fs.writeFileSync(tmp, bytes, { mode: 0o600 });
      fs.renameSync(tmp, dest);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new TaggerError('io', `The disk is full. Free some space and try again; nothing was lost.`);
      throw e;
    }
    return hash;
  }
}
