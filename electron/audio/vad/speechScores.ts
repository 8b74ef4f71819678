// Speech probability for every 32 ms frame of a recording, in two steps that both stream:
//  1. 16 kHz mono 16-bit PCM on disk: the WAV itself when it already is that, otherwise a temporary file written
//     while decoding and resampling (a few MB per minute), so step 2 can read several places at once.
//  2. Lanes: the frames are split into up to 16 contiguous stretches scored side by side in one batched model call
//     (2–3× faster than one frame per call). Each lane after the first starts a second early to warm its state up,
//     and those warm-up scores are dropped, so the lane joins are not visible in the result.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { TaggerError } from '../../../shared/errors.ts';
import { decodeAudioFile, detectCodec } from '../decode.ts';
import { parseWavHeader, readAtFd, type WavInfo } from '../../import/importers/audio.ts';
import { MonoResampler, VAD_RATE } from './resample.ts';
import { SILERO_CONTEXT, SILERO_FRAME, SILERO_WINDOW } from './silero.ts';

export interface Pcm16 {
  file: string;
  /** Byte offset of the first sample. */
  offset: number;
  samples: number;
  /** Removes the temporary file, if one was made. */
  cleanup(): void;
}

export interface FrameScorer {
  readonly lanes: number;
  score(windows: Float32Array): Promise<Float32Array>;
}

export interface ScoreProgress {
  /** 0..1 of the whole detection. */
  progress(fraction: number): void;
  throwIfCancelled(): void;
}

const MAX_LANES = 16;
/** A lane is at least a minute long, so a short file is scored in one lane exactly as a streaming detector would. */
const MIN_LANE_FRAMES = Math.round((60 * VAD_RATE) / SILERO_FRAME);
const WARM_FRAMES = Math.round(VAD_RATE / SILERO_FRAME);
const READ_FRAMES = 64;

export async function pcm16kMono(file: string, name: string, tmpDir: string, p: ScoreProgress): Promise<Pcm16> {
  const size = fs.statSync(file).size;
  const head = Buffer.alloc(Math.min(size, 65536));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
    if (size > 0 && detectCodec(head, name) === 'wav') {
      let w: WavInfo | null = null;
      try {
        w = parseWavHeader(head, size, readAtFd(fd));
      } catch {
        /* decodeAudioFile below explains what is wrong, naming the file */
      }
      if (w && w.format === 1 && w.bitsPerSample === 16 && w.channels === 1 && w.sampleRate === VAD_RATE)
        return { file, offset: w.dataOffset, samples: w.dataBytes / 2, cleanup: () => undefined };
    }
  } finally {
    fs.closeSync(fd);
  }
  const tmp = path.join(tmpDir, `vad-${crypto.randomBytes(6).toString('hex')}.pcm`);
  const out = await fs.promises.open(tmp, 'w');
  let samples = 0;
  try {
    const resampler = new MonoResampler();
    await decodeAudioFile(file, {
      name,
      onBlock: async (block) => {
        const mono = resampler.push(block);
        const pcm = Buffer.alloc(mono.length * 2);
        for (let i = 0; i < mono.length; i++) pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(mono[i] * 32767))), i * 2);
        await out.write(pcm);
        samples += mono.length;
      },
      onProgress: (done, total) => p.progress((0.3 * done) / total),
      throwIfCancelled: () => p.throwIfCancelled(),
    });
  } catch (e) {
    await out.close();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  await out.close();
  return { file: tmp, offset: 0, samples, cleanup: () => fs.rmSync(tmp, { force: true }) };
}

/** Reads 576-sample windows (64 of context + one frame) of one lane, 64 frames per disk read. */
class LaneReader {
  private buf = new Int16Array(0);
  private first = -1;
  constructor(private readonly fh: fs.promises.FileHandle, private readonly pcm: Pcm16) {}

  async window(frame: number, into: Float32Array): Promise<void> {
    if (this.first < 0 || frame < this.first || frame >= this.first + READ_FRAMES) await this.load(frame);
    const at = (frame - this.first) * SILERO_FRAME;
    for (let i = 0; i < SILERO_WINDOW; i++) into[i] = this.buf[at + i] / 32768;
  }

  private async load(frame: number): Promise<void> {
    // Sample index of the window's first context sample; before the file start the context is silence.
    const from = frame * SILERO_FRAME - SILERO_CONTEXT;
    const count = READ_FRAMES * SILERO_FRAME + SILERO_CONTEXT;
    const bytes = Buffer.alloc(count * 2);
    const skip = Math.max(0, -from);
    const avail = Math.max(0, Math.min(count - skip, this.pcm.samples - (from + skip)));
    if (avail > 0) await this.fh.read(bytes, skip * 2, avail * 2, this.pcm.offset + (from + skip) * 2);
    this.buf = new Int16Array(bytes.buffer, bytes.byteOffset, count);
    this.first = frame;
  }
}

export async function scoreFrames(pcm: Pcm16, makeScorer: (lanes: number) => Promise<FrameScorer>, p: ScoreProgress, startFraction: number, maxLanes = MAX_LANES): Promise<Float32Array> {
  const frames = Math.floor(pcm.samples / SILERO_FRAME);
  const probs = new Float32Array(frames);
  if (frames === 0) return probs;
  const lanes = Math.max(1, Math.min(maxLanes, Math.floor(frames / MIN_LANE_FRAMES)));
  const from = Array.from({ length: lanes }, (_, k) => Math.floor((k * frames) / lanes));
  const to = Array.from({ length: lanes }, (_, k) => Math.floor(((k + 1) * frames) / lanes));
  const start = from.map((f, k) => (k === 0 ? f : Math.max(0, f - WARM_FRAMES)));
  const steps = Math.max(...to.map((t, k) => t - start[k]));
  const scorer = await makeScorer(lanes);
  if (scorer.lanes !== lanes) throw new TaggerError('internal', 'the detector was built for another number of lanes');
  const fh = await fs.promises.open(pcm.file, 'r');
  try {
    const readers = Array.from({ length: lanes }, () => new LaneReader(fh, pcm));
    const windows = new Float32Array(lanes * SILERO_WINDOW);
    for (let step = 0; step < steps; step++) {
      for (let k = 0; k < lanes; k++) {
        const row = windows.subarray(k * SILERO_WINDOW, (k + 1) * SILERO_WINDOW);
        const f = start[k] + step;
        if (f < to[k]) await readers[k].window(f, row);
        else row.fill(0); // this lane is done; its scores are ignored
      }
      const scores = await scorer.score(windows);
      for (let k = 0; k < lanes; k++) {
        const f = start[k] + step;
        if (f >= from[k] && f < to[k]) probs[f] = scores[k];
      }
      if ((step & 63) === 0) {
        p.throwIfCancelled();
        p.progress(startFraction + ((1 - startFraction) * step) / steps);
      }
    }
  } finally {
    await fh.close();
  }
  return probs;
}
