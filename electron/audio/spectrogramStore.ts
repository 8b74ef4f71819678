// File cache of spectrogram levels in the data folder, keyed by the media's SHA-256 and the parameters' version:
//   <dataDir>/spectrograms/<sha>-v1/<hop>.bin   SPECTROGRAM_BINS bytes per column, one file per level
//   <dataDir>/spectrograms/<sha>-v1/info.json   written last
// A computation writes into a temporary folder that is renamed into place only when every level is complete, so a
// cancelled or failed run (or a crash) never leaves a cache that looks finished. Levels are built file to file in
// chunks, so memory stays flat however long the recording.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { SPECTROGRAM_BINS, type SpectrogramLevel } from '../../shared/api/audio.ts';
import { halveColumns } from './spectrogram.ts';

/** Bump when the columns' meaning changes (frame size rule, window, bins, dB scale): old caches are then ignored. */
const VERSION = 'v1';
const CHUNK_COLUMNS = 8192;

export interface StoredSpectrogram {
  sampleRate: number;
  frameSize: number;
  levels: SpectrogramLevel[];
}

export class SpectrogramStore {
  constructor(private readonly root: string) {}

  private dirOf(sha: string): string {
    return path.join(this.root, `${sha}-${VERSION}`);
  }

  info(sha: string): StoredSpectrogram | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dirOf(sha), 'info.json'), 'utf8')) as StoredSpectrogram;
    } catch {
      return null;
    }
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
      return info;
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  /** Columns [start, start + count) of one level (fewer at the end of the recording). */
  read(sha: string, hop: number, start: number, count: number): Buffer {
    const fd = fs.openSync(path.join(this.dirOf(sha), `${hop}.bin`), 'r');
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
