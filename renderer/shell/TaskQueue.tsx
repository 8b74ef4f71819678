// A project's task queue: status, difficulty, assignee, filters, and "Next task". Keyboard: arrows move, Enter opens.
import { useEffect, useMemo, useState } from 'react';
import { useApp, toast, errorText } from '../stores/app.ts';
import { navigate, openNextTask, refreshTasks } from '../stores/navigation.ts';
import { STATUS_LABEL } from '../ui/format.ts';
import { useVirtualRows } from '../ui/useVirtualRows.ts';
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter.ts';
import { focusWorkspaceWhenReady } from './WorkspaceHost.tsx';
import { tagger } from '../api/tagger.ts';
import { TASK_STATUSES, type AssetKind, type TaskStatus, type TaskSummary } from '../../shared/domain.ts';
import { FileFoldersHint, usePathExample } from './FileFolders.tsx';

const ROW_HEIGHT = 40;

function scrollRowIntoView(list: HTMLElement | null, index: number) {
  if (!list) return;
  const top = index * ROW_HEIGHT;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
}

export function TaskQueue() {
  const tasks = useApp((s) => s.tasks);
  const taskId = useApp((s) => s.taskId);
  const projectId = useApp((s) => s.projectId);
  const filter = useApp((s) => s.filter);
  // Only the rows in view are rendered, so a queue of 100,000 tasks scrolls like one of ten.
  const { ref: listRef, onScroll, first, last, viewport } = useVirtualRows<HTMLUListElement>(tasks.length, ROW_HEIGHT, 10, 600);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    void refreshTasks();
  }, [projectId, filter]);
  // Only when the open task's row moves: an edit patches its row (a new list each time), and scrolling then read the
  // layout once per edit in every workspace.
  const openRow = useMemo(() => tasks.findIndex((t) => t.id === taskId), [tasks, taskId]);
  useEffect(() => {
    if (openRow >= 0) scrollRowIntoView(listRef.current, openRow);
  }, [openRow]);
  useEffect(() => {
    if (focusIndex === null) return;
    listRef.current?.querySelector<HTMLButtonElement>(`button[data-index="${focusIndex}"]`)?.focus();
  }, [focusIndex, viewport]);
  const setFilter = (patch: Partial<typeof filter>) => useApp.setState({ filter: { ...filter, ...patch } });
  const onKey = (e: React.KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (e.key === 'Home' || e.key === 'End' || e.key in keys) {
      const cur = Number((document.activeElement as HTMLElement)?.dataset.index ?? 0);
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? tasks.length - 1 : Math.max(0, Math.min(tasks.length - 1, cur + keys[e.key]));
      scrollRowIntoView(listRef.current, next);
      setFocusIndex(next);
      e.preventDefault();
    }
  };
  return (
    <nav className="queue" aria-label="Task queue">
      <div className="queue-head">
        <button onClick={() => void openNextTask()} title="Next task (F)" aria-label="Next task (F)">Next task</button>
        <span className="muted" aria-live="polite">{tasks.length} tasks</span>
      </div>
      <div className="queue-filters">
        <input type="search" placeholder="Filter by name…" aria-label="Filter tasks by name" value={filter.search} onChange={(e) => setFilter({ search: e.target.value })} />
        <select aria-label="Filter by status" value={filter.status[0] ?? ''} onChange={(e) => setFilter({ status: e.target.value ? [e.target.value as TaskStatus] : [] })}>
          <option value="">All statuses</option>
          {TASK_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
        <select aria-label="Filter by kind" value={filter.kind[0] ?? ''} onChange={(e) => setFilter({ kind: e.target.value ? [e.target.value as AssetKind] : [] })}>
          <option value="">All kinds</option>
          <option value="image">Images</option>
          <option value="audio">Audio</option>
          <option value="text">Text</option>
        </select>
      </div>
      {tasks.length === 0 && projectId ? <EmptyQueue projectId={projectId} filtered={!!(filter.search || filter.status.length || filter.kind.length)} /> : null}
      <ul ref={listRef} className="task-list" aria-label="Tasks" onKeyDown={onKey} onScroll={onScroll}>
        <li aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />
        {tasks.slice(first, last).map((t, k) => (
          <li key={t.id} style={{ height: ROW_HEIGHT }} aria-setsize={tasks.length} aria-posinset={first + k + 1}>
            {/* The name reads in the order the row shows its words (label in name), the kind last. */}
            <button className="task-row" data-index={first + k} aria-current={t.id === taskId} onClick={(e) => { navigate(t.projectId, t.id); if (e.detail > 0) focusWorkspaceWhenReady(t.id); }} aria-label={`${t.name}, ${STATUS_LABEL[t.status]}, ${taskMeta(t)}, ${t.kind}`}>
              <span className={`kind-dot kind-${t.kind}`} aria-hidden="true" />
              <span className="task-name">{t.name}</span>{' '}
              <span className={`status status-${t.status}`}>{STATUS_LABEL[t.status]}</span>{' '}
              <span className="task-meta muted">{taskMeta(t)}</span>
            </button>
          </li>
        ))}
        <li aria-hidden="true" style={{ height: (tasks.length - last) * ROW_HEIGHT }} />
      </ul>
    </nav>
  );
}

function taskMeta(t: TaskSummary): string {
  return `${objectsText(t.objectCount)}${t.difficulty > 1 ? ` · difficulty ${t.difficulty}` : ''}${t.assignee ? ` · ${t.assignee.slice(0, 8)}` : ''}`;
}

function objectsText(n: number): string {
  return n === 0 ? 'no annotations' : `${n} annotation${n === 1 ? '' : 's'}`;
}

function EmptyQueue({ projectId, filtered }: { projectId: string; filtered: boolean }) {
  const [paths, setPaths] = useState('');
  const info = useApp((s) => s.projects.find((p) => p.id === projectId));
  const example = usePathExample('my-images');
  if (filtered) return <p className="muted empty">No task matches the filter.</p>;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const list = paths.split('\n').map((p) => p.trim()).filter(Boolean);
      const r = await tagger.imports.paths(projectId, list);
      toast(r.failed.length ? 'error' : 'success', `Imported ${r.imported}, ${r.duplicates} duplicates, ${r.failed.length} failed${r.failed.length ? `: ${r.failed.slice(0, 3).map((f) => `${f.path} (${f.reason})`).join('; ')}` : ''}`);
      await refreshTasks();
    } catch (err) {
      toast('error', errorText(err));
    }
  };
  return (
    <div className="empty">
      <p>This project has no tasks yet. Import images, audio or text from this machine:</p>
      <form onSubmit={submit}>
        <textarea aria-label="Files or folders to import, one per line" rows={3} value={paths} onChange={(e) => setPaths(e.target.value)} onKeyDown={submitOnCtrlEnter} placeholder={example} title="One path per line; Ctrl+Enter imports" />
        <button type="submit">Import files</button>
      </form>
      <FileFoldersHint />
      <p className="muted">or from a terminal: <code>npx tagger import --project "{info?.name ?? 'NAME'}" PATH…</code></p>
    </div>
  );
}
