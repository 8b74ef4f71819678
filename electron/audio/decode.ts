// Streaming decode of an audio file into Float32 blocks: WAV is parsed here, MP3 / FLAC / Ogg Vorbis / Ogg Opus go
// through the WebAssembly decoders (they run in Node). The file is read in 1 MB chunks and never held whole, so a
// three-hour recording decodes in constant memory. Damage after some audio becomes a warning (peaks up to the
// damage); a file with no decodable audio is an error naming the file.
import fs from 'node:fs';
import { MPEGDecoder } from 'mpg123-decoder';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { TaggerError } from '../../shared/errors.ts';
import { parseWavHeader, readAtFd, sniffAudio } from './sniff.ts';
import { wavBytesToFloat } from './wavPcm.ts';
import { OGG_TAIL, flacTotalFrames, mp3TotalFrames, oggLastPage } from './headers.ts';

export type AudioCodec = 'wav' | 'mp3' | 'flac' | 'vorbis' | 'opus';

export interface PcmBlock {
  channelData: Float32Array[];
  sampleRate: number;
}

export interface DecodeSummary {
  codec: AudioCodec;
  sampleRate: number;
  channels: number;
  frames: number;
  warning: string | null;
}

export interface DecodeOptions {
  /** Shown in messages, e.g. the asset's original file name. */
  name: string;
  onBlock: (block: PcmBlock) => void | Promise<void>;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  throwIfCancelled?: () => void;
}

const CHUNK = 1 << 20;

/** Identifies the codec from the first bytes of the file (Ogg needs a look at its first packet). */
export function detectCodec(head: Buffer, name: string): AudioCodec {
  const kind = sniffAudio(head);
  if (!kind) throw new TaggerError('unsupported', `${name} is not a recognised audio file (expected WAV, MP3, FLAC, Ogg Vorbis or Ogg Opus).`);
  if (kind.container !== 'ogg') return kind.container as AudioCodec;
  const text = head.toString('latin1');
  if (text.includes('OpusHead')) return 'opus';
  if (text.includes('\x01vorbis')) return 'vorbis';
  if (text.includes('\x7fFLAC')) throw new TaggerError('unsupported', `${name} holds FLAC inside Ogg, which is not supported; convert it to plain .flac.`);
  throw new TaggerError('unsupported', `${name} is an Ogg file with a codec other than Vorbis or Opus, which is not supported.`);
}

export async function decodeAudioFile(file: string, opts: DecodeOptions): Promise<DecodeSummary> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new TaggerError('corrupt', `${opts.name} is empty (zero length).`);
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 65536));
    await fh.read(head, 0, head.length, 0);
    const codec = detectCodec(head, opts.name);
    if (codec === 'wav') return await decodeWav(fh, head, size, opts);
    return await decodeCompressed(fh, head, size, codec, opts);
  } finally {
    await fh.close();
  }
}

async function decodeWav(fh: fs.promises.FileHandle, head: Buffer, size: number, opts: DecodeOptions): Promise<DecodeSummary> {
  let w;
  try {
    w = parseWavHeader(head, size, readAtFd(fh.fd));
  } catch (e) {
    throw new TaggerError((e as TaggerError).code ?? 'corrupt', `${opts.name}: ${(e as Error).message}.`);
  }
  const frameBytes = (w.channels * w.bitsPerSample) >> 3;
  if (![8, 16, 24, 32, 64].includes(w.bitsPerSample) || (w.format === 3 && w.bitsPerSample < 32))
    throw new TaggerError('unsupported', `${opts.name} uses ${w.bitsPerSample}-bit ${w.format === 3 ? 'float' : 'PCM'} samples, which are not supported.`);
  // Declared size past the end of the file means the recording was cut off: decode what is there and say so.
  const declared = w.declaredDataBytes;
  const truncated = declared !== 0xffffffff && declared > 0 && w.dataOffset + declared > size;
  const chunkBytes = Math.floor(CHUNK / frameBytes) * frameBytes;
  const buf = Buffer.alloc(chunkBytes);
  let pos = 0;
  while (pos < w.dataBytes) {
    opts.throwIfCancelled?.();
    const want = Math.min(chunkBytes, w.dataBytes - pos);
    const { bytesRead } = await fh.read(buf, 0, want, w.dataOffset + pos);
    if (bytesRead <= 0) break;
    const usable = bytesRead - (bytesRead % frameBytes);
    await opts.onBlock({ channelData: wavBytesToFloat(buf.subarray(0, usable), w.channels, w.bitsPerSample, w.format), sampleRate: w.sampleRate });
    pos += bytesRead;
    opts.onProgress?.(w.dataOffset + pos, size);
  }
  const frames = Math.floor(w.dataBytes / frameBytes);
  const warning = truncated ? `${opts.name} is truncated: the audio stops at ${clock(frames / w.sampleRate)} (the header promises ${clock(declared / frameBytes / w.sampleRate)}).` : null;
  return { codec: 'wav', sampleRate: w.sampleRate, channels: w.channels, frames, warning };
}

interface WasmDecoded { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number; errors: { message: string }[] }
interface WasmDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): WasmDecoded | Promise<WasmDecoded>;
  flush?(): Promise<WasmDecoded>;
  free(): void | Promise<void>;
}

function makeDecoder(codec: Exclude<AudioCodec, 'wav'>): WasmDecoder {
  switch (codec) {
    case 'mp3': return new MPEGDecoder() as unknown as WasmDecoder;
    case 'flac': return new FLACDecoder() as unknown as WasmDecoder;
    case 'vorbis': return new OggVorbisDecoder() as unknown as WasmDecoder;
    case 'opus': return new OggOpusDecoder() as unknown as WasmDecoder;
  }
}

/** How much of a compressed file the import-time check decodes: enough for dozens of frames of any codec. */
const PROBE_BYTES = 256 * 1024;

/** Import-time proof that a compressed file really holds audio of its codec: decodes its first frames (at most
 *  PROBE_BYTES) and refuses the file, naming it, when they yield no samples — a valid signature in front of
 *  random or foreign bytes. WAV needs no decoder: its header parse already checks the samples are there. */
export async function checkFirstFrames(file: string, name: string): Promise<{ codec: AudioCodec; sampleRate: number; channels: number } | null> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min((await fh.stat()).size, PROBE_BYTES));
    await fh.read(head, 0, head.length, 0);
    const codec = detectCodec(head, name);
    if (codec === 'wav') return null;
    const dec = makeDecoder(codec);
    await dec.ready;
    let r: WasmDecoded;
    try {
      r = await dec.decode(head);
      if (r.samplesDecoded === 0 && dec.flush && head.length < PROBE_BYTES) r = await dec.flush();
    } catch (e) {
      r = { channelData: [], samplesDecoded: 0, sampleRate: 0, errors: [{ message: (e as Error).message }] };
    } finally {
      await dec.free();
    }
    const label = { mp3: 'MP3', flac: 'FLAC', vorbis: 'Ogg Vorbis', opus: 'Ogg Opus' }[codec];
    if (r.samplesDecoded === 0 || !r.channelData.length)
      throw new TaggerError('corrupt', `its first ${label} frames do not decode${r.errors[0] ? ` (${r.errors[0].message})` : ''}: the file is damaged or not really ${label}`);
    return { codec, sampleRate: r.sampleRate, channels: r.channelData.length };
  } finally {
    await fh.close();
  }
}

async function decodeCompressed(fh: fs.promises.FileHandle, head: Buffer, size: number, codec: Exclude<AudioCodec, 'wav'>, opts: DecodeOptions): Promise<DecodeSummary> {
  const expected = codec === 'flac' ? flacTotalFrames(head) : codec === 'mp3' ? mp3TotalFrames(head) : null;
  // A cut-off Ogg stream must not be flushed: the Opus decoder turns a partial last page into seconds of noise.
  let oggCut = false;
  if (codec === 'vorbis' || codec === 'opus') {
    const tail = Buffer.alloc(Math.min(size, OGG_TAIL));
    await fh.read(tail, 0, tail.length, size - tail.length);
    oggCut = !oggLastPage(tail)?.endOfStream;
  }
  const dec = makeDecoder(codec);
  await dec.ready;
  let frames = 0;
  let sampleRate = 0;
  let channels = 0;
  let errors = 0;
  let firstError = '';
  let failure: string | null = null;
  const take = async (r: WasmDecoded) => {
    errors += r.errors.length;
    if (r.errors.length && !firstError) firstError = r.errors[0].message;
    if (r.samplesDecoded > 0 && r.channelData.length > 0) {
      sampleRate = r.sampleRate;
      channels = r.channelData.length;
      frames += r.samplesDecoded;
      await opts.onBlock({ channelData: r.channelData.map((c) => c.subarray(0, r.samplesDecoded)), sampleRate: r.sampleRate });
    }
  };
  try {
    const buf = Buffer.alloc(CHUNK);
    let pos = 0;
    while (pos < size) {
      opts.throwIfCancelled?.();
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead <= 0) break;
      // The decoders keep references to their input only during the call, so one buffer is reused.
      try {
        await take(await dec.decode(buf.subarray(0, bytesRead)));
      } catch (e) {
        if (e instanceof TaggerError) throw e;
        failure = (e as Error).message;
        break;
      }
      pos += bytesRead;
      opts.onProgress?.(pos, size);
    }
    if (!failure && !(oggCut && codec === 'opus') && dec.flush) {
      try {
        await take(await dec.flush());
      } catch (e) {
        failure = (e as Error).message;
      }
    }
  } finally {
    await dec.free();
  }
  const label = { mp3: 'MP3', flac: 'FLAC', vorbis: 'Ogg Vorbis', opus: 'Ogg Opus' }[codec];
  if (frames === 0) {
    const why = failure ?? firstError;
    throw new TaggerError('corrupt', `${opts.name} has no ${label} audio that could be decoded${why ? ` (${why})` : ''}; the file is damaged or not really ${label}.`);
  }
  let warning: string | null = null;
  // MP3 counts from the Xing/Info tag include the encoder's padding, so allow a few frames of slack.
  if (expected && frames < expected - (codec === 'mp3' ? 4 * 1152 : 0))
    warning = `${opts.name} is truncated: the audio stops at ${clock(frames / sampleRate)} (the header promises ${clock(expected / sampleRate)}).`;
  else if (oggCut) warning = `${opts.name} is truncated (its last Ogg page is missing or incomplete): the audio stops at ${clock(frames / sampleRate)}.`;
  else if (failure) warning = `${opts.name} is damaged after ${clock(frames / sampleRate)} (${failure}); the waveform stops there.`;
  else if (errors > 0) warning = `${opts.name} has ${errors} damaged ${label} frame${errors === 1 ? '' : 's'} that were skipped (first: ${firstError}).`;
  return { codec, sampleRate, channels, frames, warning };
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}
