// The annotation document of the open task and its undo history: the one editing mechanism every workspace
// (image, audio, text) uses. Edits show at once (optimistic) and go to the core through the SaveQueue, in order.
// While the core is unreachable the queue retries and the banner counts what is not saved; the user's edits stay
// on screen. A change the core refuses for good is reported loudly and the document is reloaded from disk.
import { create } from 'zustand';
import type { AnnotationDocument, AnnotationObject, Edit, EditResult, HistoryInfo, ObjectInput } from '../../../shared/domain.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast } from '../../stores/app.ts';
import { patchTaskRow } from '../../stores/navigation.ts';
import { nextZ as nextZOf, toObjectInput } from '../../../shared/objects.ts';
import { SaveQueue, untilReachable, DEFAULT_BACKOFF_MS, type QueuedChange, type RetryInfo } from './saveQueue.ts';

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
  /** Changes made but not yet stored (every task). */
  pending: number;
  /** Set while the core is unreachable: the queue is waiting to try again. */
  retry: RetryInfo | null;
  /** The last change the core refused for good, until the next one is stored. */
  error: string | null;
  /** The open task was submitted: its document is shown but cannot change. */
  readOnly: boolean;
}

export const useDocument = create<DocumentState>(() => ({
  taskId: null, loading: false, objects: new Map(), version: 0, history: EMPTY_HISTORY, revision: 0, pending: 0, retry: null, error: null, readOnly: false,
}));

/** True while the open task is submitted: controls that edit are disabled. */
export function useReadOnly(): boolean {
  return useDocument((s) => s.readOnly);
}

/** What the document needs from the core; tests pass one that fails, delays and reorders. */
export interface DocumentTransport {
  load(taskId: string): Promise<AnnotationDocument>;
  edit(taskId: string, edit: Edit): Promise<EditResult>;
  undo(taskId: string): Promise<EditResult | null>;
  redo(taskId: string): Promise<EditResult | null>;
}

let transport: DocumentTransport = tagger.annotations;
let backoff: readonly number[] = DEFAULT_BACKOFF_MS;
let queue = createQueue();
let loadSeq = 0;

function createQueue(): SaveQueue {
  return new SaveQueue({
    changed(pending, retry) {
      useDocument.setState({ pending, retry });
      publishSaveState();
    },
    refused(change, message) {
      const text = `Not saved: "${change.label}" — ${message}`;
      useDocument.setState({ error: text });
      toast('error', `${text} The document now shows what is stored.`);
      // Reload once nothing else for this task is queued; the queue itself never waits for this.
      if (useDocument.getState().taskId === change.taskId) void reloadWhenIdle(change.taskId);
    },
  }, backoff);
}

/** Replaces the transport (and the backoff steps); drops the queue. For tests and for a shell without `tagger`. */
export function setDocumentTransport(t: DocumentTransport, backoffMs: readonly number[] = DEFAULT_BACKOFF_MS): void {
  transport = t;
  backoff = backoffMs;
  queue = createQueue();
  loadSeq++;
  useDocument.setState({ taskId: null, loading: false, objects: new Map(), version: 0, history: EMPTY_HISTORY, revision: 0, pending: 0, retry: null, error: null, readOnly: false });
}

function publishSaveState(): void {
  const { pending, retry, error } = useDocument.getState();
  const unsaved = `${pending} change${pending === 1 ? '' : 's'} not saved yet`;
  if (retry) useApp.setState({ save: { status: 'error', message: `${unsaved} — retrying` } });
  else if (error) useApp.setState({ save: { status: 'error', message: error } });
  else useApp.setState({ save: { status: pending > 0 ? 'saving' : 'saved', message: null } });
}

/** Skip the backoff wait and try to save again now. */
export function retrySavingNow(): void {
  queue.retryNow();
}

/** Forget the last refused change (its message), e.g. after the user read it. */
export function dismissSaveError(): void {
  useDocument.setState({ error: null });
  publishSaveState();
}

async function reloadWhenIdle(taskId: string): Promise<void> {
  await queue.idle(taskId);
  if (useDocument.getState().taskId === taskId) await loadDocument(taskId).catch(() => undefined);
}

/** Opens a task's document (null closes it). Waits until this task's queued changes are stored, so what it shows
 *  is never older than what the user did; retries by itself while the core is unreachable. */
export async function loadDocument(taskId: string | null): Promise<void> {
  const seq = ++loadSeq;
  if (!taskId) {
    useDocument.setState((s) => ({ taskId: null, objects: new Map(), version: s.version + 1, history: EMPTY_HISTORY, loading: false, readOnly: false }));
    return;
  }
  useDocument.setState({ taskId, loading: true });
  for (;;) {
    await queue.idle(taskId);
    if (seq !== loadSeq) return;
    const doc = await untilReachable(() => transport.load(taskId), () => seq === loadSeq, backoff);
    if (!doc || seq !== loadSeq) return;
    // An edit made while the answer was on its way is newer than it: load again once that edit is stored.
    if (queue.pendingFor(taskId) > 0) continue;
    useDocument.setState((s) => ({
      taskId, loading: false, objects: new Map(doc.objects.map((o) => [o.id, o])), version: s.version + 1, history: doc.history, revision: doc.revision,
      readOnly: !!doc.readOnly,
    }));
    return;
  }
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

/** The core's answer for one change, merged into what is on screen. An object that a later queued change writes
 *  keeps its local state: the stored one is older than what the user already sees (fast typing, quick nudges). */
function applyStored(r: EditResult | null, change: QueuedChange): void {
  if (useDocument.getState().error) useDocument.setState({ error: null });
  if (!r || useDocument.getState().taskId !== change.taskId) return;
  const newer = (id: string) => queue.touchedLater(change.taskId, id, change);
  const last = queue.pendingFor(change.taskId) === 1;
  useDocument.setState((s) => {
    const next = new Map(s.objects);
    for (const id of r.deleted) if (!newer(id)) next.delete(id);
    for (const o of r.upserted) if (!newer(o.id)) next.set(o.id, o);
    return { objects: next, version: s.version + 1, revision: r.revision, ...(last ? { history: r.history } : {}) };
  });
  // The queue row follows (the core turned "To do" into "In progress" with the first edit).
  const count = useDocument.getState().objects.size;
  patchTaskRow(change.taskId, (t) => ({ objectCount: count, status: t.status === 'todo' ? 'in_progress' : t.status }));
}

function enqueue<T extends EditResult | null>(taskId: string, label: string, touches: string[], send: () => Promise<T>): Promise<void> {
  return new Promise<void>((resolve) => {
    queue.push<T>({
      taskId, label, touches, send,
      stored: (v, change) => { applyStored(v, change); resolve(); },
    });
    // A refused change also settles its caller: it was reported, and the document reloads.
    void queue.idle(taskId).then(resolve);
  });
}

function refuseReadOnly(): boolean {
  if (!useDocument.getState().readOnly) return false;
  toast('info', 'This task was submitted and is read-only; its annotations cannot change.');
  return true;
}

/** Applies an edit now and saves it; resolves when it is on disk (or was refused and reported). */
export function applyEdit(edit: Edit): Promise<void> {
  const { taskId, objects } = useDocument.getState();
  if (!taskId || !edit.ops.length || refuseReadOnly()) return Promise.resolve();
  useDocument.setState((s) => ({ objects: applyLocal(objects, edit, taskId), version: s.version + 1, history: { ...s.history, canUndo: true, undoLabel: edit.label, canRedo: false, redoLabel: null } }));
  const touches = edit.ops.map((op) => (op.op === 'delete' ? op.id : op.object.id));
  return enqueue(taskId, edit.label, touches, () => transport.edit(taskId, edit));
}

export function undo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId || refuseReadOnly()) return Promise.resolve();
  return enqueue(taskId, 'Undo', [], () => transport.undo(taskId));
}

export function redo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId || refuseReadOnly()) return Promise.resolve();
  return enqueue(taskId, 'Redo', [], () => transport.redo(taskId));
}

/** Resolves when every queued change has been stored (or refused and reported). */
export function flushEdits(): Promise<void> {
  return queue.idle(null);
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
