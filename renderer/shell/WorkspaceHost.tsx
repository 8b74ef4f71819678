// Loads the open task and mounts the tool for its kind of asset.
import { Suspense, useEffect, useMemo, useState } from 'react';
import type { TaskDetail } from '../../shared/domain.ts';
import { defaultSchema } from '../../shared/defaultSchema.ts';
import { tagger, onEvent } from '../api/tagger.ts';
import { useApp, errorText } from '../stores/app.ts';
import { WORKSPACES, PlaceholderWorkspace, OPENS_WHILE_LOADING, PREFETCH } from '../features/registry.ts';
import { DocumentProgress } from '../features/document/DocumentProgress.tsx';
import { documentBusy, loadDocument, useDocument } from '../features/document/documentStore.ts';
import { untilReachable } from '../features/document/saveQueue.ts';
import { withDefaultHotkeys } from '../features/workspace/labelActions.ts';
import { runHeldKeys } from '../actions/registry.ts';
import { cancelHeldKeys, setOpeningTask } from '../actions/typeAhead.ts';
import { useWaitedSeconds, waitedText } from '../ui/useWaitedSeconds.ts';

const WORK_SURFACE = 'main.workspace [role="application"], main.workspace [role="document"][tabindex]';

/** After a task is opened with the mouse from the queue, keyboard focus goes to its canvas, waveform or document
 *  (once it is there), so Tab walks the task's objects instead of the queue's rows. */
export function focusWorkspaceWhenReady(taskId: string, within = 5000): void {
  const until = performance.now() + within;
  const step = () => {
    if (useApp.getState().taskId !== taskId || performance.now() > until) return;
    const el = useDocument.getState().taskId === taskId && !useDocument.getState().loading ? document.querySelector<HTMLElement>(WORK_SURFACE) : null;
    if (el) el.focus();
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

export function WorkspaceHost() {
  const taskId = useApp((s) => s.taskId);
  const empty = useApp((s) => s.tasks.length === 0 && !s.filter.search && !s.filter.status.length && !s.filter.kind.length);
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    if (!taskId) {
      setDetail(null);
      void loadDocument(null);
      return;
    }
    const row = useApp.getState().tasks.find((t) => t.id === taskId);
    if (row) PREFETCH[row.kind]?.(row.assetId);
    // While the core is unreachable this keeps trying; the save banner says why nothing opens yet.
    const task = untilReachable(() => tagger.tasks.get(taskId), () => live);
    task.then((d) => live && d && OPENS_WHILE_LOADING.has(d.asset.kind) && setDetail(d)).catch(() => undefined);
    Promise.all([task, loadDocument(taskId)])
      .then(([d]) => live && d && setDetail(d))
      .catch((e) => live && setError(errorText(e)));
    return () => { live = false; };
  }, [taskId]);
  // Labels edited and saved in this page: take the project's new schema without reopening the task.
  const schemaRev = useApp((s) => s.schemaRev);
  useEffect(() => {
    if (!schemaRev || !detail) return;
    let live = true;
    void tagger.projects.get(detail.project.id).then((project) => live && setDetail((cur) => (cur && cur.project.id === project.id ? { ...cur, project } : cur)));
    return () => { live = false; };
  }, [schemaRev]);
  useEffect(() => onEvent('task-changed', ({ taskId: changed, revision }) => {
    // Not while the document is about to change by itself (its own edits, a model's result on its way), nor when
    // it already shows that revision (the page applied the result of the call that made the change).
    const doc = useDocument.getState();
    if (changed !== doc.taskId || documentBusy() || (revision !== undefined && revision <= doc.revision)) return;
    void loadDocument(changed);
  }), []);
  // A project without labels for this kind (e.g. published to a node without a schema) still gets usable ones, and
  // every workspace gets the same label keys (1..9, 0 when the schema names none).
  const schema = useMemo(() => {
    if (!detail) return null;
    const s = detail.project.schema[detail.asset.kind] ?? defaultSchema()[detail.asset.kind]!;
    const labels = withDefaultHotkeys(s.labels);
    return labels === s.labels ? s : { ...s, labels };
  }, [detail]);
  const ready = !!detail && !!schema && detail.task.id === taskId;
  // Keys pressed while the task opens (F then 2: label 2 on the next task) are held for it until its tool is here.
  // Once ready, the keys stay held until the tool (which may still be loading its code) has mounted and taken them.
  useEffect(() => {
    if (!taskId || error) cancelHeldKeys();
    else if (!ready) setOpeningTask(taskId);
  }, [taskId, ready, error]);
  useEffect(() => cancelHeldKeys, []);
  if (!taskId) return <div className="ws-empty muted">{empty ? 'Import files into this project (in the queue on the left, or with tagger import) to get tasks.' : <>Open a task from the queue, or press <kbd>F</kbd> for the next one.</>}</div>;
  if (error) return <div className="ws-empty" role="alert">Could not open this task: {error}</div>;
  if (!ready || !detail || !schema) return <Opening />;
  const Tool = WORKSPACES[detail.asset.kind] ?? PlaceholderWorkspace;
  return (
    <Suspense fallback={<div className="ws-empty muted" aria-busy="true">Loading the {detail.asset.kind} tool…</div>}>
      <Tool key={detail.task.id} detail={detail} schema={schema} />
      <HeldKeys taskId={detail.task.id} />
    </Suspense>
  );
}

/** Runs the keys held while the task opened. Mounted after the tool, so its effects (and actions) come first. */
function HeldKeys({ taskId }: { taskId: string }) {
  // Once no move is on its way: F, F, 2 gives the 2 to the task the second F opens, not the first.
  const moving = useApp((s) => s.moving);
  useEffect(() => { if (!moving) runHeldKeys(taskId); }, [taskId, moving]);
  return null;
}

/** The placeholder while a task opens; after a few seconds it says the core is not answering. */
function Opening() {
  // A page of the document arriving shows the core answers: the count starts again from it.
  const loaded = useDocument((s) => s.progress?.loaded ?? -1);
  const waited = useWaitedSeconds(true, loaded);
  return <div className="ws-empty muted" aria-busy="true">Opening…{waitedText(waited)}<DocumentProgress /></div>;
}
