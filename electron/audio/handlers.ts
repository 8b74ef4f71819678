// The `audio` contract group, bound to the core's AudioService.
import type { Core } from '../core/core.ts';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { detectSpeech } from './vad/detectSpeech.ts';

export function createAudioHandlers(core: Core): TaggerHandlers['audio'] {
  const audio = core.audio;
  return {
    prepare: (assetId) => audio.prepare(assetId),
    spectrogram: (assetId) => audio.spectrograms.prepare(assetId),
    detectSpeech: (taskId, opts) => detectSpeech(core, audio, taskId, opts ?? {}),
  };
}
