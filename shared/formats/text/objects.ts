// Converts between a format's neutral document and our annotation objects (span, relation, doclabel rows).
import type { AnnotationObject, ObjectInput } from '../../domain.ts';
import { newId } from '../../ids.ts';
import { keptId } from '../labelStudio.ts';
import { isSpan, type SpanGeometry } from '../../geometry/span.ts';
import type { RelationGeometry } from '../../domain.ts';
import type { TextDoc, TextRelation, TextSpan } from './model.ts';

/** New objects for a document; span ids are fresh so imports never collide with objects already stored, unless
 *  `taken` (the ids the task already uses) is given: then the file's ids are kept where they are valid and free. */
export function docToObjects(doc: TextDoc, firstZ = 0, taken?: Set<string>): ObjectInput[] {
  const ids = new Map<string, string>();
  const idFor = (own: string | undefined, prefix: string) => (taken ? keptId(own, taken, () => newId(prefix)) : newId(prefix));
  let z = firstZ;
  const base = { attributes: {}, hidden: false, locked: false };
  const out: ObjectInput[] = [];
  for (const s of doc.spans) {
    const id = idFor(s.id, 'span');
    ids.set(s.id, id);
    out.push({ ...base, id, kind: 'span', label: s.label, geometry: { start: s.start, end: s.end }, origin: s.origin ?? 'human', z: z++ });
  }
  for (const r of doc.relations) {
    const from = ids.get(r.from), to = ids.get(r.to);
    if (from && to) out.push({ ...base, ...(r.direction ? { attributes: { direction: r.direction } } : {}), id: newId('rel'), kind: 'relation', label: r.label, geometry: { from, to }, origin: 'human', z: z++ });
  }
  let first = true;
  for (const l of new Set(doc.docLabels)) {
    out.push({ ...base, id: idFor(first ? doc.docLabelsId : undefined, 'doc'), kind: 'doclabel', label: l, geometry: null, origin: 'human', z: z++ });
    first = false;
  }
  return out;
}

export type { SpanGeometry, RelationGeometry };
/** The span type check is the one in shared/geometry/span.ts. */
export const isSpanGeometry = isSpan;

export function isRelationGeometry(g: unknown): g is RelationGeometry {
  const o = g as RelationGeometry | null;
  return !!o && typeof o === 'object' && typeof o.from === 'string' && typeof o.to === 'string';
}

/** A task's objects as a neutral document (spans in text order). */
export function objectsToDoc(name: string, text: string, objects: readonly (AnnotationObject | ObjectInput)[]): TextDoc {
  const spans: TextSpan[] = [];
  const relations: TextRelation[] = [];
  const docLabels: string[] = [];
  let docLabelsId: string | undefined;
  for (const o of objects) {
    if (o.kind === 'span' && isSpanGeometry(o.geometry)) spans.push({ id: o.id, start: o.geometry.start, end: o.geometry.end, label: o.label, origin: o.origin });
    else if (o.kind === 'relation' && isRelationGeometry(o.geometry))
      relations.push({ from: o.geometry.from, to: o.geometry.to, label: o.label, ...(typeof o.attributes.direction === 'string' ? { direction: o.attributes.direction } : {}) });
    else if (o.kind === 'doclabel') {
      docLabelsId ??= o.id;
      docLabels.push(o.label);
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { name, text, spans, relations, docLabels, ...(docLabelsId ? { docLabelsId } : {}) };
}
