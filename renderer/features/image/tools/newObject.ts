// A new shape with the current label and its attributes' defaults.
import type { AttributeDef, ObjectInput } from '../../../../shared/domain.ts';
import { newId } from '../../../../shared/ids.ts';
import { nextZ } from '../../document/documentStore.ts';

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

export function newShape(kind: 'box' | 'polygon', label: string, geometry: unknown): ObjectInput {
  return { id: newId('obj'), kind, label, geometry, attributes: defaultAttributes(label), origin: 'human', z: nextZ(), hidden: false, locked: false };
}
