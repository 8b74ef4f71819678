// A modal dialog with a title, a close button and Escape to close. Focus follows the WAI-ARIA dialog pattern:
// on open it goes to the element the content asked for (autoFocus / data-autofocus), else the first field, else the
// default action (the primary button), else the first button; on close it returns to where it was.
import { useEffect, useRef, type ReactNode } from 'react';

const FIELD = 'input:not([type=hidden]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]):not([readonly])';

/** Where focus goes when a dialog opens; `focusedBefore` is what React's autoFocus chose during mount, if inside. */
export function initialFocus(dialog: HTMLElement, focusedBefore: Element | null): HTMLElement | null {
  if (focusedBefore instanceof HTMLElement && focusedBefore !== dialog && dialog.contains(focusedBefore)) return focusedBefore;
  return dialog.querySelector<HTMLElement>('[data-autofocus]')
    ?? dialog.querySelector<HTMLElement>(FIELD)
    ?? dialog.querySelector<HTMLElement>('button.primary:not([disabled])')
    ?? dialog.querySelector<HTMLElement>('button:not([disabled]):not([data-dialog-close])')
    ?? dialog.querySelector<HTMLElement>('[data-dialog-close]');
}

export function Dialog({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  // The element that had focus when the dialog was asked for (read during the first render, before autoFocus).
  const opener = useRef<Element | null | undefined>(undefined);
  if (opener.current === undefined) opener.current = typeof document !== 'undefined' ? document.activeElement : null;
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) {
      // showModal() moves focus to the first focusable element (the ✕), undoing React's autoFocus: put it back.
      const chosen = document.activeElement;
      d.showModal();
      initialFocus(d, chosen)?.focus();
    }
    const back = opener.current;
    return () => {
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    };
  }, []);
  useEffect(() => {
    const d = ref.current!;
    const onCancel = (e: Event) => { e.preventDefault(); onClose(); };
    d.addEventListener('cancel', onCancel);
    return () => d.removeEventListener('cancel', onCancel);
  }, [onClose]);
  return (
    // Escape is also handled on the element, so nothing listening on window can swallow the dialog's cancel.
    <dialog ref={ref} aria-label={title} className={`dialog${className ? ` ${className}` : ''}`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
      <header><h2>{title}</h2><button onClick={onClose} aria-label="Close" data-dialog-close="">✕</button></header>
      {children}
    </dialog>
  );
}
