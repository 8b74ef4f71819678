import { describe, expect, it } from 'vitest';
import { lowerBound, patchSorted } from './sortedPatch.ts';

interface Item { id: string; k: number }
const before = (a: Item, b: Item) => a.k < b.k || (a.k === b.k && a.id < b.id);
const sortedCopy = (xs: Item[]) => [...xs].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));

describe('patchSorted', () => {
  it('after any mix of adds, replacements and removals, equals a fresh sort of what is left, and leaves the old list alone', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const live = new Map<string, Item>();
    for (let i = 0; i < 300; i++) live.set(`i${i}`, { id: `i${i}`, k: Math.floor(rand() * 50) });
    let list = sortedCopy([...live.values()]);
    for (let round = 0; round < 80; round++) {
      const out: Item[] = [], into: Item[] = [], touched = new Set<string>();
      for (let n = 1 + Math.floor(rand() * 6); n > 0; n--) {
        const id = `i${Math.floor(rand() * 400)}`;
        if (touched.has(id)) continue; // one change per item, as between two versions of a document
        touched.add(id);
        const old = live.get(id);
        if (old) out.push(old);
        if (rand() < 0.3) { live.delete(id); continue; }
        const fresh = { id, k: Math.floor(rand() * 50) }; // a new version, even with the same key
        live.set(id, fresh);
        into.push(fresh);
      }
      const copy = list.slice();
      const next = patchSorted(list, out, into, before);
      expect(list).toEqual(copy);
      expect(next).toEqual(sortedCopy([...live.values()]));
      expect(next.every((x) => live.get(x.id) === x)).toBe(true);
      list = next;
    }
  });

  it('passes over an item to take out that is not in the list (an equal copy is not the item)', () => {
    const a = { id: 'a', k: 1 }, b = { id: 'b', k: 2 };
    expect(patchSorted([a, b], [{ id: 'a', k: 1 }, { id: 'z', k: 9 }], [], before)).toEqual([a, b]);
    expect(patchSorted([a, b], [a], [], before)).toEqual([b]);
  });

  it('lowerBound finds where an item is or goes', () => {
    const list = [{ id: 'a', k: 1 }, { id: 'b', k: 3 }, { id: 'c', k: 3 }];
    expect(lowerBound(list, { id: 'b', k: 3 }, before)).toBe(1);
    expect(lowerBound(list, { id: 'bb', k: 3 }, before)).toBe(2);
    expect(lowerBound(list, { id: 'x', k: 0 }, before)).toBe(0);
    expect(lowerBound(list, { id: 'x', k: 9 }, before)).toBe(3);
  });
});
