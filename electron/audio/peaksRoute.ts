// The media route that serves cached peaks as binary:
//   /media/peaks/<sha>/<samplesPerPixel>.bin  int8 min,max per pixel
//   /media/peaks/<sha>/<samplesPerPixel>.dat  the same in BBC waveform-data's binary format (WaveformData.create)
import type { MediaRoute } from '../core/media.ts';
import type { AudioService } from './audioService.ts';
import { toWaveformDat } from './peaks.ts';

export function peaksRoute(audio: AudioService): MediaRoute {
  return (subpath) => {
    const m = /^peaks\/([0-9a-f]{64})\/([0-9]{1,8})\.(bin|dat)$/.exec(subpath);
    if (!m) return null;
    const spp = Number(m[2]);
    if (spp < 1) return null;
    let level;
    try {
      level = audio.levelBytes(m[1], spp);
    } catch {
      return null; // not a multiple of the base level: nothing to serve
    }
    if (!level) return null;
    const body = m[3] === 'dat' ? toWaveformDat(level.data, level.sampleRate, spp) : Buffer.from(level.data.buffer, level.data.byteOffset, level.data.byteLength);
    return { body, mime: 'application/octet-stream' };
  };
}
