// Audio: waveform peaks computed once in the core (streaming decode, cached in SQLite at several resolutions) and
// voice activity detection. The page never decodes audio; it plays the original through /media/<sha> (range
// requests) and draws peaks it asks for by range.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';

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

/** Peaks of one range at one resolution, int8 (-128..127). min[i] / max[i] is pixel startIndex + i. */
export interface AudioPeaks {
  samplesPerPixel: number;
  startIndex: number;
  min: number[];
  max: number[];
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
}

/** Largest number of pixels one peaks call returns (bounds the reply at ~1.6 MB of JSON). */
export const MAX_PEAKS_COUNT = 200_000;
/** Finest stored resolution; every level is this times a power of two. */
export const BASE_SAMPLES_PER_PIXEL = 256;

/** Media sub-path of a level's binary peaks: int8 pairs (min, max) per pixel, served once prepare has finished. */
export function peaksMediaPath(assetId: string, samplesPerPixel: number): string {
  return `peaks/${assetId}/${samplesPerPixel}.bin`;
}

const samplesPerPixel = z.number().int().min(1).max(1 << 24);

export const audioApi = {
  /** Computes peaks on first call (a job with progress events and Cancel); answers from the cache after. */
  prepare: returns<AudioInfo>()(z.tuple([s.sha256])),
  /** Min/max peaks for pixels [startIndex, startIndex+count) at samplesPerPixel (a multiple of the base level's). */
  peaks: returns<AudioPeaks>()(
    z.tuple([s.sha256, samplesPerPixel, z.number().int().min(0).max(2 ** 31), z.number().int().min(0).max(MAX_PEAKS_COUNT)]),
  ),
  /** Runs voice activity detection over the task's audio and stores proposals (origin 'model', label 'speech' when the
   *  schema has it, empty transcript) as ONE undo step named "Detect speech"; speech a person already segmented on
   *  the tier gets no proposal. Emits 'task-changed'. A job with progress and Cancel. */
  detectSpeech: returns<DetectSpeechResult>()(
    z.tuple([s.id, z.object({ tier: s.id.optional(), replaceProposals: z.boolean().optional() }).optional()]),
  ),
};
