// A multi-line field's Enter adds a line; Ctrl+Enter (⌘+Enter) sends its form, as in every editor that takes lists,
// so a keyboard user never has to Tab past the field to reach the button.
import type { KeyboardEvent } from 'react';

export function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>): void {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
  e.preventDefault();
  e.stopPropagation(); // not also "finish task" (Ctrl+Enter) behind it
  e.currentTarget.form?.requestSubmit();
}
