// Machine-made proposals (origin 'model') in every workspace: accepting makes them a person's, rejecting deletes
// them, each one undo step; after either, the next suggestion is selected so A / X walk through them (Prodigy's
// habit). Running a model from a workspace reports what it found, what the project has no label for, and is
// quiet when the user cancelled it.
import type { AnnotationObject } from '../../../shared/domain.ts';
import type { ModelRunResult } from '../../../shared/api/models.ts';
import type { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import { isTaggerError } from '../../../shared/errors.ts';
import { applyEdit, applyRemoteEdit, deleteOp, putOp, useDocument } from './documentStore.ts';
import { errorText, toast } from '../../stores/app.ts';

function suggestions(ids: readonly string[]): AnnotationObject[] {
  const objects = useDocument.getState().objects;
  return ids.map((id) => objects.get(id)).filter((o): o is AnnotationObject => !!o && o.origin === 'model');
}

const plural = (n: number) => (n === 1 ? 'suggestion' : `${n} suggestions`);

/** Makes the given proposals a person's work; returns how many there were. */
export function acceptObjects(ids: readonly string[]): number {
  const objs = suggestions(ids);
  // The model's score described the proposal, not the annotator's object.
  const accepted = objs.map(({ attributes: { score: _score, ...attributes }, ...o }) => putOp({ ...o, origin: 'human', attributes }));
  if (objs.length) void applyEdit({ label: `Accept ${plural(objs.length)}`, ops: accepted });
  return objs.length;
}

/** Deletes the given proposals (and any extra ops that must go with them); returns how many there were. */
export function rejectObjects(ids: readonly string[], extra: ReturnType<typeof deleteOp>[] = []): number {
  const objs = suggestions(ids);
  if (objs.length) void applyEdit({ label: `Reject ${plural(objs.length)}`, ops: [...objs.map((o) => deleteOp(o.id)), ...extra] });
  return objs.length;
}

/** The suggestion after `currentId` in `ordered` (wrapping), or the first one when currentId is not in it. */
export function nextSuggestionIn<T extends { id: string; origin: AnnotationObject['origin'] }>(ordered: readonly T[], currentId: string | null): T | undefined {
  const i = currentId ? ordered.findIndex((o) => o.id === currentId) : -1;
  for (let k = 1; k <= ordered.length; k++) {
    const o = ordered[(i + k + ordered.length) % ordered.length];
    if (o && o.origin === 'model' && o.id !== currentId) return o;
  }
  return undefined;
}

/** Runs a model on the open task and applies the edit it made; a toast says what it proposed. */
export async function runModel(title: string, taskId: string, run: () => Promise<ModelRunResult>, noun: [one: string, many: string]): Promise<ModelRunResult | null> {
  try {
    const r = await applyRemoteEdit(taskId, run);
    const unmapped = Object.entries(r.unmapped).sort((a, b) => b[1] - a[1]);
    const skipped = unmapped.length ? ` Not proposed, no label for: ${unmapped.slice(0, 4).map(([c, n]) => `${c} ×${n}`).join(', ')}${unmapped.length > 4 ? ', …' : ''} (map them with the model's Classes… button).` : '';
    toast(r.count ? 'success' : 'info', `${r.model} suggested ${r.count} ${r.count === 1 ? noun[0] : noun[1]}${r.count ? ': accept with A, reject with X' : ''}.${skipped}`, 6000);
    return r;
  } catch (e) {
    if (isTaggerError(e) && e.code === 'cancelled') toast('info', `${title} was cancelled; nothing changed.`);
    else toast('error', `${title} failed: ${errorText(e)}`);
    return null;
  }
}

const counted = new Map<string, { map: PersistentMap<AnnotationObject>; n: number }>();

/** How many proposals of these kinds the document holds; follows edits by the map's differences, so a selector
 *  that shows it costs O(changes), not a pass over every object, per edit. */
export function suggestionCount(map: PersistentMap<AnnotationObject>, kinds: readonly string[]): number {
  const key = kinds.join(',');
  const is = (o: AnnotationObject | undefined) => !!o && o.origin === 'model' && kinds.includes(o.kind);
  const c = counted.get(key);
  if (c?.map === map) return c.n;
  let n = 0;
  if (c) {
    n = c.n;
    for (const id of map.changedKeys(c.map)) n += (is(map.get(id)) ? 1 : 0) - (is(c.map.get(id)) ? 1 : 0);
  } else for (const o of map.values()) if (is(o)) n++;
  counted.set(key, { map, n });
  return n;
}
