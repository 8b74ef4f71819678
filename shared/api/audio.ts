// Audio: waveform peaks computed once in the core (streaming decode, cached in SQLite at several resolutions) and
// voice activity detection. The page never decodes audio; it plays the original through /media/<sha> (range
// requests) and reads peaks by range from the binary /media/peaks route (peaksMediaPath).
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { EditResult } from '../domain.ts';

/** One stored resolution: `length` pixels of min/max, each summarising `samplesPerPixel` frames. */
export interface AudioLevel {
  samplesPerPixel: number;
  length: number;
}

export interface AudioInfo {
  assetId: string;
  durationMs: number;
  sampleRate: number;
  /** Channels of the source; peaks are always a mono envelope (min and max over all channels). */
  channels: number;
  /** Total sample frames decoded. */
  frames: number;
  /** Finest first; each next level has twice the samplesPerPixel of the one before. */
  levels: AudioLevel[];
  /** Set when the file is damaged (e.g. truncated) and peaks stop at the damage. */
  warning: string | null;
}

export interface DetectSpeechOptions {
  /** Tier id the proposals go on (default: the schema's first tier, or "speech"). */
  tier?: string;
  /** Replace earlier machine proposals (origin 'model') on that tier instead of adding beside them. Default true. */
  replaceProposals?: boolean;
}

export interface DetectSpeechResult {
  count: number;
  /** Which detector ran: Silero VAD (onnxruntime-web, WASM) or the built-in energy detector. */
  engine: 'silero' | 'energy';
  /** The stored edit (the page applies it as it is, without reloading the document); null when nothing changed. */
  edit: EditResult | null;
}

/** Largest number of pixels one ranged peaks read returns (400 KB). */
export const MAX_PEAKS_COUNT = 200_000;
/** Finest stored resolution; every level is this times a power of two. */
export const BASE_SAMPLES_PER_PIXEL = 256;

/**
 * Media sub-path of binary peaks, the one way the page reads them: int8 pairs (min, max) per pixel for pixels
 * [start, start + count) of the level at samplesPerPixel (a multiple of the finest), or the whole level without a
 * range. Served once prepare has finished; 404 before, or for a resolution that is not a multiple of the finest.
 */
export function peaksMediaPath(assetId: string, samplesPerPixel: number, range?: { start: number; count: number }): string {
  return range ? `peaks/${assetId}/${samplesPerPixel}/${range.start}-${range.count}.bin` : `peaks/${assetId}/${samplesPerPixel}.bin`;
}

/** Job id of an asset's peaks computation, so the page can show its progress. */
export function peaksJobId(assetId: string): string {
  return `peaks:${assetId}`;
}

/** Frequency bands per spectrogram column, 0 Hz to Nyquist, one byte each. */
export const SPECTROGRAM_BINS = 128;
/** A column byte of 0 is this many dB below a full-scale sine or less; 255 is 0 dB (linear in between). */
export const SPECTROGRAM_DB_FLOOR = -100;
/** Largest number of columns one ranged spectrogram read returns (2 MB). */
export const MAX_SPECTROGRAM_COLUMNS = 16_384;

/** One stored resolution of a spectrogram: `length` columns, each the max over `hop` frames. */
export interface SpectrogramLevel {
  hop: number;
  length: number;
}

export interface SpectrogramInfo {
  assetId: string;
  sampleRate: number;
  /** FFT size in frames (Hann window, no overlap); the finest level's hop. */
  frameSize: number;
  bins: number;
  dbFloor: number;
  /** Finest first; each next level has twice the hop of the one before. */
  levels: SpectrogramLevel[];
}

/**
 * Media sub-path of spectrogram columns [start, start + count) of the level with that hop: SPECTROGRAM_BINS bytes
 * per column, lowest frequency first. Served once audio.spectrogram has finished; 404 before.
 */
export function spectrogramMediaPath(assetId: string, hop: number, range: { start: number; count: number }): string {
  return `spectrogram/${assetId}/${hop}/${range.start}-${range.count}.bin`;
}

/** Job id of an asset's spectrogram computation (progress events, Cancel). */
export function spectrogramJobId(assetId: string): string {
  return `spectrogram:${assetId}`;
}

export const audioApi = {
  /** Computes peaks on first call (a job with progress events and Cancel); answers from the cache after. */
  prepare: returns<AudioInfo>()(z.tuple([s.sha256])),
  /** Computes the spectrogram on first call (a job with progress and Cancel; the same streaming decode as the peaks,
   *  cached in the data folder by media hash); answers from the cache after. */
  spectrogram: returns<SpectrogramInfo>()(z.tuple([s.sha256])),
  /** Runs voice activity detection over the task's audio and stores proposals (origin 'model', label 'speech' when the
   *  schema has it, empty transcript) as ONE undo step named "Detect speech"; speech a person already segmented on
   *  the tier gets no proposal. Emits 'task-changed'. A job with progress and Cancel. */
  detectSpeech: returns<DetectSpeechResult>()(
    z.tuple([s.id, z.object({ tier: s.id.optional(), replaceProposals: z.boolean().optional() }).optional()]),
  ),
};
