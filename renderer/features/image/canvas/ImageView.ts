// One pane showing an image with the shapes of a document: the picture, the frame loop, the pane's view and its
// input. The image workspace makes an editable one (CanvasController adds the tools); the review workspace makes
// read-only ones on other annotators' documents and keeps their views in step with `linkViews(view state)`.
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { useDocument, onDocumentPage } from '../../document/documentStore.ts';
import { toast, setStatusInfo, useApp } from '../../../stores/app.ts';
import { useImageUi, type ImageUiState } from '../imageStore.ts';
import { useSelection, setSelection, type SelectionState } from '../../workspace/selection.ts';
import { ShapeIndex } from './shapeIndex.ts';
import { drawOverlay, type Pen, type ScreenRect } from './overlay.ts';
import { ImageLayer, type Pyramid } from './imageLayer.ts';
import { FrameLoop } from './frameLoop.ts';
import { InputRouter, type ToolTarget } from './input.ts';
import { ViewState } from './viewState.ts';
import { zoomText } from './view.ts';
import type { Draft } from '../tools/types.ts';

/** A readable, observable store (a zustand store fits). */
export interface Source<T> {
  getState(): T;
  subscribe(fn: (state: T, prev: T) => void): () => void;
}

/** What a pane draws: the objects of one document. */
export interface ShapeDocument {
  objects: ReadonlyMap<string, AnnotationObject>;
  /** True while the document is still loading (the pane is not marked ready). */
  loading: boolean;
}

/** A document that never changes (a read-only pane on another annotator's version). */
export function fixedDocument(objects: Iterable<AnnotationObject>): Source<ShapeDocument> {
  const state: ShapeDocument = { objects: new Map([...objects].map((o) => [o.id, o])), loading: false };
  return { getState: () => state, subscribe: () => () => {} };
}

export interface ImageViewOptions {
  assetId: string;
  width: number;
  height: number;
  pyramid: Pyramid | null;
  colorOf: (label: string) => string;
  /** Color per object for the cached bitmap instead of per label (review panes color by match status). */
  colorFor?: (o: AnnotationObject) => string;
  /** The shapes to draw; default the open task's document. */
  document?: Source<ShapeDocument>;
  /** Selection, current label and reveal requests; default the workspace's shared slice. */
  selection?: Source<SelectionState>;
  /** Display settings (fill opacity, brightness, contrast, active vertex); default the image workspace's. */
  ui?: Source<ImageUiState>;
  /** Whether this pane reports zoom and cursor position in the status bar (one pane should). Default true. */
  status?: boolean;
}

/** What tools put on the live layer (an editable pane only). */
export interface LiveState {
  draft: Draft | null;
  hover: string | null;
  /** Geometry shown instead of the stored one while a drag is in progress. */
  readonly previews: Map<string, unknown>;
}

export class ImageView {
  /** Zoom and pan of this pane: observe with `view.subscribe`, change with `view.set`, keep panes in step with `linkViews`. */
  readonly view: ViewState;
  readonly index = new ShapeIndex();
  readonly live: LiveState = { draft: null, hover: null, previews: new Map() };
  readonly loop: FrameLoop;
  readonly input: InputRouter;
  readonly document: Source<ShapeDocument>;
  readonly selection: Source<SelectionState>;
  readonly ui: Source<ImageUiState>;
  private readonly image: ImageLayer;
  private imageReady = false;
  /** Settles when the picture has its pixels (or was found damaged). */
  readonly pictureReady: Promise<void>;
  private cursor: { x: number; y: number } | null = null;
  private cursorDirty = false;
  private zoomDirty = true;
  private readonly disposers: (() => void)[] = [];

  /** `tools` makes the pane editable; without, it is read-only and every drag pans. */
  constructor(readonly root: HTMLElement, readonly opts: ImageViewOptions, tools: ToolTarget | null = null, busy: () => boolean = () => false) {
    this.document = opts.document ?? useDocument;
    this.selection = opts.selection ?? useSelection;
    this.ui = opts.ui ?? useImageUi;
    const status = opts.status !== false;
    this.view = new ViewState({ width: opts.width, height: opts.height });
    this.image = new ImageLayer(root, opts.assetId, opts.width, opts.height, opts.pyramid, (m) => toast('error', m));
    this.pictureReady = this.image.ready;
    this.loop = new FrameLoop(root, {
      view: this.view,
      image: this.image,
      index: this.index,
      colorOf: opts.colorOf,
      colorFor: opts.colorFor,
      fillOpacity: () => this.ui.getState().fillOpacity,
      live: () => this.selection.getState().selected,
      drawLive: (pen, pending) => this.drawLive(pen, pending),
      liveEmpty: () => !this.live.hover && !this.live.draft && this.selection.getState().selected.length === 0,
      busy: () => this.input.busy || busy(),
      afterFrame: () => { if (status) this.reportStatus(); },
      onBitmap: () => this.markReady(),
    });
    this.input = new InputRouter(root, this.view, tools, {
      pointer: (p) => {
        this.cursor = p;
        this.cursorDirty = true;
        if (!p) this.live.hover = null;
        this.loop.request('overlay');
      },
      redraw: () => this.loop.request('overlay'),
    });
    this.disposers.push(this.view.subscribe((v, moving) => {
      if (!moving) {
        this.image.rest(v, this.view.width, this.view.height);
        this.loop.request('static');
      }
      // The status bar follows once per frame (in afterFrame), not once per wheel event.
      this.zoomDirty = true;
      this.loop.request('view');
    }));
    const ro = new ResizeObserver(() => {
      this.input.invalidate();
      this.loop.resize(root.clientWidth, root.clientHeight);
      this.view.resize(root.clientWidth, root.clientHeight);
      this.loop.request('static');
      this.loop.request('view');
    });
    ro.observe(root);
    this.disposers.push(() => ro.disconnect());
    this.disposers.push(this.document.subscribe((s, prev) => { if (s.objects !== prev.objects || s.loading !== prev.loading) this.onObjects(s.objects); }));
    if (this.document === useDocument) this.disposers.push(onDocumentPage((_, objects) => ShapeIndex.prepare(objects)));
    this.disposers.push(this.ui.subscribe((s, prev) => this.onUi(s, prev)));
    this.disposers.push(this.selection.subscribe((s, prev) => this.onSelection(s, prev)));
    this.onObjects(this.document.getState().objects);
    this.onUi(this.ui.getState(), null);
    // The picture arriving after the shapes' bitmap does not redraw it (at 100,000 shapes that cost a second of the
    // open); the pane is ready now, or when the bitmap under way lands.
    void this.image.ready.then(() => { this.imageReady = true; if (this.loop.settled) this.markReady(); });
  }

  private drawLive(pen: Pen, pending: ReadonlySet<string>): ScreenRect | null {
    const ui = this.ui.getState();
    const { selected: selectedIds, currentLabel: label } = this.selection.getState();
    const objects = this.document.getState().objects;
    const selected = selectedIds.map((id) => objects.get(id)).filter((o): o is AnnotationObject => !!o);
    const lingering: AnnotationObject[] = [];
    for (const id of pending) { const o = objects.get(id); if (o) lingering.push(o); }
    const { hover, draft, previews } = this.live;
    const hovered = hover && !selectedIds.includes(hover) ? objects.get(hover) ?? null : null;
    const colorOf = this.opts.colorOf;
    return drawOverlay(pen, { view: this.view.view, selected, lingering, hovered, previews, draft, activeVertex: ui.activeVertex, colorOf, drawColor: label ? colorOf(label) : '#ffffff', fillOpacity: ui.fillOpacity });
  }

  private reportStatus(): void {
    if (this.zoomDirty) {
      this.zoomDirty = false;
      setStatusInfo({ zoomInfo: zoomText(this.view.view) });
    }
    if (!this.cursorDirty) return;
    this.cursorDirty = false;
    const c = this.cursor;
    const inside = c && c.x >= 0 && c.y >= 0 && c.x < this.opts.width && c.y < this.opts.height;
    setStatusInfo({ cursorInfo: inside ? `${Math.floor(c.x)}, ${Math.floor(c.y)} px` : '' });
  }

  /** The first sharp bitmap of a loaded document over a loaded picture: the pane is ready (tests and the bench wait for it). */
  private markReady(): void {
    if (this.imageReady && !this.document.getState().loading && this.root.dataset.ready !== 'true') {
      this.root.dataset.ready = 'true';
      performance.mark('image-ready');
    }
  }

  private onObjects(objects: ReadonlyMap<string, AnnotationObject>): void {
    // Drawing waits while the objects arrive (see canStartShape): the drawing tools' cursor says so.
    this.root.classList.toggle('opening', this.document.getState().loading);
    const changed = this.index.sync(objects);
    // Only the shared selection is pruned here; a pane's own selection source is its owner's to keep.
    if (this.selection === useSelection) {
      const sel = useSelection.getState().selected;
      if (sel.some((id) => !objects.has(id))) setSelection(sel.filter((id) => objects.has(id)));
    }
    for (const id of changed) if (this.loop.inBitmap(id)) { this.loop.request('static'); break; }
    this.loop.request('overlay');
  }

  private onSelection(s: SelectionState, prev: SelectionState): void {
    if (s.selected !== prev.selected) {
      if (!this.loop.excludes(s.selected)) this.loop.request('static');
      this.loop.request('overlay');
    }
    if (s.reveal && s.reveal !== prev.reveal) {
      const b = this.index.boundsOf(s.reveal.id);
      if (b) this.view.reveal(b);
    }
    if (s.currentLabel !== prev.currentLabel) this.loop.request('overlay');
  }

  private onUi(s: ImageUiState, prev: ImageUiState | null): void {
    if (!prev || s.brightness !== prev.brightness || s.contrast !== prev.contrast) this.image.setFilter(s.brightness, s.contrast);
    if (!prev || s.fillOpacity !== prev.fillOpacity) this.loop.request('static');
    if (!prev || s.activeVertex !== prev.activeVertex) this.loop.request('overlay');
  }

  destroy(): void {
    for (const d of this.disposers) d();
    this.input.destroy();
    this.view.dispose();
    this.loop.destroy();
    this.image.destroy();
    if (this.opts.status !== false) useApp.setState({ cursorInfo: '', zoomInfo: '' });
  }
}
