// The page's view of the core's spectrogram: picks the level for a zoom, fetches only the chunks of columns a view
// needs (binary, by range) and keeps a small LRU, so memory stays flat however long the recording.
import { Listeners } from './listeners.ts';
import { MAX_SPECTROGRAM_COLUMNS, spectrogramMediaPath, type SpectrogramInfo, type SpectrogramLevel } from '../../../shared/api/audio.ts';
import { mediaUrl } from '../../api/tagger.ts';

/** Columns per fetched chunk: 512 KB at 128 bands. */
export const SPECTRO_CHUNK = 4096;
const MAX_CHUNKS = 32; // 16 MB at most

export class SpectrogramCache {
  private chunks = new Map<string, Uint8Array>();
  private loading = new Set<string>();
  private failed = false;
  // Memo of the last chunk looked up: a frame reads the same chunk for hundreds of columns in a row.
  private memoHop = -1;
  private memoC = -1;
  private memo: Uint8Array | null = null;
  private listeners = new Listeners();

  constructor(readonly info: SpectrogramInfo) {}

  subscribe(fn: () => void): () => void {
    return this.listeners.subscribe(fn);
  }

  /** The coarsest level with at least one column per screen pixel (or the finest there is). */
  levelFor(samplesPerScreenPixel: number): SpectrogramLevel {
    let best = this.info.levels[0];
    for (const l of this.info.levels) if (l.hop <= samplesPerScreenPixel && l.hop >= best.hop) best = l;
    return best;
  }

  /** The chunk holding column i of a level, or null while it loads (a fetch is started unless `fetchMissing` is off). */
  chunkOf(level: SpectrogramLevel, i: number, fetchMissing = true): Uint8Array | null {
    const c = Math.floor(i / SPECTRO_CHUNK);
    if (this.memo && this.memoHop === level.hop && this.memoC === c) return this.memo;
    const key = `${level.hop}:${c}`;
    const hit = this.chunks.get(key);
    if (hit) {
      this.chunks.delete(key); // LRU: the Map's order is recency
      this.chunks.set(key, hit);
      this.memoHop = level.hop;
      this.memoC = c;
      this.memo = hit;
      return hit;
    }
    if (fetchMissing && !this.loading.has(key) && !this.failed) {
      this.loading.add(key);
      const start = c * SPECTRO_CHUNK;
      const count = Math.min(SPECTRO_CHUNK, level.length - start, MAX_SPECTROGRAM_COLUMNS);
      fetch(mediaUrl(spectrogramMediaPath(this.info.assetId, level.hop, { start, count })))
        .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`HTTP ${res.status}`))))
        .then((buf) => {
          this.loading.delete(key);
          this.chunks.set(key, new Uint8Array(buf));
          while (this.chunks.size > MAX_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
          this.memo = null;
          this.listeners.notify();
        }, () => {
          this.loading.delete(key);
          this.failed = true; // stop hammering the core; the view stays dark
        });
    }
    return null;
  }
}
