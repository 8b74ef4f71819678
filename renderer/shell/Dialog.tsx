// A modal dialog with a title, a close button and Escape to close.
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    const onCancel = (e: Event) => { e.preventDefault(); onClose(); };
    d.addEventListener('cancel', onCancel);
    return () => d.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    // Escape is also handled on the element, so nothing listening on window can swallow the dialog's cancel.
    <dialog ref={ref} aria-label={title} className={`dialog${className ? ` ${className}` : ''}`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
      <header><h2>{title}</h2><button onClick={onClose} aria-label="Close">✕</button></header>
      {children}
    </dialog>
  );
}
