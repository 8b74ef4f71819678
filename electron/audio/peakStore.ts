// SQLite cache of waveform peaks (schema 4). A level is split into chunks of CHUNK_PIXELS so a visible range is a
// few small reads; all levels of an asset are written in one transaction, so a cancelled or failed computation
// leaves no half cache behind.
import type { Db } from '../store/db.ts';
import type { PeakLevel } from './peaks.ts';

export const CHUNK_PIXELS = 65_536;

export interface StoredAudioInfo {
  durationMs: number;
  sampleRate: number;
  channels: number;
  frames: number;
  warning: string | null;
  levels: { samplesPerPixel: number; length: number }[];
}

export class PeakStore {
  constructor(private readonly db: Db) {}

  info(assetId: string): StoredAudioInfo | null {
    const r = this.db.prepare('SELECT * FROM audio_info WHERE asset_id = ?').get(assetId) as
      | { duration_ms: number; sample_rate: number; channels: number; frames: number; warning: string | null }
      | undefined;
    if (!r) return null;
    const levels = this.db
      .prepare('SELECT DISTINCT samples_per_pixel AS samplesPerPixel, length FROM audio_peaks WHERE asset_id = ? ORDER BY samples_per_pixel')
      .all(assetId) as { samplesPerPixel: number; length: number }[];
    return { durationMs: r.duration_ms, sampleRate: r.sample_rate, channels: r.channels, frames: r.frames, warning: r.warning, levels };
  }

  save(assetId: string, info: Omit<StoredAudioInfo, 'levels'>, levels: PeakLevel[], now: number): void {
    const insInfo = this.db.prepare(
      'INSERT OR REPLACE INTO audio_info(asset_id, duration_ms, sample_rate, channels, frames, warning, computed_at) VALUES (?,?,?,?,?,?,?)',
    );
    const insPeaks = this.db.prepare(
      'INSERT INTO audio_peaks(asset_id, samples_per_pixel, channels, sample_rate, length, chunk, data) VALUES (?,?,?,?,?,?,?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM audio_peaks WHERE asset_id = ?').run(assetId);
      insInfo.run(assetId, info.durationMs, info.sampleRate, info.channels, info.frames, info.warning, now);
      for (const l of levels) {
        const length = l.data.length >> 1;
        for (let c = 0; c * CHUNK_PIXELS < Math.max(length, 1); c++) {
          const part = l.data.subarray(c * CHUNK_PIXELS * 2, Math.min(length, (c + 1) * CHUNK_PIXELS) * 2);
          insPeaks.run(assetId, l.samplesPerPixel, info.channels, info.sampleRate, length, c, Buffer.from(part.buffer, part.byteOffset, part.byteLength));
        }
      }
    })();
  }

  /** int8 min,max pairs of pixels [start, start+count) of one stored level (shorter at the end of the file). */
  read(assetId: string, samplesPerPixel: number, start: number, count: number): Int8Array {
    const first = Math.floor(start / CHUNK_PIXELS);
    const last = Math.floor((start + Math.max(count, 1) - 1) / CHUNK_PIXELS);
    const rows = this.db
      .prepare('SELECT chunk, data FROM audio_peaks WHERE asset_id = ? AND samples_per_pixel = ? AND chunk BETWEEN ? AND ? ORDER BY chunk')
      .all(assetId, samplesPerPixel, first, last) as { chunk: number; data: Buffer }[];
    const out = new Int8Array(count * 2);
    let filled = 0;
    for (const r of rows) {
      const chunkStart = r.chunk * CHUNK_PIXELS;
      const from = Math.max(start, chunkStart) - chunkStart;
      const to = Math.min(start + count, chunkStart + r.data.length / 2) - chunkStart;
      if (to <= from) continue;
      out.set(new Int8Array(r.data.buffer, r.data.byteOffset + from * 2, (to - from) * 2), (chunkStart + from - start) * 2);
      filled = chunkStart + to - start;
    }
    return out.subarray(0, Math.max(0, filled) * 2);
  }
}
