// The loud half of saving: while the core is unreachable it says how many changes wait and when the next try is;
// after a change was refused it says which one and why. Edits stay on screen the whole time.
import { useEffect, useState } from 'react';
import { useDocument, retrySavingNow, dismissSaveError } from './documentStore.ts';

/** Always rendered (an empty row when all is saved) so the shell's grid keeps its rows. */
export function SaveBanner() {
  return <div className="save-banner-slot"><SaveBannerContent /></div>;
}

function SaveBannerContent() {
  const retry = useDocument((s) => s.retry);
  const pending = useDocument((s) => s.pending);
  const error = useDocument((s) => s.error);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!retry) return;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [retry]);
  if (retry) {
    const secs = Math.max(0, Math.ceil((retry.nextAt - Date.now()) / 1000));
    return (
      <div className="save-banner" role="alert" aria-label="Unsaved changes">
        <strong>{pending} change{pending === 1 ? '' : 's'} not saved yet.</strong>{' '}
        <span>{retry.message} Retrying {secs > 0 ? `in ${secs} s` : 'now'} (attempt {retry.attempt}); keep working, nothing is lost while this page stays open.</span>
        <button onClick={retrySavingNow}>Retry now</button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="save-banner" role="alert" aria-label="Save failed">
        <span>{error}. The document shows what is stored.</span>
        <button onClick={dismissSaveError}>Dismiss</button>
      </div>
    );
  }
  return null;
}

/** Warns before closing or reloading the page while changes are not stored yet. */
export function useUnsavedGuard(): void {
  const pending = useDocument((s) => s.pending);
  useEffect(() => {
    if (!pending) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [pending]);
}
