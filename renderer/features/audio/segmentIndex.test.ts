// The sorted index must find exactly the segments a view overlaps, as a brute-force scan would, including long
// segments that start far before the view.
import { describe, expect, it } from 'vitest';
import { buildIndex, forEachVisible, positionOf, reindex, segmentAt } from './segmentIndex.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import type { Segment } from './segmentModel.ts';
import { validateTimes, formatTime } from './segmentModel.ts';

function seg(id: string, start: number, end: number, tier = 'a'): Segment {
  return { id, start, end, tier, label: 'speech', origin: 'human', locked: false, hidden: false, transcript: '' };
}

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('segment index', () => {
  it('finds the same segments as a full scan, for random views over 10,000 segments', () => {
    const r = rng(7);
    const segs: Segment[] = [];
    for (let i = 0; i < 10_000; i++) {
      const start = r() * 3600;
      segs.push(seg(`s${i}`, start, start + (i % 500 === 0 ? 600 : r() * 5), r() < 0.5 ? 'a' : 'b'));
    }
    const index = buildIndex(segs);
    for (let k = 0; k < 200; k++) {
      const t0 = r() * 3600, t1 = t0 + r() * 30;
      for (const tier of ['a', 'b']) {
        const got: string[] = [];
        forEachVisible(index, tier, t0, t1, (s) => got.push(s.id));
        const want = segs.filter((s) => s.tier === tier && s.end >= t0 && s.start <= t1).sort((x, y) => x.start - y.start).map((s) => s.id);
        expect(got.sort()).toEqual(want.sort());
      }
    }
  });

  it('answers which segment is under a time, and where a segment sits in time order', () => {
    const index = buildIndex([seg('late', 5, 6), seg('early', 1, 2), seg('long', 0, 10), seg('other', 1, 2, 'b')]);
    expect(index.all.map((s) => s.id)).toEqual(['long', 'early', 'other', 'late']);
    expect(segmentAt(index, 'a', 1.5)?.id).toBe('early');
    expect(segmentAt(index, 'a', 3)?.id).toBe('long');
    expect(segmentAt(index, 'b', 3)).toBeNull();
    expect(segmentAt(index, 'c', 1)).toBeNull();
    expect(positionOf(index, 'late')).toBe(3);
    expect(positionOf(index, 'missing')).toBe(-1);
  });
});

describe('segment times typed by a user', () => {
  it('refuses start after end, negative start and an end past the file', () => {
    expect(validateTimes(1, 2, 10)).toBeNull();
    expect(validateTimes(2, 1, 10)).toMatch(/before end/);
    expect(validateTimes(2, 2, 10)).toMatch(/before end/);
    expect(validateTimes(-1, 2, 10)).toMatch(/0 s or later/);
    expect(validateTimes(1, 11, 10)).toMatch(/at most the duration/);
    expect(validateTimes(Number.NaN, 1, 10)).toMatch(/numbers/);
  });
  it('formats times with milliseconds', () => {
    expect(formatTime(3723.4567)).toBe('1:02:03.457');
    expect(formatTime(5.5)).toBe('0:05.500');
  });

  it('after edits (moves, adds, deletes, relabels), the reused index over 20,000 equals one built from scratch', () => {
    const r = rng(11);
    type Obj = { id: string; kind: 'segment'; label: string; geometry: { start: number; end: number; tier: string }; attributes: Record<string, unknown>; origin: 'human'; locked: boolean; hidden: boolean };
    const obj = (id: string, start: number, label = 'speech'): Obj => ({ id, kind: 'segment', label, geometry: { start, end: start + 1 + r(), tier: r() < 0.5 ? 'a' : 'b' }, attributes: {}, origin: 'human', locked: false, hidden: false });
    const objects = new Map<string, Obj>();
    for (let i = 0; i < 20_000; i++) objects.set(`s${i}`, obj(`s${i}`, r() * 36_000));
    let index = reindex(null, objects);
    for (let round = 0; round < 3; round++) {
      const next = new Map(objects);
      next.set(`s${round}`, obj(`s${round}`, r() * 36_000)); // moved
      next.set(`new${round}`, obj(`new${round}`, r() * 36_000)); // added
      next.delete(`s${100 + round}`); // deleted
      next.set(`s${200 + round}`, { ...next.get(`s${200 + round}`)!, label: 'music' }); // relabelled
      objects.clear();
      for (const [k, v] of next) objects.set(k, v);
      index = reindex(index, objects);
      const fresh = buildIndex([...objects.values()].map((o) => ({ id: o.id, start: o.geometry.start, end: o.geometry.end, tier: o.geometry.tier, label: o.label, origin: o.origin, locked: false, hidden: false, transcript: '' })));
      expect(index.all.map((x) => `${x.id}@${x.start}:${x.label}`)).toEqual(fresh.all.map((x) => `${x.id}@${x.start}:${x.label}`));
      expect([...index.byTier.get('a')!.prefixMaxEnd]).toEqual([...fresh.byTier.get('a')!.prefixMaxEnd]);
    }
  });

  it('follows the store\'s persistent map by its changes: the patched index equals a fresh one, edit after edit', () => {
    const r = rng(5);
    type Obj = { id: string; kind: 'segment'; label: string; geometry: { start: number; end: number; tier: string }; attributes: Record<string, unknown>; origin: 'human'; locked: boolean; hidden: boolean };
    const obj = (id: string, start: number, tier = r() < 0.5 ? 'a' : 'b', label = 'speech'): Obj => ({ id, kind: 'segment', label, geometry: { start, end: start + 1 + r(), tier }, attributes: {}, origin: 'human', locked: false, hidden: false });
    let objects = PersistentMap.empty<Obj>().batch((b) => { for (let i = 0; i < 5000; i++) b.set(`s${i}`, obj(`s${i}`, r() * 3600)); });
    let index = reindex(null, objects);
    const fresh = () => buildIndex([...objects.values()].map((o) => ({ id: o.id, start: o.geometry.start, end: o.geometry.end, tier: o.geometry.tier, label: o.label, origin: o.origin, locked: false, hidden: false, transcript: '' })));
    const key = (x: { id: string; start: number; tier: string; label: string }) => `${x.id}@${x.start}/${x.tier}:${x.label}`;
    for (let round = 0; round < 40; round++) {
      const k = round % 4;
      if (k === 0) objects = objects.set(`s${round}`, obj(`s${round}`, r() * 3600)); // moved
      else if (k === 1) objects = objects.set(`new${round}`, obj(`new${round}`, r() * 3600, 'c')); // added, on a new tier
      else if (k === 2) objects = objects.delete(`s${1000 + round}`).delete(`new${round - 1}`); // deleted (the new tier empties)
      else objects = objects.set(`s${2000 + round}`, { ...objects.get(`s${2000 + round}`)!, label: 'music', geometry: { ...objects.get(`s${2000 + round}`)!.geometry, tier: 'a' } }); // relabelled, to another tier
      const before = index;
      const beforeAll = before.all.map(key);
      index = reindex(index, objects);
      expect(index.source).toBe(objects);
      expect(before.all.map(key)).toEqual(beforeAll); // the earlier index is left as it was (a frame may still draw it)
      const want = fresh();
      expect(index.all.map(key)).toEqual(want.all.map(key));
      expect([...index.byTier.keys()].sort()).toEqual([...want.byTier.keys()].sort());
      for (const [tier, ti] of want.byTier) {
        expect(index.byTier.get(tier)!.segments.map(key)).toEqual(ti.segments.map(key));
        expect([...index.byTier.get(tier)!.prefixMaxEnd]).toEqual([...ti.prefixMaxEnd]);
      }
      expect(positionOf(index, `s${round}`)).toBe(want.all.findIndex((x) => x.id === `s${round}`));
    }
    expect(reindex(index, objects)).toBe(index); // nothing changed: the same index
    // Past the patch limit (an import, a model run undone) everything is sorted again; lookups still read the
    // document itself, so no id map is built and thrown away.
    objects = objects.batch((b) => { for (let i = 0; i < 1500; i++) b.set(`s${i}`, obj(`s${i}`, r() * 3600)); });
    index = reindex(index, objects);
    expect(index.source).toBe(objects);
    expect(index.all.map(key)).toEqual(fresh().all.map(key));
    expect(index.byId).not.toBeInstanceOf(Map);
    expect(index.byId.get('s7')).toMatchObject({ start: objects.get('s7')!.geometry.start });
  });
});

