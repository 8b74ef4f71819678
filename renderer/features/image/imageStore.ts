// UI state of the image workspace that React panels and the canvas share: tool, current label, selection,
// view adjustments. Geometry lives in the document store; the view transform lives in the canvas controller
// (it changes every frame and must not re-render React).
import { create } from 'zustand';

export type ToolId = 'select' | 'box' | 'polygon' | 'pan';

export interface ImageUiState {
  tool: ToolId;
  /** Drawing tool to return to with N. */
  lastDrawTool: 'box' | 'polygon';
  labelId: string | null;
  /** Selected object ids, in selection order. Replaced, never mutated. */
  selected: string[];
  /** Index of the active vertex of the single selected polygon (Delete removes it), or -1. */
  activeVertex: number;
  brightness: number;
  contrast: number;
  fillOpacity: number;
  pickerOpen: boolean;
  /** True while Space is held: the pan tool is active temporarily. */
  spacePan: boolean;
  /** Set by the Objects list: the canvas brings this object into view (seq makes a repeat click count). */
  reveal: { id: string; seq: number } | null;
}

export const useImageUi = create<ImageUiState>(() => ({
  tool: 'select', lastDrawTool: 'box', labelId: null, selected: [], activeVertex: -1, brightness: 100, contrast: 100, fillOpacity: 0.2, pickerOpen: false, spacePan: false, reveal: null,
}));

export function setSelection(ids: string[]): void {
  const cur = useImageUi.getState().selected;
  if (cur.length === ids.length && cur.every((v, i) => v === ids[i])) return;
  useImageUi.setState({ selected: ids, activeVertex: -1 });
}

export function setTool(tool: ToolId): void {
  useImageUi.setState((s) => ({ tool, lastDrawTool: tool === 'box' || tool === 'polygon' ? tool : s.lastDrawTool }));
}

let revealSeq = 0;
export function revealObject(id: string): void {
  useImageUi.setState({ reveal: { id, seq: ++revealSeq } });
}
