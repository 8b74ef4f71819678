// The document store against a core that fails, stalls and answers late: what the user sees never goes backwards,
// nothing is lost, and no failure leaves a call waiting forever.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationDocumentPage, AnnotationObject, Edit, EditResult, ObjectInput } from '../../../shared/domain.ts';
import { TaggerError } from '../../../shared/errors.ts';
import { useApp } from '../../stores/app.ts';
import { applyEdit, applyRemoteEdit, documentBusy, flushEdits, loadDocument, nextZ, putOp, retrySavingNow, setDocumentTransport, undo, useDocument, type DocumentTransport } from './documentStore.ts';
import { DEFAULT_BACKOFF_MS } from './saveQueue.ts';

/** An in-memory core with knobs: down (every call fails as unreachable), a delay per call, refusals. */
class FakeCore implements DocumentTransport {
  docs = new Map<string, Map<string, AnnotationObject>>();
  history = new Map<string, Edit[]>();
  frozen = new Set<string>();
  down = false;
  delay: () => number = () => 0;
  refuse: (edit: Edit) => string | null = () => null;
  received: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  revision = 0;
  /** Ids of changes applied (the real core keeps them in applied_edits): one resent is answered, not applied. */
  applied = new Set<string>();

  private async call<T>(what: string, fn: () => T): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.delay()));
      if (this.down) throw new TaggerError('network', 'The Tagger core is not reachable.');
      this.received.push(what);
      return fn();
    } finally {
      this.inFlight--;
    }
  }

  doc(taskId: string) {
    if (!this.docs.has(taskId)) this.docs.set(taskId, new Map());
    return this.docs.get(taskId)!;
  }

  /** Pages in id order, as the core reads them; a later page is received as "load <task> <offset>". */
  loadPage(taskId: string, offset: number, limit: number): Promise<AnnotationDocumentPage> {
    return this.call(offset ? `load ${taskId} ${offset}` : `load ${taskId}`, () => {
      const all = [...this.doc(taskId).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      return {
        taskId, objects: all.slice(offset, offset + limit), offset, total: all.length, revision: this.revision, readOnly: this.frozen.has(taskId),
        // As the core: the history comes with the first page only.
        ...(offset === 0 ? { history: { canUndo: (this.history.get(taskId)?.length ?? 0) > 0, canRedo: false, undoLabel: null, redoLabel: null, depth: this.history.get(taskId)?.length ?? 0 } } : {}),
      };
    });
  }

  edit(taskId: string, edit: Edit): Promise<EditResult> {
    return this.call(`edit ${edit.label}`, () => {
      if (edit.id && this.applied.has(edit.id)) {
        const doc = this.doc(taskId);
        const ids = edit.ops.map((op) => (op.op === 'delete' ? op.id : op.object.id));
        const depth = this.history.get(taskId)?.length ?? 0;
        return { upserted: ids.flatMap((id) => doc.get(id) ?? []), deleted: ids.filter((id) => !doc.has(id)), revision: this.revision, history: { canUndo: depth > 0, canRedo: false, undoLabel: edit.label, redoLabel: null, depth } };
      }
      if (edit.id) this.applied.add(edit.id);
      const why = this.frozen.has(taskId) ? 'This task was submitted and is frozen.' : this.refuse(edit);
      if (why) throw new TaggerError('locked', why);
      const doc = this.doc(taskId);
      const upserted: AnnotationObject[] = [];
      const deleted: string[] = [];
      for (const op of edit.ops) {
        if (op.op === 'delete') { doc.delete(op.id); deleted.push(op.id); continue; }
        const o: AnnotationObject = { ...op.object, taskId, revision: (doc.get(op.object.id)?.revision ?? 0) + 1, updatedAt: 0 };
        doc.set(o.id, o);
        upserted.push(o);
      }
      const h = this.history.get(taskId) ?? [];
      h.push(edit);
      this.history.set(taskId, h);
      return { upserted, deleted, revision: ++this.revision, history: { canUndo: true, canRedo: false, undoLabel: edit.label, redoLabel: null, depth: h.length } };
    });
  }

  undo(): Promise<EditResult | null> {
    return this.call('undo', () => null);
  }

  redo(): Promise<EditResult | null> {
    return this.call('redo', () => null);
  }
}

function box(id: string, note = ''): Extract<ObjectInput, { kind: 'box' }> {
  return { id, kind: 'box', label: 'car', geometry: { x: 0, y: 0, w: 10, h: 10 }, attributes: { note }, origin: 'human', z: 0, hidden: false, locked: false };
}

const shown = (id: string) => useDocument.getState().objects.get(id);
const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 2));
  }
};

let core: FakeCore;
beforeEach(async () => {
  core = new FakeCore();
  setDocumentTransport(core, [5, 10, 20]);
  await loadDocument('t1');
});
afterEach(() => { core.down = false; });

describe('documentStore', () => {
  it('an edit makes a new objects map that shares every untouched object, and the one before stays as it was', async () => {
    await applyEdit({ label: 'Seed', ops: Array.from({ length: 2000 }, (_, i) => putOp(box(`o${i}`))) });
    const before = useDocument.getState().objects;
    const untouched = before.get('o1500');
    const edit = applyEdit({ label: 'Move box', ops: [putOp({ ...box('o7'), geometry: { x: 5, y: 5, w: 10, h: 10 } })] });
    const after = useDocument.getState().objects;
    expect(after).not.toBe(before); // selectors see the change by identity, at once
    expect(after.get('o7')!.geometry).toEqual({ x: 5, y: 5, w: 10, h: 10 });
    expect(before.get('o7')!.geometry).toEqual({ x: 0, y: 0, w: 10, h: 10 });
    expect(after.get('o1500')).toBe(untouched);
    expect(after.size).toBe(2000);
    await edit;
    await applyEdit({ label: 'Delete box', ops: [{ op: 'delete', id: 'o3' }] });
    expect(useDocument.getState().objects.size).toBe(1999);
    expect(useDocument.getState().objects.has('o3')).toBe(false);
    expect(after.has('o3')).toBe(true);
  });

  it('nextZ stays one above the topmost object through draws, stored copies, relabels, deletes and another task', async () => {
    expect(nextZ()).toBe(0);
    await applyEdit({ label: 'Seed', ops: Array.from({ length: 3000 }, (_, i) => putOp({ ...box(`o${i}`), z: i })) });
    expect(nextZ()).toBe(3000);
    // A new object on top, then its stored copy (same z) comes back from the core: still one above it.
    const drawn = applyEdit({ label: 'Draw box', ops: [putOp({ ...box('top'), z: nextZ() })] });
    expect(nextZ()).toBe(3001);
    await drawn;
    expect(nextZ()).toBe(3001);
    await applyEdit({ label: 'Relabel', ops: [putOp({ ...box('top', 'x'), z: 3000 })] });
    expect(nextZ()).toBe(3001);
    // The topmost goes: the one under it is on top again.
    await applyEdit({ label: 'Delete', ops: [{ op: 'delete', id: 'top' }] });
    expect(nextZ()).toBe(3000);
    await applyEdit({ label: 'Lower', ops: [putOp({ ...box('o2999'), z: -5 })] });
    expect(nextZ()).toBe(2999);
    await applyEdit({ label: 'Delete low', ops: [{ op: 'delete', id: 'o5' }] });
    expect(nextZ()).toBe(2999);
    await loadDocument('t2');
    expect(nextZ()).toBe(0);
    await loadDocument('t1');
    expect(nextZ()).toBe(2999);
  });

  it('a refused save is reported, the document reloads from disk, and the next open and edit still work (no deadlock)', async () => {
    await applyEdit({ label: 'Draw box', ops: [putOp(box('a'))] });
    core.refuse = (e) => (e.label === 'Move box' ? 'the database refused it' : null);
    await applyEdit({ label: 'Move box', ops: [putOp({ ...box('a'), geometry: { x: 5, y: 5, w: 10, h: 10 } })] });
    expect(useDocument.getState().error).toMatch(/Not saved: "Move box" — the database refused it/);
    expect(useApp.getState().save.status).toBe('error');
    // The reload after the refusal shows what is stored; opening tasks and editing still answer.
    await until(() => (shown('a')?.geometry as { x: number }).x === 0);
    await loadDocument('t2');
    await loadDocument('t1');
    core.refuse = () => null;
    await applyEdit({ label: 'Draw box', ops: [putOp(box('b'))] });
    expect([...core.doc('t1').keys()].sort()).toEqual(['a', 'b']);
    expect(useApp.getState().save.status).toBe('saved');
    expect(useDocument.getState().error).toBeNull();
  });

  it('while the core is unreachable, edits stay on screen, the banner counts them, and they are stored in order once it is back', async () => {
    core.down = true;
    const done = [applyEdit({ label: 'Draw 1', ops: [putOp(box('a'))] }), applyEdit({ label: 'Draw 2', ops: [putOp(box('b'))] }), applyEdit({ label: 'Draw 3', ops: [putOp(box('c'))] })];
    await until(() => useDocument.getState().retry !== null);
    expect([...useDocument.getState().objects.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(useDocument.getState().pending).toBe(3);
    expect(useApp.getState().save).toEqual({ status: 'error', message: '3 changes not saved yet — retrying' });
    // Opening the task again while it is down waits for the core instead of failing or showing older state.
    const reopened = loadDocument('t1');
    await new Promise((r) => setTimeout(r, 40));
    expect(core.doc('t1').size).toBe(0);
    core.down = false;
    retrySavingNow();
    await Promise.all(done);
    await reopened;
    expect(core.received.filter((r) => r.startsWith('edit'))).toEqual(['edit Draw 1', 'edit Draw 2', 'edit Draw 3']);
    expect([...core.doc('t1').keys()]).toEqual(['a', 'b', 'c']);
    expect([...useDocument.getState().objects.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(useDocument.getState()).toMatchObject({ pending: 0, retry: null, error: null });
    expect(useApp.getState().save.status).toBe('saved');
  });

  it('a large document opens page by page with its progress; a page the core is late with is asked again alone, and a change between pages starts over', async () => {
    setDocumentTransport(core, [5, 10, 20], 40, 4);
    for (let i = 0; i < 10; i++) core.doc('big').set(`o${i}`, { ...box(`o${i}`), taskId: 'big', revision: 1, updatedAt: 0 } as AnnotationObject);
    core.history.set('big', [[], []] as never);
    core.received.length = 0;
    const seen: string[] = [];
    const off = useDocument.subscribe((st) => { if (st.progress) seen.push(`${st.progress.loaded}/${st.progress.total}`); });
    // The second page hangs past the timeout once (a core stopped for a moment): only it is asked for again.
    let calls = 0;
    core.delay = () => (calls++ === 1 ? 150 : 0);
    await loadDocument('big');
    off();
    core.delay = () => 0;
    await new Promise((r) => setTimeout(r, 200)); // the late answer arrives too, and is not used
    expect(core.received.sort()).toEqual(['load big', 'load big 4', 'load big 4', 'load big 8']);
    expect(seen).toEqual(['0/null', '4/10', '8/10', '10/10']);
    expect(useDocument.getState()).toMatchObject({ taskId: 'big', loading: false, progress: null });
    // The undo history came with the first page (the later pages carry none).
    expect(useDocument.getState().history).toMatchObject({ canUndo: true, depth: 2 });
    expect([...useDocument.getState().objects.keys()].sort()).toEqual([...core.doc('big').keys()].sort());

    // Another writer (a model run, a sync) changes the document while its pages are read: it is read again whole.
    core.received.length = 0;
    let n = 0;
    core.delay = () => { if (n++ === 2) { core.doc('big').set('late', { ...box('late'), taskId: 'big', revision: 1, updatedAt: 0 } as AnnotationObject); core.revision++; } return 0; };
    await loadDocument('t1');
    await loadDocument('big');
    core.delay = () => 0;
    expect(core.received.filter((r) => r.startsWith('load big')).sort()).toEqual(['load big', 'load big', 'load big 4', 'load big 4', 'load big 8', 'load big 8']);
    expect(useDocument.getState().objects.has('late')).toBe(true);
    expect(useDocument.getState().objects.size).toBe(11);
  });

  it('an edit or undo made while a large document is still opening is refused with a message, and nothing reaches the core', async () => {
    setDocumentTransport(core, [5, 10, 20], 1000, 4);
    for (let i = 0; i < 10; i++) core.doc('big2').set(`o${i}`, { ...box(`o${i}`), taskId: 'big2', revision: 1, updatedAt: 0 } as AnnotationObject);
    core.received.length = 0;
    let calls = 0;
    core.delay = () => (calls++ === 0 ? 0 : 300); // the first page arrives, the rest take a while
    const opening = loadDocument('big2');
    await vi.waitFor(() => expect(useDocument.getState().progress?.loaded).toBe(4));
    await applyEdit({ label: 'Draw box', ops: [putOp(box('early'))] });
    await undo();
    expect(shown('early')).toBeUndefined();
    expect(useApp.getState().toasts.at(-1)?.text).toMatch(/still opening \(4 of 10 objects\)/);
    await opening;
    core.delay = () => 0;
    expect(core.received.filter((r) => !r.startsWith('load'))).toEqual([]);
    await applyEdit({ label: 'Draw box', ops: [putOp(box('later'))] });
    expect(core.doc('big2').has('later')).toBe(true);
  });

  it('a save whose answer is late is sent again with the same id and applied once; a link that repeats every call applies each once', async () => {
    setDocumentTransport(core, [5, 10, 20], 40);
    await loadDocument('t1');
    core.received.length = 0;
    // The first save hangs past the timeout (a core stopped for a moment) and arrives after its own resend.
    let calls = 0;
    core.delay = () => (calls++ === 0 ? 150 : 0);
    let sawRetry = false;
    const off = useDocument.subscribe((st) => { if (st.retry) sawRetry = true; });
    await applyEdit({ label: 'Nudge', coalesce: 'nudge:a', ops: [putOp({ ...box('a'), geometry: { x: 1, y: 0, w: 10, h: 10 } })] });
    await new Promise((r) => setTimeout(r, 200));
    off();
    expect(sawRetry).toBe(true);
    expect(core.received).toEqual(['edit Nudge', 'edit Nudge']);
    expect(core.history.get('t1')).toHaveLength(1);
    expect(core.doc('t1').get('a')?.revision).toBe(1);
    expect(useDocument.getState()).toMatchObject({ pending: 0, retry: null, error: null });

    // Every request delivered twice (a retrying proxy): still one application each.
    const twice: DocumentTransport = {
      loadPage: (t, o, l) => core.loadPage(t, o, l),
      edit: async (t, e) => { await core.edit(t, e); return core.edit(t, e); },
      undo: () => core.undo(),
      redo: () => core.redo(),
    };
    setDocumentTransport(twice, DEFAULT_BACKOFF_MS);
    await loadDocument('t1');
    for (let i = 2; i <= 6; i++) await applyEdit({ label: 'Nudge', coalesce: 'nudge:a', ops: [putOp({ ...box('a'), geometry: { x: i, y: 0, w: 10, h: 10 } })] });
    expect(core.history.get('t1')).toHaveLength(6);
    expect(core.doc('t1').get('a')?.revision).toBe(6);
    expect(shown('a')?.revision).toBe(6);
  });

  it('fast typing never goes backwards on screen while late answers arrive, and every keystroke is stored', async () => {
    await applyEdit({ label: 'Draw box', ops: [putOp(box('a'))] });
    core.delay = () => Math.floor(Math.random() * 6);
    const text = 'the quick brown fox jumps';
    const saves: Promise<void>[] = [];
    let regressions = 0;
    let typed = '';
    const off = useDocument.subscribe((s) => {
      const note = String(s.objects.get('a')?.attributes.note ?? '');
      if (!typed.startsWith(note) || note.length < typed.length) regressions++;
    });
    for (const ch of text) {
      typed += ch;
      saves.push(applyEdit({ label: 'Edit note', coalesce: 'note:a', ops: [putOp(box('a', typed))] }));
      await new Promise((r) => setTimeout(r, Math.random() < 0.5 ? 0 : 2));
    }
    await Promise.all(saves);
    off();
    expect(regressions).toBe(0);
    expect(shown('a')?.attributes.note).toBe(text);
    expect(core.doc('t1').get('a')?.attributes.note).toBe(text);
    expect(core.maxInFlight).toBe(1);
  });

  it('saves go one at a time in the order made, even when the core answers after random delays', async () => {
    core.delay = () => Math.floor(Math.random() * 8);
    const labels = Array.from({ length: 15 }, (_, i) => `Edit ${i}`);
    await Promise.all(labels.map((label, i) => (i % 5 === 4 ? undo() : applyEdit({ label, ops: [putOp(box(`o${i}`))] }))));
    expect(core.maxInFlight).toBe(1);
    expect(core.received.filter((r) => r !== 'load t1')).toEqual(labels.map((l, i) => (i % 5 === 4 ? 'undo' : `edit ${l}`)));
    await flushEdits();
    expect(useDocument.getState().pending).toBe(0);
  });

  it('a submitted task opens read-only: edits are refused before they reach the screen or the core', async () => {
    core.frozen.add('t3');
    await loadDocument('t3');
    expect(useDocument.getState().readOnly).toBe(true);
    await applyEdit({ label: 'Draw box', ops: [putOp(box('x'))] });
    await undo();
    expect(shown('x')).toBeUndefined();
    expect(core.received.filter((r) => !r.startsWith('load'))).toEqual([]);
    await loadDocument('t1');
    expect(useDocument.getState().readOnly).toBe(false);
  });
  it('a model run in the core is applied from the edit it returns, without reading the document again', async () => {
    await applyEdit({ label: 'Draw box', ops: [putOp(box('mine'))] });
    core.received.length = 0;
    core.delay = () => 5;
    // What the core does for Detect speech: store the proposals as one edit and answer with that edit
    const run = applyRemoteEdit('t1', async () => ({ count: 2, edit: await core.edit('t1', { label: 'Detect speech', ops: [putOp({ ...box('m1'), origin: 'model' }), putOp({ ...box('m2'), origin: 'model' })] }) }));
    // Meanwhile the page knows the document is about to change, so a 'task-changed' event does not reload it
    expect(documentBusy()).toBe(true);
    const r = await run;
    expect(r.count).toBe(2);
    expect(documentBusy()).toBe(false);
    expect([shown('mine')?.origin, shown('m1')?.origin, shown('m2')?.origin]).toEqual(['human', 'model', 'model']);
    expect(useDocument.getState().history.undoLabel).toBe('Detect speech');
    expect(useDocument.getState().revision).toBe(r.edit.revision);
    expect(core.received).toEqual(['edit Detect speech']);
  });

  it('a model result older than an edit stored meanwhile makes the document read once, so nothing is missing', async () => {
    core.received.length = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const run = applyRemoteEdit('t1', async () => {
      const edit = await core.edit('t1', { label: 'Find entities', ops: [putOp({ ...box('p1'), origin: 'model' })] });
      await gate; // the answer is late: the user's edit is stored after the model's
      return { edit };
    });
    await applyEdit({ label: 'Draw box', ops: [putOp(box('late'))] });
    release();
    await run;
    expect(shown('p1')?.origin).toBe('model');
    expect(shown('late')).toBeDefined();
    expect(core.received.filter((x) => x.startsWith('load'))).toHaveLength(1);
  });
});
