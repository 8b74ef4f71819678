// Waveform peaks for audio assets: computed once per asset as a job (progress + Cancel), cached in SQLite, served by
// range. Concurrent requests for the same asset share one computation.
import fs from 'node:fs';
import type { CoreContext } from '../core/context.ts';
import { MAX_PEAKS_COUNT, peaksJobId, type AudioInfo } from '../../shared/api/audio.ts';
import { TaggerError } from '../../shared/errors.ts';
import { decodeAudioFile } from './decode.ts';
import { PeakBuilder, aggregate, buildLevels } from './peaks.ts';
import { PeakStore, type StoredAudioInfo } from './peakStore.ts';
import { SpectrogramService } from './spectrogramService.ts';
import { SharedRuns } from '../core/sharedRuns.ts';

/** What the service uses: peaks are cached in the store, computed from media files as jobs. */
export type AudioDeps = Pick<CoreContext, 'db' | 'assets' | 'media' | 'jobs' | 'now' | 'dataDir'>;

export class AudioService {
  readonly store: PeakStore;
  readonly spectrograms: SpectrogramService;
  private readonly runs = new SharedRuns<AudioInfo>();

  constructor(private readonly d: AudioDeps) {
    this.store = new PeakStore(d.db);
    this.spectrograms = new SpectrogramService(d.dataDir, d.jobs, (id) => this.audioFile(id));
  }

  /** The asset's audio file in the media store, with a readable error when the asset is not audio or missing. */
  audioFile(assetId: string): { file: string; name: string } {
    const asset = this.d.assets.get(assetId);
    if (asset.kind !== 'audio') throw new TaggerError('invalid_argument', `${asset.originalName} is not an audio file.`);
    const file = this.d.media.pathOf(assetId);
    if (!fs.existsSync(file)) throw new TaggerError('not_found', `The media file of ${asset.originalName} is missing from the data folder; import it again.`);
    return { file, name: asset.originalName };
  }

  cached(assetId: string): AudioInfo | null {
    const info = this.store.info(assetId);
    return info ? toInfo(assetId, info) : null;
  }

  prepare(assetId: string): Promise<AudioInfo> {
    const hit = this.cached(assetId);
    if (hit) return Promise.resolve(hit);
    return this.runs.run(assetId, () => this.compute(assetId));
  }

  private async compute(assetId: string): Promise<AudioInfo> {
    const { file, name } = this.audioFile(assetId);
    return this.d.jobs.run(`Waveform of ${name}`, async (ctx) => {
      const builder = new PeakBuilder();
      const summary = await decodeAudioFile(file, {
        name,
        onBlock: (b) => builder.push(b),
        onProgress: (done, total) => ctx.progress(done, total),
        throwIfCancelled: () => ctx.throwIfCancelled(),
      });
      ctx.throwIfCancelled();
      const levels = buildLevels(builder.finish());
      const durationMs = Math.round((summary.frames / summary.sampleRate) * 1000);
      const stored = { durationMs, sampleRate: summary.sampleRate, channels: summary.channels, frames: summary.frames, warning: summary.warning };
      this.store.save(assetId, stored, levels, this.d.now());
      // Only WAV durations are known at import; the others learn theirs here.
      const asset = this.d.assets.get(assetId);
      this.d.assets.updateMeta(assetId, {
        durationMs,
        meta: { ...asset.meta, sampleRate: summary.sampleRate, channels: summary.channels, codec: summary.codec, ...(summary.warning ? { warning: summary.warning } : {}) },
      });
      return toInfo(assetId, { ...stored, levels: levels.map((l) => ({ samplesPerPixel: l.samplesPerPixel, length: l.data.length >> 1 })) });
    }, { jobId: peaksJobId(assetId) });
  }

  /**
   * Peaks of pixels [start, start + count) at samplesPerPixel as int8 min, max pairs, from the cache only (null when
   * not computed yet). Reads only what exists: a request far past the end gets a short answer, not zeros.
   */
  peakPairs(assetId: string, samplesPerPixel: number, start: number, count: number): Int8Array | null {
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(count) || count < 0 || count > MAX_PEAKS_COUNT)
      throw new TaggerError('invalid_argument', `A peaks range is at most ${MAX_PEAKS_COUNT} pixels from a start ≥ 0 (got ${count} from ${start}).`, { field: 'count' });
    const info = this.cached(assetId);
    return info && this.pairs(assetId, info, samplesPerPixel, start, count);
  }

  /** A whole level as int8 min,max pairs, from the cache only (null when not computed yet). */
  levelBytes(assetId: string, samplesPerPixel: number): { data: Int8Array; sampleRate: number } | null {
    const info = this.cached(assetId);
    return info && { data: this.pairs(assetId, info, samplesPerPixel, 0, Infinity), sampleRate: info.sampleRate };
  }

  private pairs(assetId: string, info: AudioInfo, samplesPerPixel: number, start: number, count: number): Int8Array {
    const { level, factor } = pickLevel(info, samplesPerPixel);
    const length = info.levels.find((l) => l.samplesPerPixel === level)!.length;
    const from = start * factor;
    const data = this.store.read(assetId, level, from, Math.max(0, Math.min(count * factor, length - from)));
    return factor === 1 ? data : aggregate(data, factor);
  }
}

/** The coarsest stored level that divides the wanted resolution, and how many of its pixels make one wanted pixel. */
function pickLevel(info: AudioInfo, samplesPerPixel: number): { level: number; factor: number } {
  const base = info.levels[0].samplesPerPixel;
  if (samplesPerPixel % base !== 0)
    throw new TaggerError('invalid_argument', `samplesPerPixel ${samplesPerPixel} is not a multiple of the finest level (${base}).`, { field: 'samplesPerPixel' });
  const level = [...info.levels].reverse().find((l) => samplesPerPixel % l.samplesPerPixel === 0)!;
  return { level: level.samplesPerPixel, factor: samplesPerPixel / level.samplesPerPixel };
}

function toInfo(assetId: string, s: StoredAudioInfo): AudioInfo {
  return { assetId, durationMs: s.durationMs, sampleRate: s.sampleRate, channels: s.channels, frames: s.frames, levels: s.levels, warning: s.warning };
}
