// Saved/saving state, online/offline and the sync backlog, the cursor position and zoom of the workspace, jobs.
import { useApp } from '../stores/app.ts';
import { tagger } from '../api/tagger.ts';
import { useWaitedSeconds, waitedText } from '../ui/useWaitedSeconds.ts';

export function StatusBar() {
  const save = useApp((s) => s.save);
  const sync = useApp((s) => s.sync);
  const cursor = useApp((s) => s.cursorInfo);
  const zoom = useApp((s) => s.zoomInfo);
  const jobs = useApp((s) => s.jobs);
  const moving = useApp((s) => s.moving);
  // Counted from the last move that landed: F held down keeps moves pending, but each landing shows the core answers.
  const waited = useWaitedSeconds(moving > 0, moving);
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span role="status" aria-label="Save state" className={`save save-${save.status}`}>
        {save.status === 'saved' ? 'Saved ✓' : save.status === 'saving' ? 'Saving…' : save.message ?? 'Not saved'}
      </span>
      <span className={`net ${sync.online ? 'online' : 'offline'}`} aria-label="Network state">{sync.online ? 'Online' : 'Offline'}</span>
      <span aria-label="Waiting to sync">{sync.pending} waiting to sync</span>
      {/* Shown after a moment (CSS), so quick moves do not flicker; a key pressed while the core is slow says so. */}
      {moving > 0 ? <span className="moving" role="status" aria-label="Opening task">Opening {moving > 1 ? `task (${moving} moves asked)` : 'task'}…{waitedText(waited)}</span> : null}
      <JobList jobs={jobs} />
      <span className="spacer" />
      {cursor ? <span aria-label="Cursor position" className="mono">{cursor}</span> : null}
      {zoom ? <span aria-label="Zoom level" className="mono">{zoom}</span> : null}
    </footer>
  );
}

/** Running jobs with progress and Cancel; shown in the status bar and inside modal dialogs that start jobs. */
export function JobList({ jobs }: { jobs: ReturnType<typeof useApp.getState>['jobs'] }) {
  return (
    <>
      {Object.values(jobs).filter((j) => j.state === 'running').map((j) => (
        <span key={j.jobId} className="job" role="progressbar" aria-label={j.title} aria-valuemin={0} aria-valuemax={j.total} aria-valuenow={j.done}>
          {j.title} {j.done}/{j.total}
          <progress max={Math.max(1, j.total)} value={j.done} />
          <button onClick={() => void tagger.jobs.cancel(j.jobId)} aria-label={`Cancel ${j.title}`}>Cancel</button>
        </span>
      ))}
    </>
  );
}

export function Toasts() {
  const toasts = useApp((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} role={t.kind === 'error' ? 'alert' : 'status'} className={`toast toast-${t.kind}`}>{t.text}</div>
      ))}
    </div>
  );
}
