// What every model run shares: one run at a time (the WebAssembly runtimes are single-threaded and share the
// core with the UI), and storing its proposals as ONE undoable edit that replaces the earlier proposals of the
// same kind.
import type { CoreContext } from '../core/context.ts';
import type { AnnotationObject, Edit, EditResult, ObjectInput, ObjectKind, ObjectOp } from '../../shared/domain.ts';
import type { Box } from '../../shared/geometry/box.ts';
import type { SpanGeometry } from '../../shared/geometry/span.ts';
import type { ModelClass } from '../../shared/models/cocoClasses.ts';
import { resolveModelLabel, type ModelLabelMap } from '../../shared/models/modelLabels.ts';
import type { LabelDef } from '../../shared/domain.ts';
import { newId } from '../../shared/ids.ts';

let queue: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

/** Splits found items into those with a project label and a count per class of those without. */
export function labelFound<T extends { cls: ModelClass }>(found: readonly T[], labels: readonly LabelDef[], map: ModelLabelMap | undefined): { labelled: (T & { label: string })[]; unmapped: Record<string, number> } {
  const labelled: (T & { label: string })[] = [];
  const unmapped: Record<string, number> = {};
  const memo = new Map<string, string | null>();
  for (const f of found) {
    let label = memo.get(f.cls.name);
    if (label === undefined) memo.set(f.cls.name, (label = resolveModelLabel(labels, map, f.cls)));
    if (label) labelled.push({ ...f, label });
    else if (!(map && Object.hasOwn(map, f.cls.name) && map[f.cls.name] === null)) unmapped[f.cls.name] = (unmapped[f.cls.name] ?? 0) + 1;
  }
  return { labelled, unmapped };
}

export type NewProposal = ({ kind: 'box'; geometry: Box } | { kind: 'span'; geometry: SpanGeometry }) & { label: string; score: number };

/** Stores proposals (origin 'model', the model's score as attribute `score`) in one edit named `title`; earlier
 *  proposals of the same kinds go in the same edit when `replace`. Returns how many were stored, and the edit. */
export function storeProposals(core: CoreContext, taskId: string, existing: readonly AnnotationObject[], kinds: readonly ObjectKind[], found: readonly NewProposal[], title: string, replace: boolean): { count: number; edit: EditResult | null } {
  const ops: ObjectOp[] = [];
  if (replace) for (const o of existing) if (o.origin === 'model' && kinds.includes(o.kind)) ops.push({ op: 'delete', id: o.id });
  let z = existing.reduce((m, o) => Math.max(m, o.z), 0);
  for (const p of found) {
    ops.push({
      op: 'put',
      object: { id: newId('obj'), kind: p.kind, label: p.label, geometry: p.geometry, attributes: { score: Math.round(p.score * 1000) / 1000 }, origin: 'model', z: ++z, hidden: false, locked: false } as ObjectInput,
    });
  }
  return { count: found.length, edit: storeModelEdit(core, taskId, { label: title, ops }) };
}

/** Stores what a model made as one undoable edit and tells other views; the caller returns the result to the page,
 *  which applies it as it is. Null when there was nothing to change. */
export function storeModelEdit(core: CoreContext, taskId: string, edit: Edit): EditResult | null {
  if (!edit.ops.length) return null;
  const result = core.annotations.edit(taskId, edit);
  core.events.emit('task-changed', { taskId, revision: result.revision });
  return result;
}
