// "Find entities": the entity finders over the task's text, each entity mapped to a project label, stored as span
// proposals in one undoable edit (the pre-tagger's flow: A accepts, X rejects). A job with progress and Cancel.
import fs from 'node:fs';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { ModelRunResult } from '../../shared/api/models.ts';
import { TaggerError } from '../../shared/errors.ts';
import { readSpan } from '../../shared/geometry/span.ts';
import { decodeUtf8Strict } from '../import/importers/text.ts';
import { findEntitiesInText } from './entities.ts';
import { labelFound, oneAtATime, storeProposals } from './proposals.ts';

/** The task's text after the checks every entity run needs. */
function textOf(core: CoreContext, taskId: string) {
  const task = core.tasks.get(taskId);
  const asset = core.assets.get(task.assetId);
  if (asset.kind !== 'text') throw new TaggerError('invalid_argument', `${asset.originalName} is not a text document; entity finding works on text.`);
  const file = core.media.pathOf(asset.id);
  if (!fs.existsSync(file)) throw new TaggerError('not_found', `The media file of ${asset.originalName} is missing from the data folder; import it again.`);
  return { task, asset, file };
}

/** The entities in the task's text, each mapped to a project label (inside a job: progress, Cancel). Shared by
 *  "Find entities" (stored as proposals) and the validators' model opinion (compared only). */
export async function findLabelled(core: CoreContext, taskId: string, ctx: JobContext) {
  const { task, asset, file } = textOf(core, taskId);
  // The same text the page shows: UTF-8 without a byte-order mark, so offsets agree.
  const text = decodeUtf8Strict(await fs.promises.readFile(file), asset.originalName);
  const t0 = performance.now();
  const found = await findEntitiesInText(text, { progress: (d, t) => ctx.progress(d, t), throwIfCancelled: () => ctx.throwIfCancelled() });
  const ms = performance.now() - t0;
  ctx.throwIfCancelled();
  const schema = core.projects.get(task.projectId).schema.text;
  return { ...labelFound(found, schema?.labels ?? [], schema?.modelLabels), ms, model: 'compromise + wink-nlp' };
}

export function findEntities(core: CoreContext, taskId: string, opts: { replaceProposals?: boolean }): Promise<ModelRunResult> {
  const { asset } = textOf(core, taskId);
  return oneAtATime(() => core.jobs.run(`Find entities in ${asset.originalName}`, async (ctx) => {
    const { labelled, unmapped, ms, model } = await findLabelled(core, taskId, ctx);
    const existing = core.annotations.list(taskId);
    // A span a person already made (same place, same label) needs no proposal.
    const have = new Set<string>();
    for (const o of existing) {
      const g = o.origin === 'human' ? readSpan(o) : null;
      if (g) have.add(`${g.start}:${g.end}:${o.label}`);
    }
    const fresh = labelled.filter((e) => !have.has(`${e.start}:${e.end}:${e.label}`));
    const { count, edit } = storeProposals(core, taskId, existing, ['span'], fresh.map((e) => ({ kind: 'span', label: e.label, score: e.score, geometry: { start: e.start, end: e.end } })), 'Find entities', opts.replaceProposals !== false);
    return { count, edit, unmapped, model, ms: Math.round(ms) };
  }));
}
