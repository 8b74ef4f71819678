import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { ShapeIndex } from './shapeIndex.ts';
import { PersistentMap } from '../../../../shared/collections/persistentMap.ts';
import { clampedMove, translateGeometry } from '../tools/select/shapeEdits.ts';

function obj(id: string, kind: 'box' | 'polygon', geometry: unknown, z: number, extra: Partial<AnnotationObject> = {}): AnnotationObject {
  return { id, taskId: 't', kind, label: 'car', geometry, attributes: {}, origin: 'human', z, hidden: false, locked: false, revision: 1, updatedAt: 0, ...extra } as AnnotationObject;
}

describe('ShapeIndex', () => {
  it('follows versions of the document store\'s persistent map by their differences, hit tests and all', () => {
    const many = Array.from({ length: 2000 }, (_, i) => obj(`o${i}`, 'box', { x: (i % 50) * 20, y: Math.floor(i / 50) * 20, w: 10, h: 10 }, i));
    let m = PersistentMap.from(many.map((o) => [o.id, o] as const));
    const ix = new ShapeIndex();
    expect(ix.sync(m).size).toBe(2000);
    // One edit: only that object is reported, and the tree follows it.
    const moved = { ...many[0], geometry: { x: 5000, y: 5000, w: 10, h: 10 } } as AnnotationObject;
    m = m.set('o0', moved);
    expect([...ix.sync(m)]).toEqual(['o0']);
    expect(ix.hit(5, 5, 0)).toBeNull();
    expect(ix.hit(5005, 5005, 0)?.id).toBe('o0');
    // A delete and an add in one batch.
    m = m.batch((b) => { b.delete('o1'); b.set('new', obj('new', 'box', { x: 20, y: 0, w: 10, h: 10 }, 9999)); });
    expect([...ix.sync(m)].sort()).toEqual(['new', 'o1']);
    expect(ix.hit(25, 5, 0)?.id).toBe('new');
    expect(ix.size).toBe(2000);
    // The same version again changes nothing.
    expect(ix.sync(m).size).toBe(0);
  });

  it('hit-tests the topmost visible shape and follows replaced and deleted objects', () => {
    const a = obj('a', 'box', { x: 0, y: 0, w: 100, h: 100 }, 0);
    const b = obj('b', 'polygon', { points: [10, 10, 60, 10, 60, 60, 10, 60] }, 1);
    const ix = new ShapeIndex();
    expect([...ix.sync(new Map([['a', a], ['b', b]]))].sort()).toEqual(['a', 'b']);
    expect(ix.hit(20, 20, 0)?.id).toBe('b');
    expect(ix.hit(80, 80, 0)?.id).toBe('a');
    expect(ix.hit(200, 200, 2)).toBeNull();
    // Hiding b (a new object, as the store makes) lets clicks reach a; nothing else is reported as changed.
    const bHidden = { ...b, hidden: true };
    expect([...ix.sync(new Map([['a', a], ['b', bHidden]]))]).toEqual(['b']);
    expect(ix.hit(20, 20, 0)?.id).toBe('a');
    // Moving a away and deleting b.
    const aMoved = { ...a, geometry: { x: 500, y: 500, w: 10, h: 10 } } as AnnotationObject;
    ix.sync(new Map([['a', aMoved]]));
    expect(ix.size).toBe(1);
    expect(ix.hit(20, 20, 0)).toBeNull();
    expect(ix.hit(505, 505, 0)?.id).toBe('a');
  });

  it('selects a multi-part polygon (a COCO instance with several rings) by any of its rings, and moves it as one', () => {
    const m = obj('m', 'polygon', { points: [0, 0, 10, 0, 10, 10, 0, 10], rings: [[100, 100, 110, 100, 110, 110, 100, 110]] }, 0);
    const ix = new ShapeIndex();
    ix.sync(new Map([['m', m]]));
    expect(ix.hit(5, 5, 0)?.id).toBe('m');
    expect(ix.hit(105, 105, 0)?.id).toBe('m');
    expect(ix.hit(50, 50, 0)).toBeNull();
    expect(translateGeometry(m, 3, 4)).toEqual({ points: [3, 4, 13, 4, 13, 14, 3, 14], rings: [[103, 104, 113, 104, 113, 114, 103, 114]] });
    expect(clampedMove([m], 100, 0, { width: 120, height: 120 })).toEqual({ dx: 10, dy: 0 });
  });

  it('misses the notch of a concave polygon even inside its bounds, and hits near the outline with tolerance', () => {
    const c = obj('c', 'polygon', { points: [0, 0, 100, 0, 100, 100, 50, 30, 0, 100] }, 0);
    const ix = new ShapeIndex();
    ix.sync(new Map([['c', c]]));
    expect(ix.hit(50, 80, 0)).toBeNull();
    expect(ix.hit(50, 20, 0)?.id).toBe('c');
    expect(ix.hit(103, 50, 4)?.id).toBe('c');
  });

  it('hands shapes to the bitmap in paint order (z, then id), whole or in part, and keeps that order through edits', () => {
    const ids = (items: { obj: AnnotationObject }[]) => items.map((it) => it.obj.id);
    // Shuffled z across a 10×10 grid of boxes; two share a z, so the id breaks the tie.
    const many = Array.from({ length: 100 }, (_, i) => obj(`o${String(i).padStart(2, '0')}`, 'box', { x: (i % 10) * 20, y: Math.floor(i / 10) * 20, w: 10, h: 10 }, (i * 37) % 100));
    many[5] = { ...many[5], z: 0 } as AnnotationObject;
    let m = PersistentMap.from(many.map((o) => [o.id, o] as const));
    const expected = (list: AnnotationObject[]) => [...list].sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1)).map((o) => o.id);
    const ix = new ShapeIndex();
    ix.sync(m);
    expect(ids(ix.inPaintOrder(-1e9, -1e9, 1e9, 1e9))).toEqual(expected(many));
    // Part of the image: only the shapes that meet it, still in paint order.
    const corner = many.filter((o) => (o.geometry as { x: number }).x < 50 && (o.geometry as { y: number }).y < 50);
    expect(ids(ix.inPaintOrder(0, 0, 45, 45))).toEqual(expected(corner));
    // Raise one to the top, delete one, add one below everything: the order follows without a fresh sort.
    const raised = { ...many[0], z: 1000 } as AnnotationObject;
    const added = obj('new', 'box', { x: 0, y: 0, w: 5, h: 5 }, -1);
    m = m.batch((b) => { b.set(raised.id, raised); b.delete(many[1].id); b.set(added.id, added); });
    ix.sync(m);
    const now = [...m.values()];
    expect(ids(ix.inPaintOrder(-1e9, -1e9, 1e9, 1e9))).toEqual(expected(now));
    expect(ids(ix.inPaintOrder(-1e9, -1e9, 1e9, 1e9)).slice(0, 1)).toEqual(['new']);
    expect(ids(ix.inPaintOrder(-1e9, -1e9, 1e9, 1e9)).at(-1)).toBe(raised.id);
  });

  it('loads ten thousand shapes and answers a hit test quickly', () => {
    const m = new Map<string, AnnotationObject>();
    for (let i = 0; i < 10000; i++) {
      const x = (i % 100) * 40, y = Math.floor(i / 100) * 30;
      m.set(`p${i}`, obj(`p${i}`, 'polygon', { points: [x, y, x + 20, y, x + 20, y + 20, x, y + 20] }, i));
    }
    const ix = new ShapeIndex();
    ix.sync(m);
    const t = performance.now();
    for (let k = 0; k < 1000; k++) ix.hit((k * 37) % 4000, (k * 13) % 3000, 2);
    expect(ix.hit(45, 35, 0)?.id).toBe('p101');
    expect(performance.now() - t).toBeLessThan(500);
  });
});
