// Reject or send back for rework: both need words the annotators will read on the task. Enter in the field (or the
// button) signs; an empty reason is refused here before anything is signed.
import { useState } from 'react';
import { create } from 'zustand';
import { Dialog } from '../../ui/Dialog.tsx';
import { submitVerdict } from './verdict.ts';

type Kind = 'reject' | 'rework';
const useVerdictDialog = create<{ open: Kind | null }>(() => ({ open: null }));

export function openVerdict(kind: Kind): void {
  useVerdictDialog.setState({ open: kind });
}

const TEXT: Record<Kind, { title: string; field: string; button: string }> = {
  reject: { title: 'Reject this item', field: 'Reason (the annotators see it)', button: 'Reject and sign' },
  rework: { title: 'Send back for rework', field: 'Comment for the annotators', button: 'Send back and sign' },
};

export function VerdictDialog() {
  const kind = useVerdictDialog((s) => s.open);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!kind) return null;
  const t = TEXT[kind];
  const close = () => { useVerdictDialog.setState({ open: null }); setReason(''); };
  const go = async () => {
    if (!reason.trim() || busy) return;
    setBusy(true);
    const ok = await submitVerdict(kind, reason.trim());
    setBusy(false);
    if (ok) close();
  };
  return (
    <Dialog title={t.title} onClose={close}>
      <form onSubmit={(e) => { e.preventDefault(); void go(); }} className="rv-verdict">
        <label>{t.field}<textarea aria-label={t.field} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} autoFocus
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void go(); } }} /></label>
        {!reason.trim() ? <p className="muted">Say why: the annotators see this on the task.</p> : null}
        <div className="row"><button type="button" onClick={close}>Cancel</button><button className="primary" type="submit" disabled={!reason.trim() || busy}>{t.button}</button></div>
      </form>
    </Dialog>
  );
}
