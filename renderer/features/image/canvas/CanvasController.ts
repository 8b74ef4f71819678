// The editable canvas of the image workspace: an ImageView on the open document with the tools attached, and the
// commands the toolbar and keys give it (Escape, Enter, Delete on a vertex, fit and zoom).
import { useDocument } from '../../document/documentStore.ts';
import { useImageUi, type ImageUiState } from '../imageStore.ts';
import { useSelection } from '../../workspace/selection.ts';
import { ImageView, type ImageViewOptions } from './ImageView.ts';
import { EditTools } from './toolHost.ts';
import type { ViewState } from './viewState.ts';

export type CanvasOptions = Pick<ImageViewOptions, 'assetId' | 'width' | 'height' | 'pyramid' | 'colorOf'>;

export class CanvasController {
  readonly pane: ImageView;
  private readonly tools: EditTools;
  private readonly offUi: () => void;

  constructor(root: HTMLDivElement, opts: CanvasOptions) {
    this.tools = new EditTools({ width: opts.width, height: opts.height });
    const pane = (this.pane = new ImageView(root, opts, this.tools, () => this.tools.dragging()));
    this.tools.attach({ root, view: pane.view, index: pane.index, live: pane.live, document: pane.document, redraw: () => pane.loop.request('overlay') });
    this.offUi = useImageUi.subscribe((s, prev) => this.onUi(s, prev));
    this.onUi(useImageUi.getState(), null);
  }

  /** Zoom and pan of the canvas (see ViewState). */
  get view(): ViewState {
    return this.pane.view;
  }

  private onUi(s: ImageUiState, prev: ImageUiState | null): void {
    if (prev && s.tool === prev.tool && s.spacePan === prev.spacePan) return;
    if (prev && s.tool !== prev.tool) this.tools.cancel();
    this.pane.live.hover = null;
    const root = this.pane.root;
    root.style.cursor = '';
    root.dataset.tool = s.spacePan || s.tool === 'pan' ? 'pan' : s.tool;
  }

  /** Escape: cancels a drawing or drag in progress; false when there was none. */
  cancel(): boolean {
    return this.tools.cancel();
  }

  key(key: 'Enter' | 'Backspace'): boolean {
    return this.tools.active()?.key?.(this.tools.host, key) ?? false;
  }

  /** Delete with a vertex of the selected polygon active removes that vertex. */
  deleteActiveVertex(): boolean {
    const ui = useImageUi.getState();
    const o = useDocument.getState().objects.get(useSelection.getState().selected[0]);
    if (!o || o.locked || o.kind !== 'polygon' || ui.activeVertex < 0) return false;
    this.tools.select.removeVertex(this.tools.host, o, ui.activeVertex);
    return true;
  }

  drawing(): boolean {
    return this.tools.drawing();
  }

  fit(): void { this.pane.view.fit(); }
  oneToOne(): void { this.pane.view.oneToOne(); }
  zoomCentered(factor: number): void { this.pane.view.zoomCentered(factor); }

  destroy(): void {
    this.offUi();
    this.pane.destroy();
  }
}
