// The annotation document of the open task and its undo history: the one editing mechanism every workspace
// (image, audio, text) uses. Edits show at once (optimistic), are written to SQLite in order by the core, and
// the status bar follows "Saving…" → "Saved". A failed save is loud and the document is reloaded from disk,
// so what the user sees is never ahead of what is stored for long.
import { create } from 'zustand';
import type { AnnotationObject, Edit, EditResult, HistoryInfo, ObjectInput } from '../../../shared/domain.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { nextZ as nextZOf, toObjectInput } from '../../../shared/objects.ts';

const EMPTY_HISTORY: HistoryInfo = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, depth: 0 };

export interface DocumentState {
  taskId: string | null;
  loading: boolean;
  /** Objects by id. Replaced (not mutated) on every change so selectors notice. */
  objects: Map<string, AnnotationObject>;
  /** Bumped on every change; cheap dependency for memoised views. */
  version: number;
  history: HistoryInfo;
  revision: number;
  pending: number;
  error: string | null;
}

export const useDocument = create<DocumentState>(() => ({
  taskId: null, loading: false, objects: new Map(), version: 0, history: EMPTY_HISTORY, revision: 0, pending: 0, error: null,
}));

let chain: Promise<unknown> = Promise.resolve();
let loadSeq = 0;

function setSaving(pending: number, error: string | null = null) {
  useApp.setState({ save: { status: error ? 'error' : pending > 0 ? 'saving' : 'saved', message: error } });
}

export async function loadDocument(taskId: string | null): Promise<void> {
  const seq = ++loadSeq;
  if (!taskId) {
    useDocument.setState({ taskId: null, objects: new Map(), version: useDocument.getState().version + 1, history: EMPTY_HISTORY, loading: false });
    return;
  }
  useDocument.setState({ taskId, loading: true, error: null });
  await chain.catch(() => undefined);
  const doc = await tagger.annotations.load(taskId);
  if (seq !== loadSeq) return;
  useDocument.setState((s) => ({
    taskId, loading: false, objects: new Map(doc.objects.map((o) => [o.id, o])), version: s.version + 1, history: doc.history, revision: doc.revision, error: null,
  }));
}

function applyLocal(objects: Map<string, AnnotationObject>, edit: Edit, taskId: string): Map<string, AnnotationObject> {
  const next = new Map(objects);
  for (const op of edit.ops) {
    if (op.op === 'delete') next.delete(op.id);
    else {
      const prev = next.get(op.object.id);
      next.set(op.object.id, { ...op.object, taskId, revision: (prev?.revision ?? 0) + 1, updatedAt: Date.now() });
    }
  }
  return next;
}

function applyResult(r: EditResult) {
  useDocument.setState((s) => {
    const next = new Map(s.objects);
    for (const id of r.deleted) next.delete(id);
    for (const o of r.upserted) next.set(o.id, o);
    return { objects: next, version: s.version + 1, history: r.history, revision: r.revision };
  });
}

function enqueue<T>(taskId: string, work: () => Promise<T>, onDone: (v: T) => void): Promise<void> {
  useDocument.setState((s) => ({ pending: s.pending + 1 }));
  setSaving(useDocument.getState().pending);
  const p = chain.then(async () => {
    try {
      const v = await work();
      if (useDocument.getState().taskId === taskId) onDone(v);
      useDocument.setState((s) => ({ pending: s.pending - 1, error: null }));
      setSaving(useDocument.getState().pending);
    } catch (e) {
      const msg = errorText(e);
      useDocument.setState((s) => ({ pending: s.pending - 1, error: msg }));
      setSaving(useDocument.getState().pending, `Not saved: ${msg}`);
      toast('error', `Not saved: ${msg}`);
      // Show what is really stored; nothing stored was lost.
      if (useDocument.getState().taskId === taskId) await loadDocument(taskId).catch(() => undefined);
    }
  });
  chain = p;
  return p;
}

/** Applies an edit now and saves it; resolves when it is on disk (or failed loudly). */
export function applyEdit(edit: Edit): Promise<void> {
  const { taskId, objects } = useDocument.getState();
  if (!taskId || !edit.ops.length) return Promise.resolve();
  useDocument.setState((s) => ({ objects: applyLocal(objects, edit, taskId), version: s.version + 1, history: { ...s.history, canUndo: true, undoLabel: edit.label, canRedo: false, redoLabel: null } }));
  return enqueue(taskId, () => tagger.annotations.edit(taskId, edit), applyResult);
}

export function undo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId) return Promise.resolve();
  return enqueue(taskId, () => tagger.annotations.undo(taskId), (r) => r && applyResult(r));
}

export function redo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId) return Promise.resolve();
  return enqueue(taskId, () => tagger.annotations.redo(taskId), (r) => r && applyResult(r));
}

/** Resolves when every queued edit has been stored. */
export function flushEdits(): Promise<void> {
  return chain.then(() => undefined, () => undefined);
}

// Convenience builders used by every workspace.
export function putOp(o: ObjectInput | AnnotationObject) {
  return { op: 'put' as const, object: toObjectInput(o) };
}
export function deleteOp(id: string) {
  return { op: 'delete' as const, id };
}

export function objectList(): AnnotationObject[] {
  return [...useDocument.getState().objects.values()].sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1));
}

export function nextZ(): number {
  return nextZOf(useDocument.getState().objects.values());
}
