// Audio: recognised by its container signature. Duration, rate and channels come from the headers here (WAV
// exactly; FLAC, MP3 with a Xing/Info tag and Ogg from what they state), and are made exact when peaks are
// computed, which decodes the whole file.
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import type { FileImporter } from './types.ts';
import { OGG_TAIL, flacInfo, mp3Info, oggInfo, type HeaderInfo } from '../../audio/headers.ts';

export function sniffAudio(head: Buffer): { mime: string; container: string } | null {
  const s = head.toString('latin1', 0, 4);
  if (s === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return { mime: 'audio/wav', container: 'wav' };
  if (s === 'fLaC') return { mime: 'audio/flac', container: 'flac' };
  if (s === 'OggS') return { mime: 'audio/ogg', container: 'ogg' };
  if (s.startsWith('ID3') || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return { mime: 'audio/mpeg', container: 'mp3' };
  return null;
}

export interface WavInfo { sampleRate: number; channels: number; bitsPerSample: number; format: number; dataOffset: number; dataBytes: number; durationMs: number }

/** Parses a RIFF/WAVE header by walking its chunks; throws a readable error for anything it cannot play. */
export function parseWavHeader(buf: Buffer, fileSize: number): WavInfo {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new TaggerError('corrupt', 'not a WAV file (no RIFF/WAVE header)');
  let off = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('latin1', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      if (off + 24 > buf.length) break;
      fmt = { format: buf.readUInt16LE(off + 8), channels: buf.readUInt16LE(off + 10), sampleRate: buf.readUInt32LE(off + 12), bitsPerSample: buf.readUInt16LE(off + 22) };
      if (fmt.format === 0xfffe && off + 32 <= buf.length) fmt.format = buf.readUInt16LE(off + 32);
    } else if (id === 'data') {
      if (!fmt) throw new TaggerError('corrupt', 'the WAV file has no format chunk before its data');
      if (fmt.format !== 1 && fmt.format !== 3) throw new TaggerError('unsupported', `WAV encoding ${fmt.format} is not supported (use PCM or float)`);
      if (!fmt.channels || !fmt.sampleRate || !fmt.bitsPerSample) throw new TaggerError('corrupt', 'the WAV format chunk is invalid');
      const dataOffset = off + 8;
      const available = Math.max(0, fileSize - dataOffset);
      const dataBytes = size === 0xffffffff || size > available ? available : size;
      const frameBytes = (fmt.channels * fmt.bitsPerSample) / 8;
      const frames = Math.floor(dataBytes / frameBytes);
      if (frames === 0) throw new TaggerError('corrupt', 'the WAV file has no audio samples (zero length)');
      return { ...fmt, dataOffset, dataBytes: frames * frameBytes, durationMs: Math.round((frames / fmt.sampleRate) * 1000) };
    }
    off += 8 + size + (size & 1);
  }
  throw new TaggerError('corrupt', 'the WAV file is truncated before its audio data');
}

export const audioImporter: FileImporter = {
  name: 'audio',
  extensions: ['wav', 'mp3', 'flac', 'ogg', 'oga', 'opus'],
  async read(file) {
    const st = fs.statSync(file);
    if (st.size === 0) throw new TaggerError('corrupt', 'the file is empty (zero length)');
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(Math.min(st.size, 65536));
    const tail = Buffer.alloc(Math.min(st.size, OGG_TAIL));
    try {
      fs.readSync(fd, head, 0, head.length, 0);
      fs.readSync(fd, tail, 0, tail.length, st.size - tail.length);
    } finally {
      fs.closeSync(fd);
    }
    const kind = sniffAudio(head);
    if (!kind) throw new TaggerError('unsupported', 'not a recognised audio file (expected WAV, MP3, FLAC or Ogg)');
    let durationMs: number | null = null;
    const meta: Record<string, unknown> = { container: kind.container };
    if (kind.container === 'wav') {
      const w = parseWavHeader(head, st.size);
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
