// The worker thread that runs CenterNet, so the ~0.3–1 s of model work per input never blocks the core's event
// loop (saves, reads, tile requests answer while detection runs). It answers one message at a time:
//   in:  { id, rgb }  — 512 × 512 RGB bytes (transferred)
//   out: { id, ok: true, rows } (Float32Array, 600 numbers) or { id, ok: false, code, message }
// Started by DetectorThread (detectorThread.ts): through tsx from the sources, or as dist/electron/detectorWorker.cjs
// in the desktop bundle.
import { parentPort } from 'node:worker_threads';
import { runCenterNet } from './centernet.ts';
import { isTaggerError } from '../../shared/errors.ts';

export interface DetectRequest { id: number; rgb: Uint8Array }
export type DetectReply = { id: number; ok: true; rows: Float32Array } | { id: number; ok: false; code: string; message: string };

const port = parentPort;
if (!port) throw new Error('detectorWorker.ts runs only as a worker thread.');

port.on('message', async (req: DetectRequest) => {
  let reply: DetectReply;
  try {
    const rows = await runCenterNet(req.rgb);
    reply = { id: req.id, ok: true, rows };
  } catch (e) {
    reply = { id: req.id, ok: false, code: isTaggerError(e) ? e.code : 'internal', message: (e as Error).message };
  }
  port.postMessage(reply);
});
