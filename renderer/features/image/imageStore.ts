// UI state of the image workspace that React panels and the canvas share: tool, active vertex, view adjustments.
// Selection, current label and reveal requests are the shared workspace slice (features/workspace/selection.ts). Geometry lives in the document store; the view transform lives in the canvas controller
// (it changes every frame and must not re-render React).
import { create } from 'zustand';
import { useSelection } from '../workspace/selection.ts';

export type ToolId = 'select' | 'box' | 'polygon' | 'pan';

export interface ImageUiState {
  tool: ToolId;
  /** Drawing tool to return to with N. */
  lastDrawTool: 'box' | 'polygon';
  /** Index of the active vertex of the single selected polygon (Delete removes it), or -1. */
  activeVertex: number;
  brightness: number;
  contrast: number;
  fillOpacity: number;
  pickerOpen: boolean;
  /** True while Space is held: the pan tool is active temporarily. */
  spacePan: boolean;
}

export const useImageUi = create<ImageUiState>(() => ({
  tool: 'select', lastDrawTool: 'box', activeVertex: -1, brightness: 100, contrast: 100, fillOpacity: 0.2, pickerOpen: false, spacePan: false,
}));

// A vertex is active only in the polygon it was picked in: any change of selection clears it.
useSelection.subscribe((s, prev) => { if (s.selected !== prev.selected && useImageUi.getState().activeVertex !== -1) useImageUi.setState({ activeVertex: -1 }); });

export function setTool(tool: ToolId): void {
  useImageUi.setState((s) => ({ tool, lastDrawTool: tool === 'box' || tool === 'polygon' ? tool : s.lastDrawTool }));
}
