// The shared edit/undo mechanism: every edit on disk when the call returns, undo/redo across restarts,
// coalescing, frozen submitted tasks, locked objects.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../core/createCore.ts';
import type { AnnotationDocumentPage, ObjectInput } from '../../../shared/domain.ts';

function setup(): { core: Core; dir: string; taskId: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-ann-'));
  const core = createCore({ dataDir: dir });
  const p = core.projects.create({ name: 'P' });
  const sha = core.media.putBytes(Buffer.from('hello world'));
  core.imports.addTask(p.id, { id: sha, kind: 'text', mime: 'text/plain', originalName: 'a.txt', size: 11, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
  return { core, dir, taskId: core.tasks.list(p.id)[0].id };
}

const box = (id: string, x: number, extra: Partial<ObjectInput> = {}): ObjectInput => ({ id, kind: 'box', label: 'car', geometry: { x, y: 0, w: 10, h: 10 }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false, ...extra }) as ObjectInput;

describe('annotation edits and history', () => {
  it('store each edit, undo and redo it, and keep the history across a restart', async () => {
    const { core, dir, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('a', 1) }] });
    core.annotations.edit(taskId, { label: 'Move box', ops: [{ op: 'put', object: box('a', 5) }] });
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('b', 9) }] });
    expect(core.annotations.list(taskId).map((o) => o.id)).toEqual(['a', 'b']);
    core.annotations.undo(taskId);
    expect(core.annotations.list(taskId).map((o) => o.id)).toEqual(['a']);
    core.annotations.undo(taskId);
    expect((core.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(1);
    expect(core.tasks.get(taskId).status).toBe('in_progress');
    await core.close();

    const again = createCore({ dataDir: dir });
    const h = again.annotations.history(taskId);
    expect(h).toMatchObject({ canUndo: true, canRedo: true, undoLabel: 'Draw box', redoLabel: 'Move box', depth: 1 });
    again.annotations.redo(taskId);
    expect((again.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(5);
    again.annotations.undo(taskId);
    again.annotations.undo(taskId);
    expect(again.annotations.list(taskId)).toEqual([]);
    expect(again.annotations.undo(taskId)).toBeNull();
    // A new edit drops the redo branch.
    again.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('c', 2) }] });
    expect(again.annotations.history(taskId).canRedo).toBe(false);
    await again.close();
  });

  it('apply a change sent twice with the same id once (a save resent after a timeout), edits, undos and redos alike', () => {
    const { core, taskId } = setup();
    const x = () => (core.annotations.find(taskId, 'a')!.geometry as { x: number }).x;
    const draw = { label: 'Draw box', ops: [{ op: 'put' as const, object: box('a', 1) }], id: 'draw-0001' };
    const nudge = { label: 'Nudge', ops: [{ op: 'put' as const, object: box('a', 2) }], coalesce: 'nudge:a', id: 'nudge-0001' };
    const first = core.annotations.edit(taskId, draw);
    core.annotations.edit(taskId, nudge);
    // The same nudge again (its first answer was lost): nothing moves, the undo step keeps one nudge.
    const again = core.annotations.edit(taskId, nudge);
    expect(again.upserted.map((o) => [o.id, (o.geometry as { x: number }).x, o.revision])).toEqual([['a', 2, 2]]);
    expect(again.revision).toBe(first.revision + 1);
    expect(core.annotations.edit(taskId, draw).upserted[0].revision).toBe(2);
    expect(core.annotations.history(taskId).depth).toBe(2);
    // Undo resent: one step back, not two.
    core.annotations.undo(taskId, 'undo-00001');
    core.annotations.undo(taskId, 'undo-00001');
    expect(x()).toBe(1);
    expect(core.annotations.history(taskId)).toMatchObject({ depth: 1, canRedo: true });
    core.annotations.redo(taskId, 'redo-00001');
    expect(core.annotations.redo(taskId, 'redo-00001')!.upserted.map((o) => (o.geometry as { x: number }).x)).toEqual([2]);
    expect(core.annotations.history(taskId)).toMatchObject({ depth: 2, canRedo: false });
    // Without an id every call is a new change, as before.
    core.annotations.undo(taskId);
    core.annotations.undo(taskId);
    expect(core.annotations.list(taskId)).toEqual([]);
  });

  it('merge coalesced edits into one undo step and undo deletes', () => {
    const { core, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('a', 0) }] });
    for (let i = 1; i <= 5; i++) core.annotations.edit(taskId, { label: 'Nudge', ops: [{ op: 'put', object: box('a', i) }], coalesce: 'nudge:a' });
    expect(core.annotations.history(taskId).depth).toBe(2);
    core.annotations.undo(taskId);
    expect((core.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(0);
    core.annotations.edit(taskId, { label: 'Delete', ops: [{ op: 'delete', id: 'a' }] });
    expect(core.annotations.list(taskId)).toEqual([]);
    const r = core.annotations.undo(taskId)!;
    expect(r.upserted.map((o) => o.id)).toEqual(['a']);
  });

  it('refuse to move a locked object but allow unlocking it', () => {
    const { core, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw', ops: [{ op: 'put', object: box('a', 0, { locked: true }) }] });
    expect(() => core.annotations.edit(taskId, { label: 'Move', ops: [{ op: 'put', object: box('a', 50, { locked: true }) }] })).toThrow(/locked/);
    expect((core.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(0);
    core.annotations.edit(taskId, { label: 'Unlock', ops: [{ op: 'put', object: box('a', 0, { locked: false }) }] });
    core.annotations.edit(taskId, { label: 'Move', ops: [{ op: 'put', object: box('a', 50) }] });
    expect((core.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(50);
  });

  it('freeze a submitted task: no edit, no undo, stored objects unchanged', () => {
    const { core, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw', ops: [{ op: 'put', object: box('a', 3) }] });
    core.tasks.setStatus(taskId, 'submitted');
    expect(() => core.annotations.edit(taskId, { label: 'Move', ops: [{ op: 'put', object: box('a', 9) }] })).toThrow(/frozen/);
    expect(() => core.annotations.undo(taskId)).toThrow(/frozen/);
    expect((core.annotations.find(taskId, 'a')!.geometry as { x: number }).x).toBe(3);
  });

  it('roll back a whole edit when one op fails', () => {
    const { core, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw', ops: [{ op: 'put', object: box('locked', 0, { locked: true }) }] });
    const rev = core.tasks.get(taskId).revision;
    expect(() => core.annotations.edit(taskId, { label: 'Both', ops: [{ op: 'put', object: box('new', 1) }, { op: 'put', object: box('locked', 7, { locked: true }) }] })).toThrow();
    expect(core.annotations.find(taskId, 'new')).toBeNull();
    expect(core.tasks.get(taskId).revision).toBe(rev);
  });

  it('refuse an object whose geometry does not fit its kind, naming the object and field, and store nothing', () => {
    const { core, taskId } = setup();
    const rev = core.tasks.get(taskId).revision;
    const seg = { id: 's', kind: 'segment', label: 'speech', geometry: { start: 3, end: 1, tier: 'a' }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } as ObjectInput;
    expect(() => core.annotations.edit(taskId, { label: 'Both', ops: [{ op: 'put', object: box('ok', 1) }, { op: 'put', object: seg }] }))
      .toThrow('Object s (segment): geometry.end (1) must be after geometry.start (3).');
    const nan = { ...box('b', 0), geometry: { x: 0, y: 0, w: Number.NaN, h: 1 } } as ObjectInput;
    expect(() => core.annotations.edit(taskId, { label: 'Draw', ops: [{ op: 'put', object: nan }] })).toThrow(/geometry\.w must be a finite number/);
    const span = { id: 't', kind: 'span', label: 'x', geometry: { start: -1, end: 4 }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } as ObjectInput;
    expect(() => core.annotations.replaceAll(taskId, [span])).toThrow(/geometry\.start must be 0 or more/);
    expect(core.annotations.list(taskId)).toEqual([]);
    expect(core.tasks.get(taskId).revision).toBe(rev);
  });

  it('add new objects in bulk as one undo step, as an edit would; a taken id or a frozen task changes nothing', async () => {
    const { core, taskId } = setup();
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('mine', 1) }] });
    core.annotations.undo(taskId); // a redo step the import replaces, as any edit does
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: box('mine', 1) }] });
    const rev = core.tasks.get(taskId).revision;
    const added = Array.from({ length: 500 }, (_, i) => box(`i${i}`, i, { z: i + 1 }));
    expect(core.annotations.add(taskId, 'Import RTTM', added)).toBe(rev + 1);
    expect(core.annotations.list(taskId)).toHaveLength(501);
    expect(core.annotations.find(taskId, 'i7')).toMatchObject({ revision: 1, geometry: { x: 7 } });
    expect(core.annotations.history(taskId)).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Import RTTM', depth: 2 });
    // Undo takes the whole import back and leaves what was there; redo brings it again.
    expect(core.annotations.undo(taskId)!.deleted).toHaveLength(500);
    expect(core.annotations.list(taskId).map((o) => o.id)).toEqual(['mine']);
    core.annotations.redo(taskId);
    expect(core.annotations.list(taskId)).toHaveLength(501);
    // An id the task has: refused by name, nothing of the batch written, no undo step.
    const before = core.annotations.history(taskId);
    expect(() => core.annotations.add(taskId, 'Import again', [box('new1', 1), box('mine', 2)])).toThrow(/Object mine is already in this task; nothing was added/);
    expect(core.annotations.find(taskId, 'new1')).toBeNull();
    expect(core.annotations.history(taskId)).toEqual(before);
    core.tasks.setStatus(taskId, 'submitted');
    expect(() => core.annotations.add(taskId, 'Import', [box('new2', 1)])).toThrow(/frozen/);
    await core.close();
  });

  it('a bulk add starts a task that was to do', async () => {
    const { core, taskId } = setup();
    expect(core.tasks.get(taskId).status).toBe('todo');
    core.annotations.add(taskId, 'Import', [box('a', 1)]);
    expect(core.tasks.get(taskId).status).toBe('in_progress');
    await core.close();
  });

  it('read a document in pages that together are the whole of it, each saying the total and the revision it was read at', async () => {
    const { core, taskId } = setup();
    core.annotations.replaceAll(taskId, Array.from({ length: 25 }, (_, i) => box(`o${String(i).padStart(2, '0')}`, i, { z: 25 - i })));
    const page = (offset: number, limit: number) => core.dispatch('annotations.loadPage', [taskId, offset, limit]);
    const pages = [await page(0, 10), await page(10, 10), await page(20, 10)].map((r) => (r.ok ? r.value : null)) as AnnotationDocumentPage[];
    expect(pages.map((p) => [p.offset, p.objects.length, p.total])).toEqual([[0, 10, 25], [10, 10, 25], [20, 5, 25]]);
    expect(new Set(pages.map((p) => p.revision)).size).toBe(1);
    // The undo history is the document's: read once, with the first page.
    expect(pages.map((p) => p.history?.depth)).toEqual([core.annotations.history(taskId).depth, undefined, undefined]);
    const ids = pages.flatMap((p) => p.objects.map((o) => o.id));
    expect(ids).toEqual(core.annotations.list(taskId).map((o) => o.id).sort());
    expect(pages.flatMap((p) => p.objects).sort((a, b) => a.z - b.z)).toEqual(core.annotations.list(taskId));
    // An edit between pages shows as a new revision on the next one.
    core.annotations.edit(taskId, { label: 'Move', ops: [{ op: 'put', object: box('o00', 99) }] });
    expect(((await page(10, 10)) as { value: AnnotationDocumentPage }).value.revision).toBeGreaterThan(pages[0].revision);
    // Past the end: no objects; a page larger than the contract allows is refused with the reason.
    expect(((await page(100, 10)) as { value: AnnotationDocumentPage }).value).toMatchObject({ objects: [], total: 25 });
    expect(await page(0, 1_000_000)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    await core.close();
  });
});
