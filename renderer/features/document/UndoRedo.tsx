// Undo and Redo buttons for any workspace toolbar; the keys are registered once by the shell.
import { useDocument, undo, redo } from './documentStore.ts';

export function UndoRedoButtons() {
  const h = useDocument((s) => s.history);
  return (
    <>
      <button onClick={() => void undo()} disabled={!h.canUndo} aria-label="Undo (Ctrl+Z)" title={h.undoLabel ? `Undo ${h.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>↶ Undo</button>
      <button onClick={() => void redo()} disabled={!h.canRedo} aria-label="Redo (Ctrl+Shift+Z)" title={h.redoLabel ? `Redo ${h.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'}>↷ Redo</button>
    </>
  );
}
