// Undo and Redo buttons for any workspace toolbar; the keys are registered once by the shell.
import { useDocument, useReadOnly, undo, redo } from './documentStore.ts';

export function UndoRedoButtons() {
  const h = useDocument((s) => s.history);
  const readOnly = useReadOnly();
  return (
    <>
      <button onClick={() => void undo()} disabled={readOnly || !h.canUndo} aria-label="Undo (Ctrl+Z)" title={h.undoLabel ? `Undo ${h.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>↶ Undo</button>
      <button onClick={() => void redo()} disabled={readOnly || !h.canRedo} aria-label="Redo (Ctrl+Shift+Z)" title={h.redoLabel ? `Redo ${h.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'}>↷ Redo</button>
    </>
  );
}
