// Placeholder until the detector lands: answers with a clear message instead of failing silently.
import type { Core } from '../../core/createCore.ts';
import type { AudioService } from '../audioService.ts';
import type { DetectSpeechOptions, DetectSpeechResult } from '../../../shared/api/audio.ts';
import { TaggerError } from '../../../shared/errors.ts';

export async function detectSpeech(_core: Core, _audio: AudioService, _taskId: string, _opts: DetectSpeechOptions): Promise<DetectSpeechResult> {
  throw new TaggerError('unsupported', 'Detect speech is not available yet.');
}
