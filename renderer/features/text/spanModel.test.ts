import { describe, it, expect } from 'vitest';
import type { AnnotationObject } from '../../../shared/domain.ts';
import { SpanModel } from './spanModel.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';

type Entries = [string, AnnotationObject][];
/** The store's persistent map (diffed by changedKeys) and a plain Map (walked): both must give the same model. */
const MAPS: [string, (e: Entries) => ReadonlyMap<string, AnnotationObject>][] = [['a Map', (e) => new Map(e)], ['the store\'s persistent map', (e) => PersistentMap.from(e)]];

const obj = (id: string, kind: AnnotationObject['kind'], label: string, geometry: unknown, origin: AnnotationObject['origin'] = 'human'): AnnotationObject =>
  ({ id, taskId: 't', kind, label, geometry, attributes: {}, origin, z: 0, hidden: false, locked: false, revision: 1, updatedAt: 0 }) as AnnotationObject;

describe.each(MAPS)('SpanModel follows the document store by identity (%s)', (_name, mk) => {
  it('indexes spans, relations and document labels, then applies adds, changes and deletes', () => {
    const a = obj('a', 'span', 'person', { start: 0, end: 5 });
    const b = obj('b', 'span', 'location', { start: 10, end: 15 }, 'model');
    const r = obj('r', 'relation', 'located_in', { from: 'a', to: 'b' });
    const d = obj('d', 'doclabel', 'News', null);
    const m = new SpanModel(100);
    expect(m.sync(mk([[a.id, a], [b.id, b], [r.id, r], [d.id, d]]))).toBeNull();
    expect(m.index.size).toBe(2);
    expect(m.modelCount).toBe(1);
    expect(m.relationsOf('b').map((x) => x.id)).toEqual(['r']);
    expect([...m.docLabels.keys()]).toEqual(['d']);

    // Accept b (origin → human), add c, delete the relation and the doc label.
    const b2 = { ...b, origin: 'human' as const };
    const c = obj('c', 'span', 'date', { start: 40, end: 44 });
    const dirty = m.sync(mk([[a.id, a], [b.id, b2], [c.id, c]]))!;
    expect(m.modelCount).toBe(0);
    expect(m.index.query(39, 41).map((s) => s.id)).toEqual(['c']);
    expect(m.relations.size).toBe(0);
    expect(m.docLabels.size).toBe(0);
    expect(dirty.some((x) => x.start === 40)).toBe(true);

    // A span stored with offsets past the text is clamped, never drawn outside it.
    const bad = obj('z', 'span', 'x', { start: 95, end: 500 });
    m.sync(mk([[a.id, a], [b.id, b2], [c.id, c], [bad.id, bad]]));
    expect(m.span('z')).toMatchObject({ start: 95, end: 100 });
  });

  it('is quiet when only the saved copy of a span came back, and sees changes after a deleted id', () => {
    const a = obj('a', 'span', 'person', { start: 0, end: 5 });
    const b = obj('b', 'span', 'location', { start: 10, end: 15 });
    const c = obj('c', 'span', 'date', { start: 20, end: 25 });
    const m = new SpanModel(100);
    m.sync(mk([[a.id, a], [b.id, b], [c.id, c]]));
    // The core's copy: same look, new revision → nothing to repaint.
    const b2 = { ...b, attributes: {}, revision: 2, updatedAt: 5 };
    m.sync(mk([[a.id, a], [b.id, b2], [c.id, c]]));
    expect(m.quiet).toBe(true);
    expect(m.span('b')?.obj).toBe(b2);
    // A relabel or an attribute is seen.
    const b3 = { ...b2, attributes: { confidence: 'high' } };
    m.sync(mk([[a.id, a], [b.id, b3], [c.id, c]]));
    expect(m.quiet).toBe(false);
    // Deleting a (the walk loses step) while relabelling c further on: both are applied.
    const c2 = { ...c, label: 'time' };
    m.sync(mk([[b.id, b3], [c.id, c2]]));
    expect(m.quiet).toBe(false);
    expect(m.span('a')).toBeUndefined();
    expect(m.span('c')?.label).toBe('time');
    expect(m.index.size).toBe(2);
  });

  it('rebuilds once when a reload replaces every object', () => {
    const many = new Map(Array.from({ length: 3000 }, (_, i) => [`s${i}`, obj(`s${i}`, 'span', 'l', { start: i, end: i + 1 })]));
    const m = new SpanModel(5000);
    m.sync(many);
    const reloaded = new Map([...many].map(([k, v]) => [k, { ...v }]));
    expect(m.sync(reloaded)).toBeNull();
    expect(m.index.size).toBe(3000);
  });

  it('tells only the rows an edit touched, and the rows of a relation\'s ends', () => {
    const a = obj('a', 'span', 'person', { start: 2, end: 5 });
    const b = obj('b', 'span', 'location', { start: 32, end: 38 });
    const m = new SpanModel(100);
    m.sync(mk([[a.id, a], [b.id, b]]));
    // Four rows of 25 characters, as the document view watches them.
    const told = [0, 0, 0, 0];
    const off = told.map((_, i) => m.watchers.watch(i * 25, i * 25 + 25, () => told[i]++));
    const c = obj('c', 'span', 'date', { start: 60, end: 64 });
    m.sync(mk([[a.id, a], [b.id, b], [c.id, c]]));
    expect(told).toEqual([0, 0, 1, 0]);
    // A relation lifts the tags of both its ends: their rows, and only those, are told, and see it.
    const r = obj('r', 'relation', 'located_in', { from: 'a', to: 'b' });
    m.sync(mk([[a.id, a], [b.id, b], [c.id, c], [r.id, r]]));
    expect(told).toEqual([1, 1, 1, 0]);
    expect([m.isRelationEnd('a'), m.isRelationEnd('b'), m.isRelationEnd('c')]).toEqual([true, true, false]);
    // The saved copy of c (same look) tells nobody; a span across two rows tells both; deleting r tells a's and b's.
    m.sync(mk([[a.id, a], [b.id, b], [c.id, { ...c, revision: 2 }], [r.id, r]]));
    expect(told).toEqual([1, 1, 1, 0]);
    const long = obj('long', 'span', 'event', { start: 70, end: 80 });
    m.sync(mk([[a.id, a], [b.id, b], [c.id, c], [r.id, r], [long.id, long]]));
    expect(told).toEqual([1, 1, 2, 1]);
    m.sync(mk([[a.id, a], [b.id, b], [c.id, c], [long.id, long]]));
    expect(told).toEqual([2, 2, 2, 1]);
    expect(m.isRelationEnd('a')).toBe(false);
    off.forEach((f) => f());
    m.sync(mk([[a.id, a]]));
    expect(told).toEqual([2, 2, 2, 1]);
  });
});
