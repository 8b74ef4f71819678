// The page's view of the core's multi-resolution peaks: picks the level for a zoom, fetches only the chunks a
// view needs, and keeps a small LRU so memory stays flat however long the file is. Peaks are int8 min/max.
import { Listeners } from './listeners.ts';
import type { AudioInfo, AudioLevel } from '../../../shared/api/audio.ts';
import { MAX_PEAKS_COUNT } from '../../../shared/api/audio.ts';
import { fetchPeaks } from './audioApi.ts';

/** Pixels per fetched chunk: 64 KB of binary peaks, a few seconds to minutes of audio depending on the level. */
export const CHUNK = 32_768;
const MAX_CHUNKS = 96; // ~6 MB of peaks at most

/** Pixels of one chunk as the core stores and sends them: int8 min, max interleaved. */
type Chunk = Int8Array;

export class PeaksCache {
  private chunks = new Map<string, Chunk>();
  private loading = new Set<string>();
  // Memo of the last chunk looked up: a frame reads the same chunk for hundreds of columns in a row.
  private memoKey = '';
  private memoSpp = -1;
  private memoC = -1;
  private memo: Chunk | null = null;
  private failed = false;
  private listeners = new Listeners();

  constructor(readonly info: AudioInfo) {}

  /** Told when a chunk arrives, so views can redraw. */
  subscribe(fn: () => void): () => void {
    return this.listeners.subscribe(fn);
  }

  /** The coarsest level that still has at least one peak per screen pixel (or the finest there is). */
  levelFor(samplesPerScreenPixel: number): AudioLevel {
    const levels = this.info.levels;
    let best = levels[0];
    for (const l of levels) if (l.samplesPerPixel <= samplesPerScreenPixel && l.samplesPerPixel >= best.samplesPerPixel) best = l;
    return best;
  }

  /**
   * Min/max over level pixels [i0, i1) as int8, or null while that part is still loading (a fetch is started).
   * Writes into out[0] (min) and out[1] (max) to avoid allocating per screen pixel.
   */
  range(level: AudioLevel, i0: number, i1: number, out: Int32Array, fetchMissing = true): boolean {
    if (i1 <= i0) i1 = i0 + 1;
    if (i0 >= level.length || i1 <= 0) return false;
    i0 = Math.max(0, i0);
    i1 = Math.min(level.length, i1);
    let lo = 127, hi = -128;
    let i = i0;
    while (i < i1) {
      const c = Math.floor(i / CHUNK);
      const chunk = this.chunk(level, c, fetchMissing);
      if (!chunk) return false;
      const end = Math.min(i1, (c + 1) * CHUNK);
      for (let k = 2 * (i - c * CHUNK), kEnd = 2 * (end - c * CHUNK); k < kEnd; k += 2) {
        if (chunk[k] < lo) lo = chunk[k];
        if (chunk[k + 1] > hi) hi = chunk[k + 1];
      }
      i = end;
    }
    out[0] = lo;
    out[1] = hi;
    return true;
  }

  /**
   * While a level loads, the same span from any coarser level already in memory (never fetched for this), so
   * zooming shows a blurrier waveform at once instead of a flat line.
   */
  fallback(level: AudioLevel, i0: number, i1: number, out: Int32Array): boolean {
    for (const l of this.info.levels) {
      if (l.samplesPerPixel <= level.samplesPerPixel) continue;
      const f = level.samplesPerPixel / l.samplesPerPixel;
      if (this.range(l, Math.floor(i0 * f), Math.ceil(i1 * f), out, false)) return true;
    }
    return false;
  }

  private chunk(level: AudioLevel, c: number, fetchMissing = true): Chunk | null {
    if (this.memo && this.memoSpp === level.samplesPerPixel && this.memoC === c && this.chunks.get(this.memoKey) === this.memo) return this.memo;
    const key = `${level.samplesPerPixel}:${c}`;
    const hit = this.chunks.get(key);
    if (hit) {
      this.memoKey = key;
      this.memoSpp = level.samplesPerPixel;
      this.memoC = c;
      this.memo = hit;
      // LRU: re-insert so the Map's order is recency.
      this.chunks.delete(key);
      this.chunks.set(key, hit);
      return hit;
    }
    if (fetchMissing && !this.loading.has(key) && !this.failed) {
      this.loading.add(key);
      void this.fetchChunk(level, c).then((chunk) => {
        this.loading.delete(key);
        this.chunks.set(key, chunk);
        while (this.chunks.size > MAX_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
        this.listeners.notify();
      }, () => {
        this.loading.delete(key);
        // Stop hammering the core; the waveform stays empty and the error is shown by the caller on prepare.
        this.failed = true;
      });
    }
    return null;
  }

  // One ranged binary read: the core reads just these pixels from SQLite and the bytes are the chunk as they arrive.
  private fetchChunk(level: AudioLevel, c: number): Promise<Chunk> {
    const start = c * CHUNK;
    const count = Math.min(CHUNK, level.length - start, MAX_PEAKS_COUNT);
    return fetchPeaks(this.info.assetId, level.samplesPerPixel, start, count);
  }
}
