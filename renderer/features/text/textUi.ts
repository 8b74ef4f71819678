// UI state of the text workspace (not saved in the document): relation drawing, snapping, the label picker. The
// selection, the current label and reveal requests are the shared workspace slice (features/workspace/selection.ts).
import { create } from 'zustand';
import { selectedId, useSelection } from '../workspace/selection.ts';

export interface TextUi {
  /** Span a new relation starts from, while the user picks its target; then the target while choosing a type. */
  relateFrom: string | null;
  relateTo: string | null;
  snap: boolean;
  /** Open label picker, with the document selection captured when it opened (start = end when none). */
  picker: { start: number; end: number } | null;
  /** Bumped after the span model changed. */
  modelVersion: number;
}

export const useTextUi = create<TextUi>(() => ({ relateFrom: null, relateTo: null, snap: true, picker: null, modelVersion: 0 }));

/** selectedId and modelVersion as the side panels see them: copied over when the main thread is next idle (after
 *  the document has painted, at most 100 ms later), so a label key paints the new span before the span list, the
 *  selected-span panel and the relations list re-render and lay out again. */
export const usePanelUi = create<{ selectedId: string | null; modelVersion: number }>(() => ({ selectedId: null, modelVersion: 0 }));
let lagPending = false;
function copyToPanels() {
  if (!lagPending) return;
  lagPending = false;
  usePanelUi.setState({ selectedId: selectedId(), modelVersion: useTextUi.getState().modelVersion });
}
function schedule() {
  const p = usePanelUi.getState();
  if (lagPending || (selectedId() === p.selectedId && useTextUi.getState().modelVersion === p.modelVersion)) return;
  lagPending = true;
  requestIdleCallback(copyToPanels, { timeout: 100 });
}
useTextUi.subscribe(schedule);
useSelection.subscribe(schedule);
