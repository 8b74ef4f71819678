// Audio: recognised by its container signature, and compressed files proven by decoding their first frames. Duration, rate and channels come from the headers here (WAV
// exactly; FLAC, MP3 with a Xing/Info tag and Ogg from what they state), and are made exact when peaks are
// computed, which decodes the whole file.
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import type { FileImporter } from './types.ts';
import { OGG_TAIL, flacInfo, mp3Info, oggInfo, type HeaderInfo } from '../../audio/headers.ts';
import { checkFirstFrames } from '../../audio/decode.ts';

export { sniffAudio, parseWavHeader, readAtFd, type WavInfo, type ReadAt } from '../../audio/sniff.ts';
import { sniffAudio, parseWavHeader, readAtFd, type WavInfo } from '../../audio/sniff.ts';

export const audioImporter: FileImporter = {
  name: 'audio',
  extensions: ['wav', 'mp3', 'flac', 'ogg', 'oga', 'opus'],
  async read(file) {
    const st = fs.statSync(file);
    if (st.size === 0) throw new TaggerError('corrupt', 'the file is empty (zero length)');
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(Math.min(st.size, 65536));
    const tail = Buffer.alloc(Math.min(st.size, OGG_TAIL));
    let wav: WavInfo | null = null;
    let kind: ReturnType<typeof sniffAudio>;
    try {
      fs.readSync(fd, head, 0, head.length, 0);
      fs.readSync(fd, tail, 0, tail.length, st.size - tail.length);
      kind = sniffAudio(head);
      if (kind?.container === 'wav') wav = parseWavHeader(head, st.size, readAtFd(fd));
    } finally {
      fs.closeSync(fd);
    }
    if (!kind) throw new TaggerError('unsupported', 'not a recognised audio file (expected WAV, MP3, FLAC or Ogg)');
    // A signature proves nothing about what follows it: decode the first frames now, not when someone opens it.
    if (!wav) await checkFirstFrames(file, path.basename(file));
    let durationMs: number | null = null;
    const meta: Record<string, unknown> = { container: kind.container };
    if (wav) {
      const w = wav;
      durationMs = w.durationMs;
      Object.assign(meta, { sampleRate: w.sampleRate, channels: w.channels, bitsPerSample: w.bitsPerSample });
    } else {
      const h: HeaderInfo | null = kind.container === 'flac' ? flacInfo(head) : kind.container === 'mp3' ? mp3Info(head) : oggInfo(head, tail);
      if (h) {
        Object.assign(meta, { sampleRate: h.sampleRate, channels: h.channels });
        if (h.frames) durationMs = Math.round((h.frames / h.sampleRate) * 1000);
      }
    }
    return [{ kind: 'audio', mime: kind.mime, originalName: path.basename(file), file, durationMs, meta }];
  },
};
