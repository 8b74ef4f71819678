// Annotation objects as values: the input form of a stored object, a copy with new geometry, and the z order
// (paint and list order) of new objects, which every editor, import and speech detection allocate here.
import type { AnnotationObject, GeometryOf, ObjectInput } from './domain.ts';

/** The fields a client sends for an object (drops where it lives and its version). */
export function toObjectInput(o: ObjectInput | AnnotationObject): ObjectInput {
  const { id, kind, label, geometry, attributes, origin, z, hidden, locked } = o;
  return { id, kind, label, geometry, attributes, origin, z, hidden, locked } as ObjectInput;
}

/** The object with a new geometry of its own kind. */
export function withGeometry<O extends ObjectInput>(o: O, geometry: GeometryOf[O['kind']]): O {
  return { ...o, geometry };
}

/** The z for a new object: one above every object given, 0 for the first. */
export function nextZ(objects: Iterable<{ z: number }>): number {
  let z = 0;
  for (const o of objects) if (o.z >= z) z = o.z + 1;
  return z;
}
