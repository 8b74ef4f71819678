// A new shape with the current label and its attributes' defaults.
import type { AttributeDef, ObjectInput } from '../../../../shared/domain.ts';
import { newId } from '../../../../shared/ids.ts';
import type { Box } from '../../../../shared/geometry/box.ts';
import type { Polygon } from '../../../../shared/geometry/polygon.ts';
import { nextZ, putOp } from '../../document/documentStore.ts';
import type { ToolHost } from './types.ts';

let attributeDefs: AttributeDef[] = [];
export function setAttributeDefs(defs: AttributeDef[]): void {
  attributeDefs = defs;
}

export function defaultAttributes(label: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attributeDefs) {
    if (a.labels && !a.labels.includes(label)) continue;
    if (a.default !== undefined) out[a.id] = a.default;
  }
  return out;
}

function newShape(kind: 'box' | 'polygon', label: string, geometry: Box | Polygon): ObjectInput {
  return { id: newId('obj'), kind, label, geometry, attributes: defaultAttributes(label), origin: 'human', z: nextZ(), hidden: false, locked: false } as ObjectInput;
}

/** Whether a drawing may start: the task's objects must all be here (a new shape goes on top of them, and the
 *  document refuses edits until then) and a label must be chosen (the user is told why otherwise). */
export function canStartShape(h: ToolHost): boolean {
  const wait = h.opening();
  if (wait) {
    h.notify(wait);
    return false;
  }
  if (h.labelId()) return true;
  h.notify('Pick a label first (1–9, 0 or /).');
  return false;
}

/** Saves a drawn shape with the label chosen now as one undoable edit and selects it, as every drawing tool ends. */
export function addShape(h: ToolHost, kind: 'box' | 'polygon', geometry: Box | Polygon): void {
  const obj = newShape(kind, h.labelId()!, geometry);
  h.commit({ label: kind === 'box' ? 'Draw box' : 'Draw polygon', ops: [putOp(obj)] });
  h.select([obj.id]);
}
