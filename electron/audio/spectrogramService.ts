// Spectrograms of audio assets: computed on demand as a job (progress + Cancel) from the same streaming decode
// the peaks use, cached as files in the data folder, served by range. Concurrent requests share one computation.
import path from 'node:path';
import { MAX_SPECTROGRAM_COLUMNS, SPECTROGRAM_BINS, SPECTROGRAM_DB_FLOOR, spectrogramJobId, type SpectrogramInfo } from '../../shared/api/audio.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { JobRegistry } from '../core/jobs.ts';
import { decodeAudioFile } from './decode.ts';
import { SpectrogramBuilder } from './spectrogram.ts';
import { SpectrogramStore, type StoredSpectrogram } from './spectrogramStore.ts';
import { SharedRuns } from '../core/sharedRuns.ts';

export class SpectrogramService {
  readonly store: SpectrogramStore;
  private readonly runs = new SharedRuns<SpectrogramInfo>();

  constructor(dataDir: string, private readonly jobs: JobRegistry, private readonly audioFile: (assetId: string) => { file: string; name: string }) {
    this.store = new SpectrogramStore(path.join(dataDir, 'spectrograms'));
  }

  cached(assetId: string): SpectrogramInfo | null {
    const s = this.store.info(assetId);
    return s && toInfo(assetId, s);
  }

  prepare(assetId: string): Promise<SpectrogramInfo> {
    const hit = this.cached(assetId);
    if (hit) return Promise.resolve(hit);
    return this.runs.run(assetId, () => this.compute(assetId));
  }

  private compute(assetId: string): Promise<SpectrogramInfo> {
    const { file, name } = this.audioFile(assetId);
    return this.jobs.run(`Spectrogram of ${name}`, async (ctx) => {
      const stored = await this.store.write(assetId, async (append) => {
        let builder: SpectrogramBuilder | null = null;
        const summary = await decodeAudioFile(file, {
          name,
          onBlock: (b) => (builder ??= new SpectrogramBuilder(b.sampleRate, append)).push(b),
          onProgress: (done, total) => ctx.progress(done, total),
          throwIfCancelled: () => ctx.throwIfCancelled(),
        });
        ctx.throwIfCancelled();
        const b = builder as SpectrogramBuilder | null;
        if (!b) throw new TaggerError('corrupt', `${name} has no audio to analyse.`);
        b.finish();
        return { frameSize: b.size, sampleRate: summary.sampleRate };
      }, () => ctx.throwIfCancelled());
      return toInfo(assetId, stored);
    }, { jobId: spectrogramJobId(assetId) });
  }

  /** Columns [start, start + count) of the level with that hop, from the cache only (null when not computed). */
  columns(assetId: string, hop: number, start: number, count: number): Buffer | null {
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(count) || count < 1 || count > MAX_SPECTROGRAM_COLUMNS)
      throw new TaggerError('invalid_argument', `A spectrogram range is 1 to ${MAX_SPECTROGRAM_COLUMNS} columns from a start ≥ 0 (got ${count} from ${start}).`, { field: 'count' });
    const info = this.store.info(assetId);
    if (!info) return null;
    if (!info.levels.some((l) => l.hop === hop)) throw new TaggerError('invalid_argument', `No spectrogram level with hop ${hop}.`, { field: 'hop' });
    return this.store.read(assetId, hop, start, count);
  }
}

function toInfo(assetId: string, s: StoredSpectrogram): SpectrogramInfo {
  return { assetId, sampleRate: s.sampleRate, frameSize: s.frameSize, bins: SPECTROGRAM_BINS, dbFloor: SPECTROGRAM_DB_FLOOR, levels: s.levels };
}
