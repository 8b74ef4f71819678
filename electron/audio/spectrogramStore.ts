// File cache of spectrogram levels in the data folder, keyed by the media's SHA-256 and the parameters' version:
//   <dataDir>/spectrograms/<sha>-v1/<hop>.bin   SPECTROGRAM_BINS bytes per column, one file per level
//   <dataDir>/spectrograms/<sha>-v1/info.json   written last
// A computation writes into a temporary folder that is renamed into place only when every level is complete, so a
// cancelled or failed run (or a crash) never leaves a cache that looks finished. Levels are built file to file in
// chunks, so memory stays flat however long the recording.
// The cache is capped (about 27 MB per hour of audio; 1 GiB by default, ~37 hours): after a computation, the least
// recently used spectrograms are removed until the rest fit. Use is recorded in info.json's modification time,
// touched at most once a minute per spectrogram so that serving columns stays a read.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { SPECTROGRAM_BINS, type SpectrogramLevel } from '../../shared/api/audio.ts';
import { halveColumns } from './spectrogram.ts';

/** Bump when the columns' meaning changes (frame size rule, window, bins, dB scale): old caches are then ignored. */
const VERSION = 'v1';
const CHUNK_COLUMNS = 8192;
/** Default most bytes of spectrograms kept in the data folder. */
export const SPECTROGRAM_CACHE_BYTES = 1 << 30;
const TOUCH_EVERY_MS = 60_000;

export interface SpectrogramStoreOptions {
  /** Most bytes kept; the least recently used spectrograms beyond it are removed after each computation. */
  maxBytes?: number;
  now?: () => number;
}

export interface StoredSpectrogram {
  sampleRate: number;
  frameSize: number;
  levels: SpectrogramLevel[];
}

export class SpectrogramStore {
  private readonly touched = new Map<string, number>();
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(private readonly root: string, opts: SpectrogramStoreOptions = {}) {
    this.maxBytes = opts.maxBytes ?? SPECTROGRAM_CACHE_BYTES;
    this.now = opts.now ?? Date.now;
  }

  private dirOf(sha: string): string {
    return path.join(this.root, `${sha}-${VERSION}`);
  }

  info(sha: string): StoredSpectrogram | null {
    const file = path.join(this.dirOf(sha), 'info.json');
    let info: StoredSpectrogram;
    try {
      info = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSpectrogram;
    } catch {
      return null;
    }
    this.touch(sha, file);
    return info;
  }

  /** Records a use (for the least-recently-used cap), at most once a minute per spectrogram. */
  private touch(sha: string, file: string): void {
    const now = this.now();
    if (now - (this.touched.get(sha) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.touched.set(sha, now);
    try {
      fs.utimesSync(file, new Date(now), new Date(now));
    } catch {
      // removed meanwhile: nothing to record
    }
  }

  /** Removes the least recently used spectrograms (never `keep`) until the cache fits its cap. Returns the removed. */
  evict(keep?: string): string[] {
    let entries: { sha: string; dir: string; bytes: number; used: number }[];
    try {
      entries = fs.readdirSync(this.root).filter((n) => n.endsWith(`-${VERSION}`)).map((n) => {
        const dir = path.join(this.root, n);
        let bytes = 0;
        for (const f of fs.readdirSync(dir)) bytes += fs.statSync(path.join(dir, f)).size;
        const used = fs.statSync(path.join(dir, 'info.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
        return { sha: n.slice(0, -VERSION.length - 1), dir, bytes, used };
      });
    } catch {
      return [];
    }
    let total = entries.reduce((n, e) => n + e.bytes, 0);
    const removed: string[] = [];
    for (const e of entries.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      if (e.sha === keep) continue;
      fs.rmSync(e.dir, { recursive: true, force: true });
      this.touched.delete(e.sha);
      total -= e.bytes;
      removed.push(e.sha);
    }
    return removed;
  }

  /**
   * Runs `compute`, which appends base-level columns through `append` and resolves with the frame size and sample
   * rate; then builds the coarser levels and publishes the whole cache at once. Any error removes the partial files.
   */
  async write(sha: string, compute: (append: (columns: Uint8Array) => void) => Promise<{ frameSize: number; sampleRate: number }>, throwIfCancelled: () => void): Promise<StoredSpectrogram> {
    fs.mkdirSync(this.root, { recursive: true });
    for (const old of fs.readdirSync(this.root)) if (old.startsWith(`${sha}-${VERSION}.tmp-`)) fs.rmSync(path.join(this.root, old), { recursive: true, force: true });
    const tmp = path.join(this.root, `${sha}-${VERSION}.tmp-${crypto.randomBytes(4).toString('hex')}`);
    fs.mkdirSync(tmp);
    try {
      const baseFile = path.join(tmp, 'base.part');
      const fd = fs.openSync(baseFile, 'w');
      let columns = 0;
      let params: { frameSize: number; sampleRate: number };
      try {
        params = await compute((c) => {
          fs.writeSync(fd, c);
          columns += c.length / SPECTROGRAM_BINS;
        });
      } finally {
        fs.closeSync(fd);
      }
      const levels: SpectrogramLevel[] = [{ hop: params.frameSize, length: columns }];
      fs.renameSync(baseFile, path.join(tmp, `${params.frameSize}.bin`));
      while (levels[levels.length - 1].length > 1024) {
        throwIfCancelled();
        const from = levels[levels.length - 1];
        const to = { hop: from.hop * 2, length: Math.ceil(from.length / 2) };
        halveFile(path.join(tmp, `${from.hop}.bin`), path.join(tmp, `${to.hop}.bin`));
        levels.push(to);
      }
      const info: StoredSpectrogram = { sampleRate: params.sampleRate, frameSize: params.frameSize, levels };
      fs.writeFileSync(path.join(tmp, 'info.json'), JSON.stringify(info));
      throwIfCancelled();
      fs.rmSync(this.dirOf(sha), { recursive: true, force: true });
      fs.renameSync(tmp, this.dirOf(sha));
      this.touched.set(sha, this.now());
      this.evict(sha);
      return info;
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** Columns [start, start + count) of one level (fewer at the end of the recording); null when the spectrogram
   *  is gone (removed by the cap between the page's info and this read). */
  read(sha: string, hop: number, start: number, count: number): Buffer | null {
    let fd: number;
    try {
      fd = fs.openSync(path.join(this.dirOf(sha), `${hop}.bin`), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      const buf = Buffer.alloc(count * SPECTROGRAM_BINS);
      const n = fs.readSync(fd, buf, 0, buf.length, start * SPECTROGRAM_BINS);
      return buf.subarray(0, n - (n % SPECTROGRAM_BINS));
    } finally {
      fs.closeSync(fd);
    }
  }
}

function halveFile(src: string, dst: string): void {
  const inFd = fs.openSync(src, 'r');
  const outFd = fs.openSync(dst, 'w');
  try {
    const buf = Buffer.alloc(CHUNK_COLUMNS * SPECTROGRAM_BINS);
    let pos = 0;
    for (;;) {
      const n = fs.readSync(inFd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      fs.writeSync(outFd, halveColumns(new Uint8Array(buf.buffer, buf.byteOffset, n)));
      pos += n;
    }
  } finally {
    fs.closeSync(inFd);
    fs.closeSync(outFd);
  }
}
