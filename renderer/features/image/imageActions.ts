// The image workspace's commands with their keys, registered in the shared action registry so they show in the
// shortcut list and the command palette.
import type { Action } from '../../actions/registry.ts';
import type { LabelDef } from '../../../shared/domain.ts';
import type { Size } from '../../../shared/geometry/box.ts';
import { useImageUi, setTool } from './imageStore.ts';
import { useSelection, setSelection } from '../workspace/selection.ts';
import { labelActions } from '../workspace/labelActions.ts';
import type { CanvasController } from './canvas/CanvasController.ts';
import * as cmd from './commands.ts';
import { useDocument } from '../document/documentStore.ts';
import { pickLabel } from './panels/LabelBar.tsx';

/** Tab moves between objects only while the canvas (or nothing) has focus, so Tab still walks the controls. */
function canvasFocused(): boolean {
  const el = document.activeElement;
  return !el || el === document.body || !!el.closest('.image-canvas');
}

/** Arrow keys belong to a focused slider or list box; elsewhere they nudge the selection. */
function arrowsFree(): boolean {
  const el = document.activeElement as HTMLInputElement | null;
  return !el || !(el.tagName === 'SELECT' || (el.tagName === 'INPUT' && el.type === 'range'));
}

/** Hiding and locking are stored on the objects, so a submitted (read-only) task offers neither. */
const editable = () => !useDocument.getState().readOnly;

export function imageActions(ctrl: () => CanvasController | null, labels: LabelDef[], img: Size): Action[] {
  const G = 'Image';
  const hasSel = () => useSelection.getState().selected.length > 0;
  const a: Action[] = [
    { id: 'image.tool.select', title: 'Select', group: G, keys: ['V'], run: () => setTool('select') },
    { id: 'image.tool.box', title: 'Bounding box', group: G, keys: ['B'], run: () => setTool('box') },
    { id: 'image.tool.polygon', title: 'Polygon', group: G, keys: ['P'], run: () => setTool('polygon') },
    { id: 'image.tool.pan', title: 'Pan (or hold Space)', group: G, keys: ['H'], run: () => setTool('pan') },
    { id: 'image.tool.repeat', title: 'Repeat the last drawing tool', group: G, keys: ['N'], run: () => setTool(useImageUi.getState().lastDrawTool) },
    { id: 'image.label.find', title: 'Find label', group: G, keys: ['/'], run: () => useImageUi.setState({ pickerOpen: true }) },
    { id: 'image.finish', title: 'Close the polygon being drawn', group: G, keys: ['Enter'], enabled: () => !!ctrl()?.drawing(), run: () => void ctrl()?.key('Enter') },
    {
      id: 'image.delete', title: 'Delete selection (or the last vertex while drawing)', group: G, keys: ['Delete', 'Backspace'],
      run: () => {
        const c = ctrl();
        if (c?.key('Backspace')) return;
        const ui = useImageUi.getState();
        if (ui.activeVertex >= 0 && useSelection.getState().selected.length === 1 && c?.deleteActiveVertex()) return;
        cmd.deleteSelection();
      },
    },
    {
      id: 'image.escape', title: 'Cancel drawing, clear selection', group: G, keys: ['Escape'],
      run: () => {
        if (useImageUi.getState().pickerOpen) { useImageUi.setState({ pickerOpen: false }); return; }
        if (!ctrl()?.cancel()) setSelection([]);
      },
    },
    { id: 'image.copy', title: 'Copy shapes', group: G, keys: ['Ctrl+C'], enabled: hasSel, run: cmd.copySelection },
    { id: 'image.paste', title: 'Paste shapes (also on another image)', group: G, keys: ['Ctrl+V'], run: () => cmd.paste(img) },
    { id: 'image.duplicate', title: 'Duplicate selection', group: G, keys: ['Ctrl+D'], enabled: hasSel, run: () => cmd.duplicateSelection(img) },
    { id: 'image.selectAll', title: 'Select all shapes', group: G, keys: ['Ctrl+A'], run: () => setSelection(cmd.imageShapes().filter((o) => !o.hidden).map((o) => o.id)) },
    { id: 'image.hide', title: 'Hide or show the selection', group: G, keys: ['Ctrl+H'], enabled: () => hasSel() && editable(), run: () => cmd.toggleFlagOfSelection('hidden') },
    { id: 'image.lock', title: 'Lock or unlock the selection', group: G, keys: ['Ctrl+L'], enabled: () => hasSel() && editable(), run: () => cmd.toggleFlagOfSelection('locked') },
    { id: 'image.hideAll', title: 'Hide or show all objects', group: G, keys: ['Ctrl+Shift+H'], enabled: editable, run: () => cmd.toggleFlagOfAll('hidden') },
    { id: 'image.lockAll', title: 'Lock or unlock all objects', group: G, keys: ['Ctrl+Shift+L'], enabled: editable, run: () => cmd.toggleFlagOfAll('locked') },
    { id: 'image.next', title: 'Next object', group: G, keys: ['Tab'], enabled: canvasFocused, run: () => cmd.selectAdjacent(1) },
    { id: 'image.prev', title: 'Previous object', group: G, keys: ['Shift+Tab'], enabled: canvasFocused, run: () => cmd.selectAdjacent(-1) },
    { id: 'image.accept', title: 'Accept suggestion', group: G, keys: ['A'], run: cmd.acceptSuggestion },
    { id: 'image.reject', title: 'Reject suggestion', group: G, keys: ['X'], run: cmd.rejectSuggestion },
    { id: 'image.fit', title: 'Fit image to window', group: G, keys: ['Ctrl+0'], run: () => ctrl()?.fit() },
    { id: 'image.actual', title: 'Zoom to actual pixels (1:1)', group: G, keys: ['Ctrl+1'], run: () => ctrl()?.oneToOne() },
    { id: 'image.zoomIn', title: 'Zoom in', group: G, keys: ['+', '='], run: () => ctrl()?.zoomCentered(1.25) },
    { id: 'image.zoomOut', title: 'Zoom out', group: G, keys: ['-'], run: () => ctrl()?.zoomCentered(0.8) },
  ];
  for (const [key, dx, dy] of [['ArrowLeft', -1, 0], ['ArrowRight', 1, 0], ['ArrowUp', 0, -1], ['ArrowDown', 0, 1]] as const) {
    a.push({ id: `image.nudge.${key}`, title: `Nudge ${key.slice(5).toLowerCase()} 1 px`, group: G, keys: [key], enabled: () => hasSel() && arrowsFree(), run: () => cmd.nudgeSelection(dx, dy, img) });
    a.push({ id: `image.nudge10.${key}`, title: `Nudge ${key.slice(5).toLowerCase()} 10 px`, group: G, keys: [`Shift+${key}`], enabled: () => hasSel() && arrowsFree(), run: () => cmd.nudgeSelection(dx * 10, dy * 10, img) });
  }
  return [...a, ...labelActions(labels, 'image', G, pickLabel)];
}
