// "Detect objects": CenterNet over the task's image — the whole picture squeezed to the model's input, plus, for a
// picture more than twice that size, overlapping windows at the finest scale a tile budget allows (read from the
// picture's pyramid when it has one) — boxes above the score threshold merged across seams, each mapped to a
// project label, stored as proposals in one undoable edit. A job with progress per window and Cancel.
import fs from 'node:fs';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { PyramidService } from '../image/pyramids.ts';
import { DEFAULT_MIN_SCORE, type ModelRunResult } from '../../shared/api/models.ts';
import { COCO_CLASSES } from '../../shared/models/cocoClasses.ts';
import { decodeCenterNet, nonMaxSuppression, notCoveredBy } from '../../shared/models/detections.ts';
import { DEFAULT_MAX_TILES, mergeAcrossTiles, placeWindowDetections, planTiles, type PlacedDetection } from '../../shared/models/tiling.ts';
import { isBox, type Box, type Size } from '../../shared/geometry/box.ts';
import { TaggerError } from '../../shared/errors.ts';
import { CENTERNET_INPUT } from './centernet.ts';
import type { DetectorThread } from './detectorThread.ts';
import { decodedLevel, pyramidLevel, squareRgb, type LevelReader } from './imageInput.ts';
import { labelFound, oneAtATime, storeProposals } from './proposals.ts';

export interface DetectObjectsOptions { minScore?: number; replaceProposals?: boolean; maxTiles?: number }

/** Runs CenterNet on one 512 × 512 RGB input: a DetectorThread's run, or runCenterNet on this thread. */
export type RunModel = (rgb: Uint8Array, signal?: AbortSignal) => Promise<Float32Array>;

/** Where the picture is read from: its file, and its pyramid's folder when it has one. */
export interface PictureSource { file: string; name: string; size: Size; pyramid?: { dir: string; pyramid: import('../../shared/api/images.ts').ImagePyramid } }

export interface DetectRun {
  minScore?: number;
  /** Most windows to look at besides the whole picture (1: the whole picture only). */
  maxTiles?: number;
  signal?: AbortSignal;
  /** Called after each model run: done of total (the whole picture, then each window). */
  onStep?: (done: number, total: number) => void;
}

/** Boxes CenterNet finds in a picture, in image pixels, best first (no labels yet); `ms` is time in the model. */
export async function detectInPicture(run: RunModel, src: PictureSource, opts: DetectRun = {}) {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const side = CENTERNET_INPUT;
  const plan = planTiles(src.size, side, opts.maxTiles ?? DEFAULT_MAX_TILES);
  let reader: LevelReader | null = null;
  if (src.pyramid) reader = pyramidLevel(src.pyramid.dir, src.pyramid.pyramid, plan?.level ?? 0, src.name);
  else if (plan) reader = await decodedLevel(src.file, src.name, plan.level, src.size);
  const total = 1 + (plan?.windows.length ?? 0);
  let ms = 0;
  const model = async (rgb: Uint8Array) => {
    const t0 = performance.now();
    const raw = await run(rgb, opts.signal);
    ms += performance.now() - t0;
    return raw;
  };
  const whole = decodeCenterNet(await model(reader ? await reader.squeezed(side) : await squareRgb(src.file, src.name, side)), side, src.size, minScore);
  opts.onStep?.(1, total);
  let dets = nonMaxSuppression(whole);
  if (plan && reader) {
    const found: PlacedDetection[] = whole.map((d) => ({ ...d, cut: false }));
    for (const [i, at] of plan.windows.entries()) {
      const raw = await model(await reader.window(at.x, at.y, side));
      found.push(...placeWindowDetections(decodeCenterNet(raw, side, { width: side, height: side }, minScore), at, plan, src.size));
      opts.onStep?.(i + 2, total);
    }
    dets = mergeAcrossTiles(found).map(({ cut: _cut, ...d }) => d);
  }
  return { dets: dets.map((d) => ({ ...d, cls: COCO_CLASSES[d.cls] ?? { name: `class ${d.cls}`, group: '' } })), ms, windows: plan?.windows.length ?? 0 };
}

/** detectInPicture for an image file without a pyramid (the benches, small pictures). */
export function detectInFile(run: RunModel, file: string, name: string, size: Size, minScore = DEFAULT_MIN_SCORE, opts: Omit<DetectRun, 'minScore'> = {}) {
  return detectInPicture(run, { file, name, size }, { ...opts, minScore });
}

type DetectCore = CoreContext & { detector: DetectorThread; pyramids: PyramidService };

/** The task's picture after the checks every detection needs: an image, with a size and its file in the store. */
function pictureOf(core: DetectCore, taskId: string) {
  const task = core.tasks.get(taskId);
  const asset = core.assets.get(task.assetId);
  if (asset.kind !== 'image') throw new TaggerError('invalid_argument', `${asset.originalName} is not an image; object detection works on images.`);
  if (!asset.width || !asset.height) throw new TaggerError('invalid_argument', `${asset.originalName} has no known size; re-import it.`);
  const file = core.media.pathOf(asset.id);
  if (!fs.existsSync(file)) throw new TaggerError('not_found', `The media file of ${asset.originalName} is missing from the data folder; import it again.`);
  return { task, asset, file, size: { width: asset.width, height: asset.height } };
}

/** CenterNet's boxes on the task's picture, each mapped to a project label (inside a job: progress per window,
 *  Cancel). Shared by "Detect objects" (stored as proposals) and the validators' model opinion (compared only). */
export async function detectLabelled(core: DetectCore, taskId: string, ctx: JobContext, opts: { minScore?: number; maxTiles?: number } = {}) {
  const { task, asset, file, size } = pictureOf(core, taskId);
  // A huge picture is read from its tiles (built in the background after import; waited for if not yet done).
  const pyramid = await core.pyramids.pyramid(asset.id);
  const schema = core.projects.get(task.projectId).schema.image;
  ctx.progress(0, 1, 'Detecting');
  const { dets, ms, windows } = await detectInPicture((rgb, signal) => core.detector.run(rgb, signal), {
    file, name: asset.originalName, size, pyramid: pyramid ? { dir: core.pyramids.dir(asset.id), pyramid } : undefined,
  }, {
    minScore: opts.minScore, maxTiles: opts.maxTiles, signal: ctx.signal,
    onStep: (done, total) => ctx.progress(done, total + 1, total > 1 ? `Detecting: ${done} of ${total} (the whole picture, then ${total - 1} windows)` : 'Detecting'),
  });
  ctx.throwIfCancelled();
  return { ...labelFound(dets, schema?.labels ?? [], schema?.modelLabels), ms, windows, model: windows ? `CenterNet (COCO), the whole picture and ${windows} windows` : 'CenterNet (COCO)' };
}

export function detectObjects(core: DetectCore, taskId: string, opts: DetectObjectsOptions): Promise<ModelRunResult> {
  const { asset } = pictureOf(core, taskId);
  return oneAtATime(() => core.jobs.run(`Detect objects in ${asset.originalName}`, async (ctx) => {
    const { labelled, unmapped, ms, windows, model } = await detectLabelled(core, taskId, ctx, opts);
    const existing = core.annotations.list(taskId);
    const drawn = existing.filter((o) => o.kind === 'box' && o.origin === 'human' && isBox(o.geometry)).map((o) => ({ ...(o.geometry as Box), label: o.label }));
    const fresh = notCoveredBy(labelled, drawn);
    const round = (v: number) => Math.round(v * 10) / 10;
    const { count, edit } = storeProposals(core, taskId, existing, ['box'], fresh.map((d) => ({
      kind: 'box', label: d.label, score: d.score, geometry: { x: round(d.x), y: round(d.y), w: round(d.w), h: round(d.h) },
    })), 'Detect objects', opts.replaceProposals !== false);
    ctx.progress(windows + 2, windows + 2);
    return { count, edit, unmapped, model, ms: Math.round(ms) };
  }));
}
