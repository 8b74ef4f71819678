// The validators' model opinion: the model looks at the item under review (CenterNet on an image, the entity finders
// on a text) and each annotator's version is compared with what it is sure of (shared/models/modelOpinion.ts). A
// version that leaves out objects or spans the model is sure of, or labels them differently, is flagged with the
// reasons, so the reviewer knows where to look. Nothing is stored: the model's finds are only compared.
import type { Core } from '../core/core.ts';
import type { ReviewModelOpinion } from '../../shared/api/review.ts';
import { modelOpinion, SURE_SCORE, type ModelItem } from '../../shared/models/modelOpinion.ts';
import { SharedRuns } from '../core/sharedRuns.ts';
import { TaggerError } from '../../shared/errors.ts';
import { VersionRepository } from './versions.ts';
import { detectLabelled } from '../models/detectObjects.ts';
import { findLabelled } from '../models/findEntities.ts';
import { oneAtATime } from '../models/proposals.ts';

/** One run per item at a time: M pressed again while the model looks shares that run instead of queueing another. */
const runs = new SharedRuns<ReviewModelOpinion>();

export function reviewModelOpinion(core: Core, taskId: string): Promise<ReviewModelOpinion> {
  const task = core.tasks.get(taskId);
  const asset = core.assets.get(task.assetId);
  if (asset.kind !== 'image' && asset.kind !== 'text')
    throw new TaggerError('invalid_argument', `The model opinion covers images (object detection) and texts (entities); ${asset.originalName} is ${asset.kind}. Listen to its disagreements instead.`);
  const repo = new VersionRepository(core.db, core.tasks, core.now);
  if (!repo.list(taskId).length) throw new TaggerError('not_found', `${asset.originalName} has no annotator's version to compare with the model.`);
  // A polygon is compared with the model's box by their outlines' overlap; a tight outline still overlaps well.
  const kinds: readonly string[] = asset.kind === 'image' ? ['box', 'polygon'] : ['span'];
  return runs.run(taskId, () => oneAtATime(() => core.jobs.run(`Model opinion on ${asset.originalName}`, async (ctx) => {
    let model: ModelItem[];
    let name: string;
    if (asset.kind === 'image') {
      const r = await detectLabelled(core, taskId, ctx);
      model = r.labelled.map((d) => ({ kind: 'box', label: d.label, score: d.score, geometry: { x: d.x, y: d.y, w: d.w, h: d.h } }));
      name = r.model;
    } else {
      const r = await findLabelled(core, taskId, ctx);
      model = r.labelled.map((e) => ({ kind: 'span', label: e.label, score: e.score, geometry: { start: e.start, end: e.end } }));
      name = r.model;
    }
    // The versions as they are when the model has looked (a pull or import may have come in while it queued).
    const versions = repo.load(taskId);
    const labels = core.projects.get(task.projectId).schema[asset.kind]?.labels ?? [];
    const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
    return {
      model: name,
      sure: model.filter((m) => (m.score ?? 1) >= SURE_SCORE).length,
      versions: versions.map((v) => {
        const o = modelOpinion(v.objects.filter((x) => kinds.includes(x.kind)).map((x) => ({ kind: x.kind, label: x.label, geometry: x.geometry })), model, { labelName });
        return { annotator: v.annotator, flagged: o.flagged, reasons: o.reasons };
      }),
    };
  })));
}
