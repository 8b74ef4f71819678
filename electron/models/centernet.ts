// CenterNet (MobileNetV3, COCO's 80 classes): the TF.js graph model that ships inside @vladmandic/human, run by
// TensorFlow.js on its WebAssembly backend in the core — no native addon, no download, ~4 MB of weights. The
// pure-JS cpu backend is 30× slower, so when WebAssembly cannot start we say so instead of falling back to it.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths.ts';
import { TaggerError } from '../../shared/errors.ts';

export const CENTERNET_INPUT = 512;
const OUTPUT = 'tower_0/detections';

type Tf = typeof import('@tensorflow/tfjs-core');
type GraphModel = import('@tensorflow/tfjs-converter').GraphModel;

export function centernetFiles(): { json: string; bin: string; wasmDir: string } {
  const nm = path.join(PROJECT_ROOT, 'node_modules');
  return {
    json: path.join(nm, '@vladmandic', 'human', 'models', 'centernet.json'),
    bin: path.join(nm, '@vladmandic', 'human', 'models', 'centernet.bin'),
    wasmDir: path.join(nm, '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep,
  };
}

let loading: Promise<{ tf: Tf; model: GraphModel }> | null = null;

/** Loads TF.js on WebAssembly and the model once per process; a failure is remembered only until the next try. */
function load(): Promise<{ tf: Tf; model: GraphModel }> {
  loading ??= (async () => {
    const files = centernetFiles();
    const tf = await import('@tensorflow/tfjs-core');
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    setWasmPaths(files.wasmDir);
    let ok = false;
    try {
      ok = await tf.setBackend('wasm');
    } catch (e) {
      throw new TaggerError('internal', `The object detector could not start TensorFlow.js on WebAssembly (${(e as Error).message}). Reinstall the app's packages (npm ci).`);
    }
    if (!ok || tf.getBackend() !== 'wasm') throw new TaggerError('internal', 'The object detector could not start TensorFlow.js on WebAssembly. Reinstall the app\'s packages (npm ci).');
    let json: { modelTopology: object; weightsManifest: { weights: [] }[]; format?: string; generatedBy?: string; convertedBy?: string; signature?: object };
    let bin: Buffer;
    try {
      json = JSON.parse(await fs.promises.readFile(files.json, 'utf8'));
      bin = await fs.promises.readFile(files.bin);
    } catch (e) {
      throw new TaggerError('not_found', `The object detector's model is missing (${files.json}): reinstall the app's packages (npm ci). ${(e as Error).message}`);
    }
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    const model = await loadGraphModel(tf.io.fromMemory({
      modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData,
      format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy, signature: json.signature,
    }));
    return { tf, model };
  })().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** Raw detections for one image already stretched to 512 × 512 RGB (0–255, row-major, 3 bytes a pixel):
 *  100 rows of x1, y1, x2, y2 (input pixels), score, class. */
export async function runCenterNet(rgb: Uint8Array): Promise<Float32Array> {
  if (rgb.length !== CENTERNET_INPUT * CENTERNET_INPUT * 3) throw new TaggerError('invalid_argument', `CenterNet takes ${CENTERNET_INPUT}×${CENTERNET_INPUT} RGB.`);
  const { tf, model } = await load();
  const input = tf.tensor4d(Float32Array.from(rgb), [1, CENTERNET_INPUT, CENTERNET_INPUT, 3]);
  try {
    const out = model.execute(input, [OUTPUT]) as import('@tensorflow/tfjs-core').Tensor;
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  } finally {
    input.dispose();
  }
}
