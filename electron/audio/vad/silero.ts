// Silero VAD v5 (the .onnx that ships inside @ricky0123/vad-web) run by onnxruntime-web's WebAssembly backend in
// the core process: no native addon, no network, the same model the browser package uses. 512-sample frames at
// 16 kHz, each fed with the 64 samples before it, and a recurrent state carried from frame to frame.
import fs from 'node:fs';
import path from 'node:path';
import type * as Ort from 'onnxruntime-web';
import { PROJECT_ROOT } from '../../core/paths.ts';

export const SILERO_FRAME = 512;
const CONTEXT = 64;

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

export class SileroVad {
  private context = new Float32Array(CONTEXT);
  private constructor(
    private readonly ort: typeof Ort,
    private readonly session: Ort.InferenceSession,
    private state: Ort.Tensor,
    private readonly sr: Ort.Tensor,
  ) {}

  static async create(): Promise<SileroVad> {
    const { ort, session } = await loadSession();
    return new SileroVad(ort, session, new ort.Tensor('float32', new Float32Array(256), [2, 1, 128]), new ort.Tensor('int64', BigInt64Array.from([16000n]), [1]));
  }

  /** Speech probability (0..1) of one 512-sample frame at 16 kHz. */
  async process(frame: Float32Array): Promise<number> {
    const input = new Float32Array(CONTEXT + SILERO_FRAME);
    input.set(this.context);
    input.set(frame, CONTEXT);
    this.context = frame.slice(SILERO_FRAME - CONTEXT);
    const out = await this.session.run({ input: new this.ort.Tensor('float32', input, [1, input.length]), state: this.state, sr: this.sr });
    this.state = out.stateN as Ort.Tensor;
    return (out.output.data as Float32Array)[0];
  }
}

/** Energy fallback, used only when the model cannot be loaded (see detectSpeech): frame loudness against a noise
 *  floor that follows quiet stretches quickly and loud ones slowly, mapped to a 0..1 "probability". */
export class EnergyVad {
  private floor = Infinity;
  async process(frame: Float32Array): Promise<number> {
    let sum = 0;
    for (let i = 0; i < frame.length; i++) sum += frame[i] * frame[i];
    const db = 10 * Math.log10(sum / frame.length + 1e-10);
    // The floor starts at the first frame, falls fast to quieter ones, and rises only ~0.5 dB/s
    // through loud ones, so a long stretch of speech does not become the floor.
    if (this.floor === Infinity) this.floor = db;
    else if (db < this.floor) this.floor = 0.5 * this.floor + 0.5 * db;
    else this.floor += 0.016;
    if (db < -55) return 0; // digital silence and near-silence are never speech
    return Math.max(0, Math.min(1, (db - Math.max(this.floor, -80) - 6) / 8));
  }
}
