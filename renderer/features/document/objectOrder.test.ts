import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../../../shared/domain.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import { orderedObjects } from './objectOrder.ts';

const obj = (id: string, z: number) => ({ id, z, kind: 'box', label: 'car' }) as unknown as AnnotationObject;
const sorted = (m: PersistentMap<AnnotationObject>) => [...m.values()].sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1));

describe('orderedObjects', () => {
  it('stays in paint order (z, then id) through adds, moves in z, replacements and deletes, one edit at a time or many', () => {
    let seed = 3;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let m = PersistentMap.from(Array.from({ length: 500 }, (_, i) => [`o${i}`, obj(`o${i}`, Math.floor(rand() * 100))] as const));
    expect(orderedObjects(m)).toEqual(sorted(m));
    for (let round = 0; round < 60; round++) {
      const n = round % 10 === 9 ? 3000 : 1 + Math.floor(rand() * 4);
      m = m.batch((b) => {
        for (let k = 0; k < n; k++) {
          const id = `o${Math.floor(rand() * 700)}`;
          if (rand() < 0.25) b.delete(id); else b.set(id, obj(id, Math.floor(rand() * 100)));
        }
      });
      const list = orderedObjects(m);
      expect(list.map((o) => o.id)).toEqual(sorted(m).map((o) => o.id));
      expect(list.every((o) => m.get(o.id) === o)).toBe(true);
      // The same version gives the same array, so memos keyed on it hold.
      expect(orderedObjects(m)).toBe(list);
    }
  });
});
