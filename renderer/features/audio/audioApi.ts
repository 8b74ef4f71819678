// The audio group of window.tagger (peaks, VAD), in one place so the workspace's calls are easy to find.
import { tagger } from '../../api/tagger.ts';

export function audioApi() {
  return tagger.audio;
}
