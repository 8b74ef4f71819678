// The audio group of window.tagger (prepare, VAD) and the binary peaks route, in one place so the workspace's calls
// are easy to find.
import { tagger, mediaUrl } from '../../api/tagger.ts';
import { peaksMediaPath } from '../../../shared/api/audio.ts';

export function audioApi() {
  return tagger.audio;
}

/** Peaks of pixels [start, start + count) of a level, int8 min, max interleaved, read straight from the response. */
export async function fetchPeaks(assetId: string, samplesPerPixel: number, start: number, count: number): Promise<Int8Array> {
  const res = await fetch(mediaUrl(peaksMediaPath(assetId, samplesPerPixel, { start, count })));
  if (!res.ok) throw new Error(`Peaks of ${assetId} at ${samplesPerPixel} samples per pixel: HTTP ${res.status}`);
  return new Int8Array(await res.arrayBuffer());
}
