// What compressed audio files state about themselves in their headers: FLAC's STREAMINFO, an MP3's Xing/Info
// frame count, an Ogg stream's identification header and last page. Used at import (duration before any decode)
// and after decoding (a file that ends before its header's length is truncated).

/** Bytes at the end of a file that surely hold the last Ogg page (a page is at most 65,307 bytes). */
export const OGG_TAIL = 70_000;

export interface HeaderInfo {
  sampleRate: number;
  channels: number;
  /** Sample frames the header promises, when it says. */
  frames: number | null;
}

/** Sample frames from a FLAC STREAMINFO block, or null when unknown (0 = not stated). */
export function flacTotalFrames(head: Buffer): number | null {
  return flacInfo(head)?.frames ?? null;
}

export function flacInfo(head: Buffer): HeaderInfo | null {
  if (head.length < 42 || head.toString('latin1', 0, 4) !== 'fLaC' || (head[4] & 0x7f) !== 0) return null;
  const b = head.subarray(8, 42);
  const sampleRate = (b[10] << 12) | (b[11] << 4) | (b[12] >> 4);
  const channels = ((b[12] >> 1) & 7) + 1;
  const total = (b[13] & 0x0f) * 2 ** 32 + b.readUInt32BE(14);
  return sampleRate > 0 ? { sampleRate, channels, frames: total > 0 ? total : null } : null;
}

const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Sample frames an MP3 promises in its Xing/Info tag (LAME and most encoders write one), or null without one. */
export function mp3TotalFrames(head: Buffer): number | null {
  return mp3Info(head)?.frames ?? null;
}

export function mp3Info(head: Buffer): HeaderInfo | null {
  let at = 0;
  if (head.toString('latin1', 0, 3) === 'ID3' && head.length >= 10) {
    const size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
    at = 10 + size + (head[5] & 0x10 ? 10 : 0);
  }
  // First frame sync after the tag
  while (at + 4 <= head.length && !(head[at] === 0xff && (head[at + 1] & 0xe0) === 0xe0)) at++;
  if (at + 4 > head.length) return null;
  const version = (head[at + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layer = (head[at + 1] >> 1) & 3; // 1 = Layer III
  const rateIndex = (head[at + 2] >> 2) & 3;
  if (layer !== 1 || version === 1 || rateIndex === 3) return null;
  const sampleRate = MP3_RATES[version][rateIndex];
  const mono = head[at + 3] >> 6 === 3;
  const info: HeaderInfo = { sampleRate, channels: mono ? 1 : 2, frames: null };
  const tag = at + 4 + (version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17);
  if (tag + 12 > head.length) return info;
  const id = head.toString('latin1', tag, tag + 4);
  if ((id !== 'Xing' && id !== 'Info') || !(head.readUInt32BE(tag + 4) & 1)) return info;
  const mp3Frames = head.readUInt32BE(tag + 8);
  return { ...info, frames: mp3Frames > 0 ? mp3Frames * (version === 3 ? 1152 : 576) : null };
}

/** The last complete Ogg page of a file's tail (only a page that ends exactly at the file's end counts). */
export function oggLastPage(tail: Buffer): { granule: bigint; endOfStream: boolean } | null {
  for (let at = tail.lastIndexOf('OggS'); at >= 0; at = at > 0 ? tail.lastIndexOf('OggS', at - 1) : -1) {
    if (at + 27 > tail.length) continue;
    const segments = tail[at + 26];
    if (at + 27 + segments > tail.length) continue;
    let len = 27 + segments;
    for (let i = 0; i < segments; i++) len += tail[at + 27 + i];
    // A capture pattern may also sit inside packet data; the page must end where the file ends.
    if (at + len === tail.length) return { granule: tail.readBigInt64LE(at + 6), endOfStream: (tail[at + 5] & 0x04) !== 0 };
    if (at + len < tail.length) return null;
  }
  return null;
}

/** Rate, channels and length of an Ogg Vorbis or Opus stream from its identification header and last page. */
export function oggInfo(head: Buffer, tail: Buffer): HeaderInfo | null {
  const last = oggLastPage(tail);
  const opus = head.indexOf('OpusHead');
  if (opus >= 0 && opus + 19 <= head.length) {
    // Opus always decodes at 48 kHz; the granule counts 48 kHz samples including the pre-skip.
    const preSkip = head.readUInt16LE(opus + 10);
    const frames = last && last.granule > 0n ? Number(last.granule) - preSkip : null;
    return { sampleRate: 48000, channels: head[opus + 9], frames: frames && frames > 0 ? frames : null };
  }
  const vorbis = head.indexOf('\x01vorbis', 0, 'latin1');
  if (vorbis >= 0 && vorbis + 16 <= head.length) {
    const sampleRate = head.readUInt32LE(vorbis + 12);
    return { sampleRate, channels: head[vorbis + 11], frames: last && last.granule > 0n ? Number(last.granule) : null };
  }
  return null;
}
