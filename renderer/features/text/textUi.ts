// UI state of the text workspace (not saved in the document): selection, relation drawing, snapping, active label.
import { create } from 'zustand';

export interface TextUi {
  selectedId: string | null;
  /** Span a new relation starts from, while the user picks its target; then the target while choosing a type. */
  relateFrom: string | null;
  relateTo: string | null;
  snap: boolean;
  activeLabel: string | null;
  /** A request to scroll the document to an offset; seq makes repeated jumps to one place work. */
  jump: { offset: number; seq: number } | null;
  /** Open label picker, with the document selection captured when it opened (start = end when none). */
  picker: { start: number; end: number } | null;
  /** Bumped after the span model changed. */
  modelVersion: number;
}

export const useTextUi = create<TextUi>(() => ({ selectedId: null, relateFrom: null, relateTo: null, snap: true, activeLabel: null, jump: null, picker: null, modelVersion: 0 }));

let jumpSeq = 0;
export function jumpTo(offset: number) {
  useTextUi.setState({ jump: { offset, seq: ++jumpSeq } });
}

/** selectedId and modelVersion as the side panels see them: copied over when the main thread is next idle (after
 *  the document has painted, at most 100 ms later), so a label key paints the new span before the span list, the
 *  selected-span panel and the relations list re-render and lay out again. */
export const usePanelUi = create<Pick<TextUi, 'selectedId' | 'modelVersion'>>(() => ({ selectedId: null, modelVersion: 0 }));
let lagPending = false;
function copyToPanels() {
  if (!lagPending) return;
  lagPending = false;
  const { selectedId, modelVersion } = useTextUi.getState();
  usePanelUi.setState({ selectedId, modelVersion });
}
useTextUi.subscribe((s) => {
  const p = usePanelUi.getState();
  if (lagPending || (s.selectedId === p.selectedId && s.modelVersion === p.modelVersion)) return;
  lagPending = true;
  requestIdleCallback(copyToPanels, { timeout: 100 });
});
