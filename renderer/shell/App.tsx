// The app shell: header (where am I, queue position, task navigation), queue, workspace, status bar, dialogs.
import { lazy, Suspense, useEffect } from 'react';
import { useApp, toast, dismissTopic } from '../stores/app.ts';
import { navigate, navigateReview, openNextTask, openPreviousTask, refreshProjects, refreshTasks, reopenLastPlace, syncFromHash } from '../stores/navigation.ts';
import { tagger, onEvent } from '../api/tagger.ts';
import { installKeyboard, useActions } from '../actions/registry.ts';
import { ProjectList } from './ProjectList.tsx';
import { TaskQueue } from './TaskQueue.tsx';
import { WorkspaceHost } from './WorkspaceHost.tsx';
import { StatusBar, Toasts } from './StatusBar.tsx';
import { CommandPalette, SettingsDialog, ShortcutDialog } from './Dialogs.tsx';
import { ImportExportDialog } from './ImportExportDialog.tsx';
import { redo, undo, useDocument } from '../features/document/documentStore.ts';
import { SaveBanner, useUnsavedGuard } from '../features/document/SaveBanner.tsx';
import { finishAndNext, markDoneAndNext, submitAndNext } from '../features/wallet/submitTask.ts';
import { ConfirmHost } from '../ui/Confirm.tsx';
import { NetworkControls } from '../features/sync/NetworkControls.tsx';
import { SchemaEditorDialog } from '../features/schema/SchemaEditor.tsx';
import { ModelClassesDialog } from '../features/document/ModelClassesDialog.tsx';

const ReviewMode = lazy(() => import('../features/review/ReviewMode.tsx'));

export function App() {
  const projectId = useApp((s) => s.projectId);
  const taskId = useApp((s) => s.taskId);
  const dialog = useApp((s) => s.dialog);
  const theme = useApp((s) => s.settings.theme);
  const queueCollapsed = useApp((s) => s.settings.queueCollapsed);
  const project = useApp((s) => s.projects.find((p) => p.id === s.projectId));
  const tasks = useApp((s) => s.tasks);
  const current = tasks.find((t) => t.id === taskId);
  const position = current ? tasks.indexOf(current) + 1 : 0;
  const readOnly = useDocument((s) => s.readOnly);
  const reviewing = useApp((s) => !!s.review);

  useUnsavedGuard();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const offKeys = installKeyboard();
    void tagger.settings.get().then((settings) => {
      useApp.setState({ settings });
      void reopenLastPlace(settings);
    });
    void refreshProjects();
    void tagger.app.info().then((info) => useApp.setState({ info })).catch(() => undefined);
    void tagger.sync.status().then((sync) => useApp.setState({ sync })).catch(() => undefined);
    syncFromHash();
    window.addEventListener('hashchange', syncFromHash);
    const offProgress = onEvent('progress', (p) => {
      useApp.setState((s) => ({ jobs: { ...s.jobs, [p.jobId]: p } }));
      // A failure stays until read; the same work done later (a retry) takes the stale failure away.
      if (p.state === 'failed') toast('error', `${p.title} failed: ${p.message ?? ''}`, undefined, `job:${p.title}`);
      if (p.state === 'finished') dismissTopic(`job:${p.title}`);
      if (p.state !== 'running') {
        setTimeout(() => useApp.setState((s) => { const jobs = { ...s.jobs }; delete jobs[p.jobId]; return { jobs }; }), 1500);
        void refreshTasks();
        void refreshProjects();
      }
    });
    const offSync = onEvent('sync', (sync) => useApp.setState({ sync }));
    // Changes made elsewhere (a terminal import, a sync, speech detection) show in the lists without a reload.
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      clearTimeout(refresh);
      refresh = setTimeout(() => { void refreshTasks(); void refreshProjects(); }, 300);
    };
    const offStore = onEvent('store-changed', refreshSoon);
    const offTask = onEvent('task-changed', refreshSoon);
    // a .tagger file opened with the app (double-click, or named on the command line) opens Import/Export on it
    const takeOpened = () => void tagger.bundles.opened().then((paths) => {
      if (paths.length) useApp.setState({ dialog: 'import-export', openedBundle: paths[paths.length - 1] });
    }).catch(() => undefined);
    takeOpened();
    const offOpened = onEvent('bundle-opened', takeOpened);
    return () => { offKeys(); offProgress(); offSync(); offStore(); offTask(); offOpened(); clearTimeout(refresh); window.removeEventListener('hashchange', syncFromHash); };
  }, []);

  useActions(() => [
    { id: 'app.palette', title: 'Command palette', group: 'App', keys: ['Ctrl+K', 'Ctrl+Shift+P'], run: () => useApp.setState({ dialog: 'palette' }) },
    { id: 'app.shortcuts', title: 'Keyboard shortcuts', group: 'App', keys: ['?'], run: () => useApp.setState({ dialog: 'shortcuts' }) },
    { id: 'app.settings', title: 'Settings', group: 'App', keys: ['Ctrl+,'], run: () => useApp.setState({ dialog: 'settings' }) },
    { id: 'project.importExport', title: 'Import and export…', group: 'Project', keys: ['Ctrl+Shift+E'], enabled: () => !!useApp.getState().projectId, run: () => useApp.setState({ dialog: 'import-export' }) },
    { id: 'project.schema', title: 'Edit labels and schema…', group: 'Project', keys: ['Ctrl+Shift+S'], enabled: () => !!useApp.getState().projectId, run: () => useApp.setState({ dialog: 'schema' }) },
    { id: 'app.bundles', title: 'Import or export a signed bundle…', group: 'Project', run: () => useApp.setState({ dialog: 'import-export' }) },
    { id: 'app.projects', title: 'All projects', group: 'Navigation', keys: ['Ctrl+Shift+O'], run: () => navigate(null) },
    { id: 'task.next', title: 'Next task', group: 'Navigation', keys: ['F', 'Ctrl+ArrowRight'], enabled: () => !!useApp.getState().projectId, run: openNextTask },
    { id: 'task.previous', title: 'Previous task', group: 'Navigation', keys: ['D', 'Ctrl+ArrowLeft'], enabled: () => !!useApp.getState().taskId, run: openPreviousTask },
    { id: 'task.finish', title: 'Finish task and open next (submit a network task, mark a local one done)', group: 'Task', keys: ['Ctrl+Enter'], enabled: () => !!useApp.getState().taskId, run: finishAndNext },
    { id: 'task.markDone', title: 'Mark done and open next (nothing is signed or sent)', group: 'Task', keys: ['Ctrl+Shift+Enter'], enabled: () => !!useApp.getState().taskId && !useDocument.getState().readOnly, run: markDoneAndNext },
    { id: 'edit.undo', title: 'Undo', group: 'Edit', keys: ['Ctrl+Z'], enabled: () => !!useDocument.getState().taskId, run: undo },
    { id: 'edit.redo', title: 'Redo', group: 'Edit', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], enabled: () => !!useDocument.getState().taskId, run: redo },
    { id: 'review.open', title: 'Review mode: compare annotators\' versions and sign a verdict', group: 'Navigation', keys: ['Ctrl+Shift+V'], enabled: () => !!useApp.getState().projectId && !useApp.getState().review, run: () => navigateReview(useApp.getState().projectId!) },
    { id: 'view.queue', title: 'Show or hide the task queue', group: 'View', keys: ['Ctrl+B'], run: async () => useApp.setState({ settings: await tagger.settings.set({ queueCollapsed: !useApp.getState().settings.queueCollapsed }) }) },
  ], []);

  return (
    <div className={`app${queueCollapsed ? ' queue-collapsed' : ''}`}>
      <header className="appbar" role="banner">
        <button className="brand" onClick={() => navigate(null)} aria-label="Tagger: all projects" title="All projects">Tagger</button>
        {project ? <h1 className="sr-only">{project.name}{current ? ` › ${current.name}` : ''}</h1> : null}
        <div className="crumbs" role="group" aria-label="Location">
          {project ? <button className="link" onClick={() => navigate(project.id)}>{project.name}</button> : null}
          {current ? <><span aria-hidden="true"> › </span><span className="current-task">{current.name}</span></> : null}
          {current ? <span className="muted position" aria-label="Queue position">{position} / {tasks.length}</span> : null}
        </div>
        {projectId && !reviewing ? (
          <nav className="task-nav" aria-label="Task navigation">
            <button onClick={() => void openPreviousTask()} disabled={!taskId} aria-label="Previous task (D)" title="Previous task (D)">‹ Previous</button>
            <button onClick={() => void openNextTask()} aria-label="Next task (F)" title="Next task (F)">Next ›</button>
            {current?.sourceNode ? (
              <button className="primary" onClick={() => void submitAndNext()} disabled={readOnly} aria-label="Submit task and open next (Ctrl+Enter)" title="Sign and send this task to the node, then open the next (Ctrl+Enter)">Submit ✓</button>
            ) : (
              <button className="primary" onClick={() => void markDoneAndNext()} disabled={!taskId || readOnly} aria-label="Mark done and open next (Ctrl+Enter)" title="Mark this task done here (nothing is sent), then open the next (Ctrl+Enter or Ctrl+Shift+Enter)">Mark done ✓</button>
            )}
          </nav>
        ) : null}
        {projectId && !reviewing ? <button onClick={() => navigateReview(projectId)} aria-label="Review mode (Ctrl+Shift+V)" title="Review mode: compare annotators' versions and sign a verdict (Ctrl+Shift+V)">Review</button> : null}
        {reviewing ? <span className="rv-badge" aria-label="Mode">Reviewing</span> : null}
        <span className="spacer" />
        <NetworkControls />
        {projectId ? <button onClick={() => useApp.setState({ dialog: 'import-export' })} aria-label="Import and export (Ctrl+Shift+E)" title="Import and export (Ctrl+Shift+E)">⇅<span className="wide-only"> Import and export</span></button> : null}
        {projectId ? <button onClick={() => useApp.setState({ dialog: 'schema' })} aria-label="Labels and schema (Ctrl+Shift+S)" title="Edit labels and schema (Ctrl+Shift+S)">Labels</button> : null}
        <button onClick={() => useApp.setState({ dialog: 'palette' })} aria-label="Command palette (Ctrl+K)" title="Command palette (Ctrl+K)">⌘<span className="wide-only"> Command palette</span></button>
        <button onClick={() => useApp.setState({ dialog: 'shortcuts' })} aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)">?</button>
        <button onClick={() => useApp.setState({ dialog: 'settings' })} aria-label="Settings (Ctrl+,)" title="Settings (Ctrl+,)">⚙<span className="wide-only"> Settings</span></button>
      </header>
      <SaveBanner />
      {projectId && reviewing ? (
        <div className="body body-single">
          <Suspense fallback={<div className="ws-empty muted" aria-busy="true">Loading review mode…</div>}><ReviewMode /></Suspense>
        </div>
      ) : projectId ? (
        <div className="body">
          {queueCollapsed ? null : <TaskQueue />}
          <main className="workspace" aria-label="Workspace"><WorkspaceHost /></main>
        </div>
      ) : (
        <div className="body body-single"><ProjectList /></div>
      )}
      <StatusBar />
      <Toasts />
      <ConfirmHost />
      {dialog === 'settings' ? <SettingsDialog /> : null}
      {dialog === 'shortcuts' ? <ShortcutDialog /> : null}
      {dialog === 'palette' ? <CommandPalette /> : null}
      {dialog === 'import-export' ? <ImportExportDialog /> : null}
      {dialog === 'schema' ? <SchemaEditorDialog /> : null}
      {dialog === 'model-classes-image' || dialog === 'model-classes-text' ? <ModelClassesDialog kind={dialog === 'model-classes-image' ? 'image' : 'text'} /> : null}
    </div>
  );
}
