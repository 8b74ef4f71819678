// A yes/no question before something that cannot be taken back (UX.md: only destructive confirmations are dialogs).
// `confirmChoice` returns a promise; <ConfirmHost/> in the shell shows the one open question. The safe answer has
// focus, so Enter never confirms by accident.
import { create } from 'zustand';
import { Dialog } from './Dialog.tsx';

interface Question { title: string; message: string; confirm: string; answer: (yes: boolean) => void }

const useConfirm = create<{ open: Question | null }>(() => ({ open: null }));

export function confirmChoice(title: string, message: string, confirm: string): Promise<boolean> {
  useConfirm.getState().open?.answer(false);
  return new Promise((resolve) => useConfirm.setState({ open: { title, message, confirm, answer: (yes) => { useConfirm.setState({ open: null }); resolve(yes); } } }));
}

export function ConfirmHost() {
  const q = useConfirm((s) => s.open);
  if (!q) return null;
  return (
    <Dialog title={q.title} onClose={() => q.answer(false)}>
      <p>{q.message}</p>
      <div className="dialog-actions">
        <button className="primary" data-autofocus="" onClick={() => q.answer(false)}>Cancel</button>
        <button onClick={() => q.answer(true)}>{q.confirm}</button>
      </div>
    </Dialog>
  );
}
