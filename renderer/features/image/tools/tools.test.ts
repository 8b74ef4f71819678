// The tools as state machines, driven with pointer events through a host that records what they commit.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationObject, Edit } from '../../../../shared/domain.ts';
import { useDocument } from '../../document/documentStore.ts';
import { ShapeIndex } from '../canvas/shapeIndex.ts';
import { PolygonTool } from './polygon/PolygonTool.ts';
import { BoxTool } from './box/BoxTool.ts';
import { SelectTool } from './select/SelectTool.ts';
import type { Draft, ToolEvent, ToolHost } from './types.ts';
import { PersistentMap } from '../../../../shared/collections/persistentMap.ts';

function obj(id: string, kind: 'box' | 'polygon', geometry: unknown, extra: Partial<AnnotationObject> = {}): AnnotationObject {
  return { id, taskId: 't', kind, label: 'car', geometry, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false, revision: 1, updatedAt: 0, ...extra } as AnnotationObject;
}

function makeHost(objects: AnnotationObject[] = [], scale = 1) {
  const map = new Map(objects.map((o) => [o.id, o]));
  const index = new ShapeIndex();
  index.sync(map);
  const rec = { edits: [] as Edit[], notes: [] as string[], draft: null as Draft | null, selected: [] as string[], opening: null as string | null };
  const host: ToolHost = {
    image: { width: 400, height: 300 },
    px: (n) => n / scale,
    objects: () => map,
    hit: (x, y, tol) => index.hit(x, y, tol),
    inside: () => [],
    selected: () => rec.selected,
    select: (ids) => { rec.selected = ids; },
    setActiveVertex: () => undefined,
    labelId: () => 'car',
    opening: () => rec.opening,
    previews: new Map(),
    setDraft: (d) => { rec.draft = d; },
    redraw: () => undefined,
    commit: (e) => { rec.edits.push(e); },
    notify: (t) => { rec.notes.push(t); },
    setCursor: () => undefined,
    setHover: () => undefined,
  };
  return { host, rec };
}

const ev = (x: number, y: number, mods: Partial<ToolEvent> = {}): ToolEvent => ({ x, y, shift: false, alt: false, ctrl: false, ...mods });

beforeEach(() => useDocument.setState({ objects: PersistentMap.empty() }));

describe('polygon tool', () => {
  it('adds vertices by click and closes on the first vertex', () => {
    const { host, rec } = makeHost();
    const t = new PolygonTool();
    for (const [x, y] of [[10, 10], [100, 10], [100, 100]]) { t.down(host, ev(x, y)); t.up(); }
    expect(rec.draft).toMatchObject({ kind: 'polygon', points: [10, 10, 100, 10, 100, 100] });
    t.down(host, ev(12, 11));
    expect(rec.edits).toHaveLength(1);
    const put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: [10, 10, 100, 10, 100, 100] });
    expect(rec.selected).toHaveLength(1);
    expect(t.busy()).toBe(false);
  });

  it('Backspace removes the last vertex, Enter closes, Escape cancels, clicks outside the image are clamped', () => {
    const { host, rec } = makeHost();
    const t = new PolygonTool();
    for (const [x, y] of [[-20, 10], [100, 10], [100, 400], [50, 50]]) t.down(host, ev(x, y));
    expect(t.key(host, 'Backspace')).toBe(true);
    expect(t.key(host, 'Enter')).toBe(true);
    const put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: [0, 10, 100, 10, 100, 300] });
    t.down(host, ev(10, 10));
    t.down(host, ev(50, 10));
    expect(t.cancel(host)).toBe(true);
    expect(rec.draft).toBeNull();
    expect(t.key(host, 'Enter')).toBe(false);
    expect(rec.edits).toHaveLength(1);
  });

  it('refuses a polygon that crosses itself and keeps drawing', () => {
    const { host, rec } = makeHost();
    const t = new PolygonTool();
    for (const [x, y] of [[0, 0], [100, 100], [100, 0], [0, 100]]) t.down(host, ev(x, y));
    t.key(host, 'Enter');
    expect(rec.edits).toHaveLength(0);
    expect(rec.notes[0]).toMatch(/crosses itself/);
    expect(t.busy()).toBe(true);
  });
});

describe('box tool', () => {
  it('draws a box by dragging, clamped to the image; a click is not a box', () => {
    const { host, rec } = makeHost();
    const t = new BoxTool();
    t.down(host, ev(350, 250));
    t.move(host, ev(500, 280));
    t.up(host, ev(500, 280));
    const put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ x: 350, y: 250, w: 50, h: 30 });
    t.down(host, ev(10, 10));
    t.up(host, ev(11, 11));
    expect(rec.edits).toHaveLength(1);
  });

  it('neither a box nor a polygon starts while the task still opens: the user is told why, nothing is drawn', () => {
    const { host, rec } = makeHost();
    rec.opening = 'This task is still opening (10,000 of 21,000 objects)';
    const box = new BoxTool();
    box.down(host, ev(10, 10));
    box.move(host, ev(80, 60));
    box.up(host, ev(80, 60));
    const poly = new PolygonTool();
    for (const [x, y] of [[10, 10], [90, 10], [50, 80], [10, 10]]) { poly.down(host, ev(x, y)); poly.up(); }
    expect(rec.edits).toEqual([]);
    expect(rec.draft).toBeNull();
    expect(rec.notes.at(-1)).toMatch(/still opening \(10,000 of 21,000 objects\)/);
    rec.opening = null;
    box.down(host, ev(10, 10));
    box.up(host, ev(80, 60));
    expect(rec.edits).toHaveLength(1);
  });
});

describe('select tool', () => {
  it('moves a shape, but a locked shape stays put and the user is told why', () => {
    const box = obj('b', 'box', { x: 10, y: 10, w: 50, h: 50 });
    const { host, rec } = makeHost([box]);
    const t = new SelectTool();
    t.down(host, ev(30, 30));
    t.move(host, ev(40, 35));
    t.up(host);
    const put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ x: 20, y: 15, w: 50, h: 50 });

    const locked = obj('l', 'box', { x: 10, y: 10, w: 50, h: 50 }, { locked: true });
    const h2 = makeHost([locked]);
    t.down(h2.host, ev(30, 30));
    t.move(h2.host, ev(80, 80));
    t.up(h2.host);
    expect(h2.rec.edits).toHaveLength(0);
    expect(h2.rec.notes[0]).toMatch(/locked/);
    expect(h2.rec.selected).toEqual(['l']);
  });

  it('drags a vertex of the selected polygon (kept in the image) and inserts one from an edge midpoint', () => {
    const poly = obj('p', 'polygon', { points: [10, 10, 100, 10, 100, 100] });
    const { host, rec } = makeHost([poly]);
    rec.selected = ['p'];
    const t = new SelectTool();
    t.down(host, ev(100, 101));
    t.move(host, ev(450, 120));
    t.up(host);
    let put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: [10, 10, 100, 10, 400, 120] });
    t.down(host, ev(55, 10));
    t.move(host, ev(55, 0));
    t.up(host);
    put = rec.edits[1].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: [10, 10, 55, 0, 100, 10, 100, 100] });
  });

  it('edits any ring of a multi-part polygon: drag a vertex or an edge midpoint of the second ring, Alt-click one away', () => {
    const first = [10, 10, 60, 10, 60, 60];
    const poly = obj('m', 'polygon', { points: first, rings: [[200, 200, 300, 200, 300, 280, 200, 280]] });
    const { host, rec } = makeHost([poly]);
    let active = -1;
    host.setActiveVertex = (i) => { active = i; };
    rec.selected = ['m'];
    const t = new SelectTool();
    t.down(host, ev(300, 281));
    t.move(host, ev(320, 290));
    expect(host.previews.get('m')).toEqual({ points: first, rings: [[200, 200, 300, 200, 320, 290, 200, 280]] });
    t.up(host);
    let put = rec.edits[0].ops[0];
    expect(rec.edits[0].label).toBe('Move vertex');
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: first, rings: [[200, 200, 300, 200, 320, 290, 200, 280]] });
    // The midpoint of the second ring's top edge inserts a vertex there.
    t.down(host, ev(250, 200));
    t.move(host, ev(250, 190));
    t.up(host);
    put = rec.edits[1].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: first, rings: [[200, 200, 250, 190, 300, 200, 300, 280, 200, 280]] });
    // (This host does not apply commits: the object is still as it was.) A click on a vertex of the second ring
    // makes it active, numbered after the first ring's three.
    t.down(host, ev(200, 280));
    t.up(host);
    expect(active).toBe(3 + 3);
    t.down(host, ev(200, 280, { alt: true }));
    expect(rec.edits[2].label).toBe('Delete vertex');
    put = rec.edits[2].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ points: first, rings: [[200, 200, 300, 200, 300, 280]] });
  });

  it('resizes a selected box by a corner handle and moves nothing on a plain click', () => {
    const box = obj('b', 'box', { x: 10, y: 10, w: 50, h: 50 });
    const { host, rec } = makeHost([box]);
    rec.selected = ['b'];
    const t = new SelectTool();
    t.down(host, ev(60, 60));
    t.move(host, ev(90, 70));
    t.up(host);
    const put = rec.edits[0].ops[0];
    expect(put.op === 'put' && put.object.geometry).toEqual({ x: 10, y: 10, w: 80, h: 60 });
    t.down(host, ev(30, 30));
    t.up(host);
    expect(rec.edits).toHaveLength(1);
  });
});
