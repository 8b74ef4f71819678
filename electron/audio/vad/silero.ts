// Silero VAD v5 (the .onnx that ships inside @ricky0123/vad-web) run by onnxruntime-web's WebAssembly backend in
// the core process: no native addon, no network, the same model the browser package uses. 512-sample frames at
// 16 kHz, each fed with the 64 samples before it, and a recurrent state carried from frame to frame.
import fs from 'node:fs';
import path from 'node:path';
import type * as Ort from 'onnxruntime-web';
import { PROJECT_ROOT } from '../../core/paths.ts';

export const SILERO_FRAME = 512;
/** Each frame is fed with the 64 samples before it (silero-vad's OnnxWrapper does the same). */
export const SILERO_CONTEXT = 64;
export const SILERO_WINDOW = SILERO_CONTEXT + SILERO_FRAME;

let sessionPromise: Promise<{ ort: typeof Ort; session: Ort.InferenceSession }> | null = null;

export function sileroModelPath(): string {
  return path.join(PROJECT_ROOT, 'node_modules', '@ricky0123', 'vad-web', 'dist', 'silero_vad_v5.onnx');
}

/** Loads the model once per process; a failure is remembered only until the next try. */
function loadSession(): Promise<{ ort: typeof Ort; session: Ort.InferenceSession }> {
  sessionPromise ??= (async () => {
    const ort = await import('onnxruntime-web');
    // One thread: the core shares the machine with the UI, and threads would need worker files next to the bundle.
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    const model = await fs.promises.readFile(sileroModelPath());
    const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    return { ort, session };
  })().catch((e) => {
    sessionPromise = null;
    throw e;
  });
  return sessionPromise;
}

/** Scores frames of several independent lanes (distinct stretches of one recording) per model call: the per-call
 *  cost of the WebAssembly session dominates at one frame, so a batch of lanes runs 2–3× faster. Each lane keeps its
 *  own recurrent state in the batched state tensor. */
export class SileroVad {
  readonly lanes: number;
  private constructor(
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
    private state: Ort.Tensor,
    private readonly sr: Ort.Tensor,
  ) {
    this.lanes = state.dims[1];
  }

  static async create(lanes = 1): Promise<SileroVad> {
    const { ort, session } = await loadSession();
    return new SileroVad(ort, session, new ort.Tensor('float32', new Float32Array(2 * lanes * 128), [2, lanes, 128]), new ort.Tensor('int64', BigInt64Array.from([16000n]), [1]));
  }

  /** windows: `lanes` rows of SILERO_WINDOW samples (64 of context, then the 512-sample frame); one probability per lane. */
  async score(windows: Float32Array): Promise<Float32Array> {
    const out = await this.session.run({ input: new this.ort.Tensor('float32', windows, [this.lanes, SILERO_WINDOW]), state: this.state, sr: this.sr });
    this.state = out.stateN as Ort.Tensor;
    return Float32Array.from(out.output.data as Float32Array);
  }
}

/** Energy fallback, used only when the model cannot be loaded (see detectSpeech): frame loudness against a noise
 *  floor that follows quiet stretches quickly and loud ones slowly, mapped to a 0..1 "probability". */
export class EnergyVad {
  private floors: Float32Array;
  constructor(readonly lanes = 1) {
    this.floors = new Float32Array(lanes).fill(Infinity);
  }

  async score(windows: Float32Array): Promise<Float32Array> {
    const out = new Float32Array(this.lanes);
    for (let l = 0; l < this.lanes; l++) out[l] = this.frame(l, windows.subarray(l * SILERO_WINDOW + SILERO_CONTEXT, (l + 1) * SILERO_WINDOW));
    return out;
  }

  private frame(lane: number, frame: Float32Array): number {
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum += frame[i] * frame[i];
    const db = 10 * Math.log10(sum / frame.length + 1e-10);
    // The floor starts at the first frame, falls fast to quieter ones, and rises only ~0.5 dB/s
    // through loud ones, so a long stretch of speech does not become the floor.
    const floor = this.floors[lane];
    this.floors[lane] = floor === Infinity ? db : db < floor ? 0.5 * floor + 0.5 * db : floor + 0.016;
    if (db < -55) return 0; // digital silence and near-silence are never speech
    return Math.max(0, Math.min(1, (db - Math.max(this.floors[lane], -80) - 6) / 8));
  }
}
