// "Detect objects": CenterNet over the task's image, boxes above the score threshold after non-maximum
// suppression, each mapped to a project label, stored as proposals in one undoable edit. A job with progress
// and Cancel.
import fs from 'node:fs';
import type { CoreContext } from '../core/context.ts';
import { DEFAULT_MIN_SCORE, type ModelRunResult } from '../../shared/api/models.ts';
import { COCO_CLASSES } from '../../shared/models/cocoClasses.ts';
import { decodeCenterNet, nonMaxSuppression, notCoveredBy } from '../../shared/models/detections.ts';
import { isBox, type Box } from '../../shared/geometry/box.ts';
import { TaggerError } from '../../shared/errors.ts';
import { CENTERNET_INPUT } from './centernet.ts';
import type { DetectorThread } from './detectorThread.ts';
import { squareRgb } from './imageInput.ts';
import { labelFound, oneAtATime, storeProposals } from './proposals.ts';

export interface DetectObjectsOptions { minScore?: number; replaceProposals?: boolean }

/** Runs CenterNet on one 512 × 512 RGB input: a DetectorThread's run, or runCenterNet on this thread. */
export type RunModel = (rgb: Uint8Array, signal?: AbortSignal) => Promise<Float32Array>;

/** Boxes CenterNet finds in an image file, in image pixels, best first (no labels yet). */
export async function detectInFile(run: RunModel, file: string, name: string, size: { width: number; height: number }, minScore = DEFAULT_MIN_SCORE, signal?: AbortSignal) {
  const rgb = await squareRgb(file, name, CENTERNET_INPUT);
  const t0 = performance.now();
  const raw = await run(rgb, signal);
  const ms = performance.now() - t0;
  const dets = nonMaxSuppression(decodeCenterNet(raw, CENTERNET_INPUT, size, minScore));
  return { dets: dets.map((d) => ({ ...d, cls: COCO_CLASSES[d.cls] ?? { name: `class ${d.cls}`, group: '' } })), ms };
}

export function detectObjects(core: CoreContext & { detector: DetectorThread }, taskId: string, opts: DetectObjectsOptions): Promise<ModelRunResult> {
  const task = core.tasks.get(taskId);
  const asset = core.assets.get(task.assetId);
  if (asset.kind !== 'image') throw new TaggerError('invalid_argument', `${asset.originalName} is not an image; object detection works on images.`);
  if (!asset.width || !asset.height) throw new TaggerError('invalid_argument', `${asset.originalName} has no known size; re-import it.`);
  const file = core.media.pathOf(asset.id);
  if (!fs.existsSync(file)) throw new TaggerError('not_found', `The media file of ${asset.originalName} is missing from the data folder; import it again.`);
  const size = { width: asset.width, height: asset.height };
  return oneAtATime(() => core.jobs.run(`Detect objects in ${asset.originalName}`, async (ctx) => {
    ctx.progress(0, 3, 'Loading the detector');
    const schema = core.projects.get(task.projectId).schema.image;
    ctx.throwIfCancelled();
    ctx.progress(1, 3, 'Detecting');
    const { dets, ms } = await detectInFile((rgb, signal) => core.detector.run(rgb, signal), file, asset.originalName, size, opts.minScore ?? DEFAULT_MIN_SCORE, ctx.signal);
    ctx.throwIfCancelled();
    ctx.progress(2, 3, 'Storing proposals');
    const { labelled, unmapped } = labelFound(dets, schema?.labels ?? [], schema?.modelLabels);
    const existing = core.annotations.list(taskId);
    const drawn = existing.filter((o) => o.kind === 'box' && o.origin === 'human' && isBox(o.geometry)).map((o) => ({ ...(o.geometry as Box), label: o.label }));
    const fresh = notCoveredBy(labelled, drawn);
    const round = (v: number) => Math.round(v * 10) / 10;
    const { count, edit } = storeProposals(core, taskId, existing, ['box'], fresh.map((d) => ({
      kind: 'box', label: d.label, score: d.score, geometry: { x: round(d.x), y: round(d.y), w: round(d.w), h: round(d.h) },
    })), 'Detect objects', opts.replaceProposals !== false);
    ctx.progress(3, 3);
    return { count, edit, unmapped, model: 'CenterNet (COCO)', ms: Math.round(ms) };
  }));
}
