// Asset bytes, content-addressed on disk (assets/ab/abcdef...). An upload is streamed to a temporary file while
// its SHA-256 is computed and only renamed into place when the hash matches, so a stored file is always whole.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export class AssetHashMismatch extends Error {}
export class AssetTooLarge extends Error {}
export class AssetStalled extends Error {}

export class AssetFiles {
  constructor(readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): number | null {
    try {
      return fs.statSync(this.pathOf(sha256)).size;
    } catch {
      return null;
    }
  }

  /** Streams `body` to disk; resolves with the size once the bytes hash to `sha256`. A pause over idleMs fails it. */
  async put(sha256: string, body: Readable, maxBytes: number, idleMs = 60_000): Promise<number> {
    const tmp = path.join(this.root, 'tmp', `${sha256}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
    const hash = crypto.createHash('sha256');
    const out = fs.createWriteStream(tmp);
    let size = 0;
    try {
      let idle: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        const stall = () => reject(new AssetStalled(`the upload paused for more than ${idleMs / 1000} s after ${size} bytes; send the asset at once`));
        idle = setTimeout(stall, idleMs);
        body.on('data', (chunk: Buffer) => {
          clearTimeout(idle);
          idle = setTimeout(stall, idleMs);
          size += chunk.length;
          if (size > maxBytes) {
            body.pause();
            reject(new AssetTooLarge(`the asset is larger than ${maxBytes} bytes`));
            return;
          }
          hash.update(chunk);
          if (!out.write(chunk)) {
            body.pause();
            out.once('drain', () => body.resume());
          }
        });
        body.on('end', () => out.end(() => resolve()));
        body.on('error', reject);
        body.on('close', () => {
          if (!body.readableEnded) reject(Object.assign(new Error('the connection closed mid-upload'), { code: 'ECONNRESET' }));
        });
        out.on('error', reject);
      }).finally(() => clearTimeout(idle));
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new AssetHashMismatch(`the uploaded bytes hash to ${actual}, not ${sha256}`);
      const dest = this.pathOf(sha256);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(tmp, dest);
      return size;
    } catch (e) {
      out.destroy();
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }
}
