// The binary peaks and spectrogram routes (see peaksMediaPath, spectrogramMediaPath), read from the cache only, never starting a computation:
//   /media/peaks/<sha>/<samplesPerPixel>/<start>-<count>.bin  int8 min,max per pixel of that range (what the page reads)
//   /media/peaks/<sha>/<samplesPerPixel>.bin                  a whole level
//   /media/peaks/<sha>/<samplesPerPixel>.dat                  a whole level in BBC waveform-data's format (peaks.js)
import type { MediaRoute } from '../core/media.ts';
import type { AudioService } from './audioService.ts';
import { toWaveformDat } from './peaks.ts';

const PATH = /^peaks\/([0-9a-f]{64})\/([0-9]{1,8})(?:\/([0-9]{1,10})-([0-9]{1,7}))?\.(bin|dat)$/;

export function peaksRoute(audio: AudioService): MediaRoute {
  return (subpath) => {
    const m = PATH.exec(subpath);
    if (!m) return null;
    const [, sha, sppText, startText, countText, ext] = m;
    const spp = Number(sppText);
    const ranged = startText !== undefined;
    if (spp < 1 || (ranged && ext === 'dat')) return null;
    let body: Buffer;
    try {
      if (ranged) {
        const pairs = audio.peakPairs(sha, spp, Number(startText), Number(countText));
        if (!pairs) return null;
        body = Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength);
      } else {
        const level = audio.levelBytes(sha, spp);
        if (!level) return null;
        body = ext === 'dat' ? toWaveformDat(level.data, level.sampleRate, spp) : Buffer.from(level.data.buffer, level.data.byteOffset, level.data.byteLength);
      }
    } catch {
      return null; // not a multiple of the finest level, or a range too long: nothing to serve
    }
    return { body, mime: 'application/octet-stream' };
  };
}

const SPECTROGRAM_PATH = /^spectrogram\/([0-9a-f]{64})\/([0-9]{1,9})\/([0-9]{1,10})-([0-9]{1,6})\.bin$/;

/** /media/spectrogram/<sha>/<hop>/<start>-<count>.bin (see spectrogramMediaPath), from the cache only. */
export function spectrogramRoute(audio: AudioService): MediaRoute {
  return (subpath) => {
    const m = SPECTROGRAM_PATH.exec(subpath);
    if (!m) return null;
    try {
      const body = audio.spectrograms.columns(m[1], Number(m[2]), Number(m[3]), Number(m[4]));
      return body && { body, mime: 'application/octet-stream' };
    } catch {
      return null; // an unknown level or a range too long: nothing to serve
    }
  };
}
