// A modal dialog with a title, a close button and Escape to close.
import { useEffect, useRef } from 'react';

export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    const onCancel = (e: Event) => { e.preventDefault(); onClose(); };
    d.addEventListener('cancel', onCancel);
    return () => d.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    <dialog ref={ref} aria-label={title} className="dialog">
      <header><h2>{title}</h2><button onClick={onClose} aria-label="Close">✕</button></header>
      {children}
    </dialog>
  );
}

