import { describe, expect, it } from 'vitest';
import { PersistentMap, hashOf } from './persistentMap.ts';

/** A small deterministic random source so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const sorted = <V>(m: ReadonlyMap<string, V>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('PersistentMap', () => {
  it('agrees with a Map over thousands of random sets and deletes, and every old version stays as it was', () => {
    const rand = rng(7);
    let m = PersistentMap.empty<number>();
    const ref = new Map<string, number>();
    const snapshots: [PersistentMap<number>, [string, number][]][] = [];
    for (let i = 0; i < 6000; i++) {
      const key = `obj-${Math.floor(rand() * 1500)}`;
      if (rand() < 0.3) { m = m.delete(key); ref.delete(key); } else { m = m.set(key, i); ref.set(key, i); }
      if (i % 500 === 0) snapshots.push([m, sorted(ref)]);
    }
    expect(m.size).toBe(ref.size);
    expect(sorted(m)).toEqual(sorted(ref));
    for (const [k, v] of ref) expect(m.get(k)).toBe(v);
    expect(m.get('obj-missing')).toBeUndefined();
    expect(m.has('obj-missing')).toBe(false);
    for (const [snap, entries] of snapshots) {
      expect(sorted(snap)).toEqual(entries);
      expect(snap.size).toBe(entries.length);
    }
  });

  it('changedKeys names exactly the keys added, removed or replaced between two versions, whatever their distance', () => {
    const rand = rng(11);
    let m = PersistentMap.from(Array.from({ length: 3000 }, (_, i) => [`o${i}`, { i }] as const));
    for (let round = 0; round < 40; round++) {
      const before = m;
      const n = 1 + Math.floor(rand() * (round < 30 ? 5 : 800));
      m = m.batch((b) => {
        for (let k = 0; k < n; k++) {
          const key = `o${Math.floor(rand() * 3500)}`;
          if (rand() < 0.3) b.delete(key); else b.set(key, { i: k });
        }
      });
      const expected = new Set<string>();
      for (const [k, v] of m) if (before.get(k) !== v || !before.has(k)) expected.add(k);
      for (const k of before.keys()) if (!m.has(k)) expected.add(k);
      const got = m.changedKeys(before);
      expect(new Set(got)).toEqual(expected);
      expect(got.length).toBe(expected.size);
      expect(new Set(before.changedKeys(m))).toEqual(expected);
    }
    expect(m.changedKeys(m)).toEqual([]);
    expect(new Set(m.changedKeys(PersistentMap.empty()))).toEqual(new Set(m.keys()));
  });

  it('returns itself when nothing changes, so identity says "changed"', () => {
    const v = { a: 1 };
    const m = PersistentMap.from([['a', v]]);
    expect(m.set('a', v)).toBe(m);
    expect(m.delete('zzz')).toBe(m);
    expect(m.batch(() => undefined)).toBe(m);
    expect(m.set('a', { a: 1 })).not.toBe(m);
  });

  it('keeps undefined values and keys whose hashes collide apart', () => {
    // Find two keys with the same 32-bit hash (birthday search: ~65k keys on average).
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const k = `k${i}`;
      const h = hashOf(k);
      const other = seen.get(h);
      if (other) pair = [other, k];
      else seen.set(h, k);
    }
    const [a, b] = pair;
    let m = PersistentMap.from<number | undefined>([[a, 1], ['x', undefined]]);
    m = m.set(b, 2);
    expect([m.get(a), m.get(b), m.size]).toEqual([1, 2, 3]);
    expect(m.has('x')).toBe(true);
    const without = m.delete(a);
    expect([without.get(a), without.get(b), without.has(a), without.size]).toEqual([undefined, 2, false, 2]);
    expect(m.get(a)).toBe(1);
  });

  it('batches many changes into one new map without touching the old one', () => {
    const base = PersistentMap.from(Array.from({ length: 1000 }, (_, i) => [`id${i}`, i] as const));
    const next = base.batch((b) => {
      for (let i = 0; i < 1000; i += 2) b.delete(`id${i}`);
      for (let i = 1000; i < 1500; i++) b.set(`id${i}`, i);
      b.set('id1', -1);
    });
    expect(base.size).toBe(1000);
    expect(base.get('id0')).toBe(0);
    expect(base.get('id1')).toBe(1);
    expect(next.size).toBe(1000);
    expect(next.get('id0')).toBeUndefined();
    expect(next.get('id1')).toBe(-1);
    expect(next.get('id1499')).toBe(1499);
    expect([...next.keys()].length).toBe(1000);
    // A later batch on the result must not write into nodes the first batch made.
    const third = next.batch((b) => b.set('id3', 33));
    expect(next.get('id3')).toBe(3);
    expect(third.get('id3')).toBe(33);
  });
});
