// The annotation document of the open task and its undo history: the one editing mechanism every workspace
// (image, audio, text) uses. Edits show at once (optimistic) and go to the core through the SaveQueue, in order.
// While the core is unreachable the queue retries and the banner counts what is not saved; the user's edits stay
// on screen. A change the core refuses for good is reported loudly and the document is reloaded from disk.
import { create } from 'zustand';
import type { AnnotationDocument, AnnotationDocumentPage, AnnotationObject, Edit, EditResult, HistoryInfo, ObjectInput } from '../../../shared/domain.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast } from '../../stores/app.ts';
import { patchTaskRow } from '../../stores/navigation.ts';
import { nextZ as nextZOf, toObjectInput } from '../../../shared/objects.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import { orderedObjects } from './objectOrder.ts';
import { SaveQueue, untilReachable, withTimeout, DEFAULT_BACKOFF_MS, type QueuedChange, type RetryInfo } from './saveQueue.ts';
import { newId } from '../../../shared/ids.ts';

const EMPTY_HISTORY: HistoryInfo = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, depth: 0 };

export interface DocumentState {
  taskId: string | null;
  loading: boolean;
  /** Objects by id: a persistent map, so an edit makes a new one in O(log n) that shares the rest with the old
   *  (selectors notice by identity; copying a Map per edit cost ~1 ms at 10,000 objects and grows linearly). */
  objects: PersistentMap<AnnotationObject>;
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
  /** While a task opens: how many of its objects have arrived (total null until the first page says). */
  progress: { loaded: number; total: number | null } | null;
}

export const useDocument = create<DocumentState>(() => ({
  taskId: null, loading: false, objects: PersistentMap.empty(), version: 0, history: EMPTY_HISTORY, revision: 0, pending: 0, retry: null, error: null, readOnly: false, progress: null,
}));

/** True while the open task is submitted: controls that edit are disabled. */
export function useReadOnly(): boolean {
  return useDocument((s) => s.readOnly);
}

/** What the document needs from the core; tests pass one that fails, delays and reorders. */
export interface DocumentTransport {
  loadPage(taskId: string, offset: number, limit: number): Promise<AnnotationDocumentPage>;
  edit(taskId: string, edit: Edit): Promise<EditResult>;
  undo(taskId: string, changeId?: string): Promise<EditResult | null>;
  redo(taskId: string, changeId?: string): Promise<EditResult | null>;
}

/** A core that has not answered a save in this long counts as unreachable: the change is sent again (with its id,
 *  so the core applies it once) and the banner says what waits, instead of "Saving…" for as long as it hangs. */
export const SAVE_TIMEOUT_MS = 5000;
/** Objects per page when a document is read: a page answers well within the save timeout even at 100,000 polygons
 *  on a busy machine, so a large document opens with progress and only a page that goes unanswered is asked again
 *  (one request for the whole document timed out there, and every resend queued another full read in the core). */
export const LOAD_PAGE = 10_000;

let transport: DocumentTransport = tagger.annotations;
let backoff: readonly number[] = DEFAULT_BACKOFF_MS;
let timeoutMs = SAVE_TIMEOUT_MS;
let pageSize = LOAD_PAGE;
let queue = createQueue();
let loadSeq = 0;

/** Resolves once the frame after now has been painted and the page is idle (a frame callback, then an idle
 *  callback), or after 50 ms at the latest (a hidden tab, tests, a page kept busy): an edit is sent to the core after
 *  the user saw it, not between the key and the paint (starting the request took several milliseconds of the 16 a
 *  frame has), and the next key's work and frame go before it. */
function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    const done = () => { clearTimeout(timer); resolve(); };
    requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(done, { timeout: 50 }) : setTimeout(done, 0)));
  });
}

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
  }, backoff, Date.now, afterPaint);
}

/** Replaces the transport (and the backoff steps, timeout and page size); drops the queue. For tests and for a
 *  shell without `tagger`. */
export function setDocumentTransport(t: DocumentTransport, backoffMs: readonly number[] = DEFAULT_BACKOFF_MS, saveTimeoutMs = SAVE_TIMEOUT_MS, loadPage = LOAD_PAGE): void {
  transport = t;
  backoff = backoffMs;
  timeoutMs = saveTimeoutMs;
  pageSize = loadPage;
  queue = createQueue();
  loadSeq++;
  useDocument.setState({ taskId: null, loading: false, objects: PersistentMap.empty(), version: 0, history: EMPTY_HISTORY, revision: 0, pending: 0, retry: null, error: null, readOnly: false, progress: null });
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
 *  is never older than what the user did; retries by itself while the core is unreachable. Another task's objects
 *  are cleared at once, and `progress` counts the new ones in as they arrive. */
export async function loadDocument(taskId: string | null): Promise<void> {
  const seq = ++loadSeq;
  if (!taskId) {
    useDocument.setState((s) => ({ taskId: null, objects: PersistentMap.empty(), version: s.version + 1, history: EMPTY_HISTORY, loading: false, readOnly: false, progress: null }));
    return;
  }
  const opening = useDocument.getState().taskId !== taskId || useDocument.getState().progress !== null;
  if (opening) useDocument.setState((s) => ({ taskId, loading: true, objects: PersistentMap.empty(), version: s.version + 1, history: EMPTY_HISTORY, revision: 0, readOnly: false, progress: { loaded: 0, total: null } }));
  else useDocument.setState({ taskId, loading: true });
  const wanted = () => seq === loadSeq;
  for (;;) {
    await queue.idle(taskId);
    if (!wanted()) return;
    const doc = await readDocument(taskId, wanted, opening ? (loaded, total) => useDocument.setState({ progress: { loaded, total } }) : null);
    if (!doc || !wanted()) return;
    // An edit made while the answer was on its way is newer than it: load again once that edit is stored.
    if (queue.pendingFor(taskId) > 0) continue;
    useDocument.setState((s) => ({
      taskId, loading: false, objects: doc.objects, version: s.version + 1, history: doc.history, revision: doc.revision,
      readOnly: !!doc.readOnly, progress: null,
    }));
    return;
  }
}

/** The whole document, read page by page with the next page asked for before this one has arrived (the core
 *  reads one while the page takes in the other); each page retried alone while the core is unreachable. Starts
 *  over when the document changed between pages. */
async function readDocument(taskId: string, wanted: () => boolean, progress: ((loaded: number, total: number) => void) | null): Promise<(Omit<AnnotationDocument, 'objects'> & { objects: PersistentMap<AnnotationObject> }) | undefined> {
  const page = (offset: number) => {
    const p = untilReachable(() => withTimeout(transport.loadPage(taskId, offset, pageSize), timeoutMs), wanted, backoff);
    p.catch(() => undefined); // a page asked for ahead and then not awaited (the document changed) must not go unhandled
    return p;
  };
  // The queue row's object count says whether a second page will be needed: ask for it with the first.
  const expected = useApp.getState().tasks.find((t) => t.id === taskId)?.objectCount ?? 0;
  for (let attempt = 0; ; attempt++) {
    const early = attempt === 0 && expected > pageSize ? page(pageSize) : null;
    const first = await page(0);
    if (!first || !wanted()) return undefined;
    // Each page goes into the map as it arrives (the core is reading the next meanwhile), not all at the end.
    let objects = withPage(PersistentMap.empty<AnnotationObject>(), first.objects, taskId);
    let loaded = first.objects.length;
    progress?.(loaded, first.total);
    const offsets: number[] = [];
    for (let o = loaded; loaded > 0 && o < first.total; o += pageSize) offsets.push(o);
    let changed = false;
    // Two pages in flight: the core reads the next while this one travels and is parsed.
    const inFlight: Promise<AnnotationDocumentPage | undefined>[] = [];
    let asked = 0;
    if (early && offsets[0] === pageSize) { inFlight.push(early); asked = 1; }
    const askAhead = () => { while (asked < offsets.length && inFlight.length < 2) inFlight.push(page(offsets[asked++])); };
    askAhead();
    while (inFlight.length) {
      const got = await inFlight.shift()!;
      askAhead();
      if (!got || !wanted()) return undefined;
      if (got.revision !== first.revision) { changed = true; break; }
      objects = withPage(objects, got.objects, taskId);
      loaded += got.objects.length;
      progress?.(loaded, first.total);
    }
    if (changed) continue;
    const { taskId: id, history = EMPTY_HISTORY, revision, readOnly } = first;
    return { taskId: id, history, revision, readOnly, objects };
  }
}

/** Listeners told of each page of objects as it arrives while a task opens (the image canvas measures their
 *  shapes for its index then, instead of all at once when the last page is in). */
const pageListeners = new Set<(taskId: string, objects: readonly AnnotationObject[]) => void>();

export function onDocumentPage(fn: (taskId: string, objects: readonly AnnotationObject[]) => void): () => void {
  pageListeners.add(fn);
  return () => pageListeners.delete(fn);
}

function withPage(map: PersistentMap<AnnotationObject>, page: readonly AnnotationObject[], taskId: string): PersistentMap<AnnotationObject> {
  for (const fn of pageListeners) fn(taskId, page);
  return map.batch((b) => { for (const o of page) b.set(o.id, o); });
}

function applyLocal(objects: PersistentMap<AnnotationObject>, edit: Edit, taskId: string): PersistentMap<AnnotationObject> {
  return objects.batch((next) => {
    for (const op of edit.ops) {
      if (op.op === 'delete') next.delete(op.id);
      else {
        const prev = objects.get(op.object.id);
        next.set(op.object.id, { ...op.object, taskId, revision: (prev?.revision ?? 0) + 1, updatedAt: Date.now() });
      }
    }
  });
}

/** The core's answer for one change, merged into what is on screen. An object that a later queued change writes
 *  keeps its local state: the stored one is older than what the user already sees (fast typing, quick nudges). */
function applyStored(r: EditResult | null, change: QueuedChange): void {
  if (useDocument.getState().error) useDocument.setState({ error: null });
  if (!r || useDocument.getState().taskId !== change.taskId) return;
  mergeResult(change.taskId, r, (id) => queue.touchedLater(change.taskId, id, change), queue.pendingFor(change.taskId) === 1);
}

/** Merges a stored edit result into the document, except objects `keepLocal` names; `withHistory` when it is the last word. */
function mergeResult(taskId: string, r: EditResult, keepLocal: (id: string) => boolean, withHistory: boolean): void {
  useDocument.setState((s) => {
    const next = s.objects.batch((b) => {
      for (const id of r.deleted) if (!keepLocal(id)) b.delete(id);
      for (const o of r.upserted) if (!keepLocal(o.id)) b.set(o.id, o);
    });
    return { objects: next, version: s.version + 1, revision: r.revision, ...(withHistory ? { history: r.history } : {}) };
  });
  // The queue row follows (the core turned "To do" into "In progress" with the first edit).
  const count = useDocument.getState().objects.size;
  patchTaskRow(taskId, (t) => ({ objectCount: count, status: t.status === 'todo' ? 'in_progress' : t.status }));
}

/** `send` gets the change's id, the same on every attempt. */
function enqueue<T extends EditResult | null>(taskId: string, label: string, touches: string[], send: (changeId: string) => Promise<T>): Promise<void> {
  const changeId = newId('chg');
  return new Promise<void>((resolve) => {
    queue.push<T>({
      taskId, label, touches, send: () => withTimeout(send(changeId), timeoutMs),
      stored: (v, change) => { applyStored(v, change); resolve(); },
    });
    // A refused change also settles its caller: it was reported, and the document reloads.
    void queue.idle(taskId).then(resolve);
  });
}

/** Whether edits are refused now (a submitted task, or one whose pages are still arriving); refuseReadOnly says why. */
export function editsRefused(): boolean {
  const { readOnly, progress } = useDocument.getState();
  return readOnly || progress !== null;
}

/** "This task is still opening (5,000 of 21,000 objects)" while pages still arrive, else null. */
export function openingText(): string | null {
  const p = useDocument.getState().progress;
  if (!p) return null;
  const n = (x: number) => x.toLocaleString('en');
  return `This task is still opening (${n(p.loaded)}${p.total === null ? '' : ` of ${n(p.total)}`} objects)`;
}

/** Says why edits are refused now (once: identical toasts do not stack) and returns true; false when they are not. */
export function refuseReadOnly(): boolean {
  const { readOnly, progress } = useDocument.getState();
  if (readOnly) {
    toast('info', 'This task was submitted and is read-only; its annotations cannot change.');
    return true;
  }
  // While pages still arrive the document is partial: a shape drawn now would be stacked under objects not yet
  // here (its z comes from what is loaded), and undo would act on a history not yet read.
  if (progress) {
    toast('info', `${openingText()}; edit it once it has loaded.`);
    return true;
  }
  return false;
}

/** Applies an edit now and saves it; resolves when it is on disk (or was refused and reported). */
export function applyEdit(edit: Edit): Promise<void> {
  const { taskId, objects } = useDocument.getState();
  if (!taskId || !edit.ops.length || refuseReadOnly()) return Promise.resolve();
  useDocument.setState((s) => ({ objects: applyLocal(objects, edit, taskId), version: s.version + 1, history: { ...s.history, canUndo: true, undoLabel: edit.label, canRedo: false, redoLabel: null } }));
  const touches = edit.ops.map((op) => (op.op === 'delete' ? op.id : op.object.id));
  return enqueue(taskId, edit.label, touches, (id) => transport.edit(taskId, { ...edit, id }));
}

export function undo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId || refuseReadOnly()) return Promise.resolve();
  return enqueue(taskId, 'Undo', [], (id) => transport.undo(taskId, id));
}

export function redo(): Promise<void> {
  const { taskId } = useDocument.getState();
  if (!taskId || refuseReadOnly()) return Promise.resolve();
  return enqueue(taskId, 'Redo', [], (id) => transport.redo(taskId, id));
}

let awaitingResults = 0;

/**
 * Runs something in the core that edits the open task's document (a model, speech detection) and applies the edit
 * result it returns, once: the 'task-changed' event it also sends does not reload the document meanwhile.
 */
export async function applyRemoteEdit<T extends { edit: EditResult | null }>(taskId: string, run: () => Promise<T>): Promise<T> {
  awaitingResults++;
  try {
    const r = await run();
    if (r.edit && useDocument.getState().taskId === taskId) {
      // Queued local changes go first, so the stored result is merged over what they left.
      await queue.idle(taskId);
      if (useDocument.getState().taskId !== taskId) return r;
      // Edits the user stored meanwhile came after it: the result alone is not the whole picture, so read it all.
      if (r.edit.revision >= useDocument.getState().revision) mergeResult(taskId, r.edit, () => false, true);
      else await loadDocument(taskId);
    }
    return r;
  } finally {
    awaitingResults--;
  }
}

/** True while the open document will change by itself: local changes not stored yet, or a remote edit on its way. */
export function documentBusy(): boolean {
  return useDocument.getState().pending > 0 || awaitingResults > 0;
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

export function objectList(): readonly AnnotationObject[] {
  return orderedObjects(useDocument.getState().objects);
}

let top: { map: PersistentMap<AnnotationObject>; next: number } | null = null;

/** One above the topmost object (the paint order's last). Follows the store's map by its differences: an edit
 *  costs what it changed, not the paint-order list's copy of every object (800 KB at 100,000, on every new span);
 *  only removing the topmost object reads them all again. */
export function nextZ(): number {
  const map = useDocument.getState().objects;
  if (top?.map === map) return top.next;
  let next: number | null = null;
  const keys = top ? map.changedKeys(top.map) : null;
  if (top && keys && keys.length <= 2048) {
    next = top.next;
    for (const id of keys) {
      const old = top.map.get(id), o = map.get(id);
      const z = o ? nextZOf([o]) : 0;
      // The one on top left or moved down: which one is on top now takes a look at all of them.
      if (old && nextZOf([old]) === top.next && z < top.next) { next = null; break; }
      next = Math.max(next, z);
    }
  }
  top = { map, next: next ?? nextZOf(map.values()) };
  return top.next;
}
