// What kind of audio a file is (its signature) and a WAV header's facts, for the importer and the decoder alike (a
// leaf, so the two do not import each other).
import fs from 'node:fs';
import { TaggerError } from '../../shared/errors.ts';

export function sniffAudio(head: Buffer): { mime: string; container: string } | null {
  const s = head.toString('latin1', 0, 4);
  if (s === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return { mime: 'audio/wav', container: 'wav' };
  if (s === 'fLaC') return { mime: 'audio/flac', container: 'flac' };
  if (s === 'OggS') return { mime: 'audio/ogg', container: 'ogg' };
  if (s.startsWith('ID3') || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return { mime: 'audio/mpeg', container: 'mp3' };
  return null;
}

export interface WavInfo {
  sampleRate: number; channels: number; bitsPerSample: number; format: number; dataOffset: number; dataBytes: number; durationMs: number;
  /** What the data chunk's header claims (more than dataBytes when the file was cut off). */
  declaredDataBytes: number;
}

/** Reads `length` bytes at `offset` of the file (for chunks past the first buffer, e.g. after a large bext/iXML). */
export type ReadAt = (offset: number, length: number) => Buffer;

/** Parses a RIFF/WAVE header by walking its chunks; throws a readable error for anything it cannot play. Chunks
 *  past the end of `buf` are read through `readAt` when given. */
export function parseWavHeader(buf: Buffer, fileSize: number, readAt?: ReadAt): WavInfo {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw new TaggerError('corrupt', 'not a WAV file (no RIFF/WAVE header)');
  const bytes = (off: number, len: number): Buffer | null => {
    if (off + len <= buf.length) return buf.subarray(off, off + len);
    if (!readAt || off + len > fileSize) return null;
    const b = readAt(off, len);
    return b.length === len ? b : null;
  };
  let off = 12;
  let fmt: { format: number; channels: number; sampleRate: number; bitsPerSample: number } | null = null;
  for (let head = bytes(off, 8); head; head = bytes(off, 8)) {
    const id = head.toString('latin1', 0, 4);
    const size = head.readUInt32LE(4);
    if (id === 'fmt ') {
      const f = bytes(off + 8, Math.min(size, 40));
      if (!f || f.length < 16) break;
      fmt = { format: f.readUInt16LE(0), channels: f.readUInt16LE(2), sampleRate: f.readUInt32LE(4), bitsPerSample: f.readUInt16LE(14) };
      if (fmt.format === 0xfffe && f.length >= 26) fmt.format = f.readUInt16LE(24);
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
      return { ...fmt, dataOffset, dataBytes: frames * frameBytes, durationMs: Math.round((frames / fmt.sampleRate) * 1000), declaredDataBytes: size };
    }
    off += 8 + size + (size & 1);
  }
  throw new TaggerError('corrupt', 'the WAV file is truncated before its audio data');
}

/** A ReadAt over an open file descriptor. */
export function readAtFd(fd: number): ReadAt {
  return (offset, length) => {
    const b = Buffer.alloc(length);
    const n = fs.readSync(fd, b, 0, length, offset);
    return b.subarray(0, n);
  };
}
