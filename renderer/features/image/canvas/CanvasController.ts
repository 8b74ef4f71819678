// Owns the canvas of the image workspace and its frame loop. Layers, bottom to top: the picture (DOM, CSS
// transform), the cached bitmap of resting shapes (one canvas, CSS transform while moving, redrawn sharply at
// rest), and one live Konva layer with the selection, handles and drafts. Pointer input goes to the active tool;
// hit tests use the R-tree, never a hit canvas.
import Konva from 'konva';
import type { AnnotationObject, Edit } from '../../../../shared/domain.ts';
import { useDocument, applyEdit } from '../../document/documentStore.ts';
import { useApp, toast, setStatusInfo } from '../../../stores/app.ts';
import { useImageUi, type ImageUiState } from '../imageStore.ts';
import { useSelection, setSelection, type SelectionState } from '../../workspace/selection.ts';
import { ShapeIndex } from './shapeIndex.ts';
import { StaticRender, staticTransform, STATIC_PAD } from './staticLayer.ts';
import { drawOverlay } from './overlay.ts';
import { ImageLayer, type Pyramid } from './imageLayer.ts';
import { fitView, zoomAt, toImage, zoomText, type View } from './view.ts';
import type { Draft, Tool, ToolEvent, ToolHost } from '../tools/types.ts';
import { SelectTool } from '../tools/select/SelectTool.ts';
import { BoxTool } from '../tools/box/BoxTool.ts';
import { PolygonTool } from '../tools/polygon/PolygonTool.ts';
import { PanTool } from '../tools/pan/PanTool.ts';
import { Pinch } from './pinch.ts';

/** How long the view must be still before the shapes are redrawn sharply. */
const REST_MS = 140;

export interface CanvasOptions {
  assetId: string;
  width: number;
  height: number;
  pyramid: Pyramid | null;
  colorOf: (label: string) => string;
}

export class CanvasController {
  view: View = { scale: 1, tx: 0, ty: 0 };
  readonly index = new ShapeIndex();
  private readonly image: ImageLayer;
  /** Double buffer: the front bitmap stays on screen while the back one is redrawn in slices. */
  private readonly canvases = [document.createElement('canvas'), document.createElement('canvas')];
  private front = 0;
  private job: StaticRender | null = null;
  private readonly stage: Konva.Stage;
  private readonly layer = new Konva.Layer({ listening: false });
  private renderedView: View | null = null;
  private staticExcluded = new Set<string>();
  /** What the bitmap on screen leaves out; the live layer draws those that are no longer selected until the next one lands. */
  private frontExcluded: ReadonlySet<string> = new Set<string>();
  private previews = new Map<string, unknown>();
  private draft: Draft | null = null;
  private hover: string | null = null;
  private destroyed = false;
  private readonly tools: { select: SelectTool; box: Tool; polygon: Tool } = { select: new SelectTool(), box: new BoxTool(), polygon: new PolygonTool() };
  private readonly pan = new PanTool();
  private readonly pinch = new Pinch();
  private vw = 0;
  private vh = 0;
  private rect: DOMRect | null = null;
  private moving = false;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private raf = 0;
  private needs = { view: true, overlay: true, static: true };
  private cursor: { x: number; y: number } | null = null;
  private cursorDirty = false;
  private fitted = false;
  private imageReady = false;
  private disposers: (() => void)[] = [];
  private readonly host: ToolHost;

  constructor(private readonly root: HTMLDivElement, private readonly opts: CanvasOptions) {
    this.image = new ImageLayer(root, opts.assetId, opts.width, opts.height, opts.pyramid, (m) => toast('error', m));
    for (const c of this.canvases) {
      c.className = 'static-layer';
      c.style.left = c.style.top = `${-STATIC_PAD}px`;
      c.style.transformOrigin = `${STATIC_PAD}px ${STATIC_PAD}px`;
      c.hidden = c !== this.canvases[0];
      root.appendChild(c);
    }
    const live = document.createElement('div');
    live.className = 'live-layer';
    root.appendChild(live);
    this.stage = new Konva.Stage({ container: live, width: 1, height: 1, listening: false });
    this.stage.add(this.layer);
    // One custom shape draws the whole live layer with the native 2D context (Konva's wrapper only adds calls).
    this.layer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.drawLive((ctx as unknown as { _context: CanvasRenderingContext2D })._context) }));
    this.host = this.makeHost();
    this.listen();
    void this.image.ready.then(() => { this.imageReady = true; this.request('static'); });
  }

  // ---- tools ---------------------------------------------------------------------------------------------
  private makeHost(): ToolHost {
    return {
      image: { width: this.opts.width, height: this.opts.height },
      px: (n) => n / this.view.scale,
      objects: () => useDocument.getState().objects,
      hit: (x, y, tol) => this.index.hit(x, y, tol),
      inside: (minX, minY, maxX, maxY) => this.index.search(minX, minY, maxX, maxY).filter((it) => it.minX >= minX && it.maxX <= maxX && it.minY >= minY && it.maxY <= maxY).map((it) => it.obj),
      selected: () => useSelection.getState().selected,
      select: (ids) => setSelection(ids),
      setActiveVertex: (i) => useImageUi.setState({ activeVertex: i }),
      labelId: () => useSelection.getState().currentLabel,
      previews: this.previews,
      setDraft: (d) => { this.draft = d; this.request('overlay'); },
      redraw: () => this.request('overlay'),
      commit: (edit: Edit) => void applyEdit(edit),
      notify: (text) => toast('info', text),
      setCursor: (cur) => { this.root.style.cursor = cur; },
      setHover: (id) => { if (id !== this.hover) { this.hover = id; this.request('overlay'); } },
    };
  }

  private activeTool(): Tool | null {
    const ui = useImageUi.getState();
    if (ui.spacePan || ui.tool === 'pan') return null;
    return this.tools[ui.tool];
  }

  /** Escape: cancels a drawing or drag in progress; false when there was none. */
  cancel(): boolean {
    let any = false;
    for (const t of Object.values(this.tools)) any = t.cancel(this.host) || any;
    return any;
  }

  key(key: 'Enter' | 'Backspace'): boolean {
    return this.activeTool()?.key?.(this.host, key) ?? false;
  }

  /** Delete with a vertex of the selected polygon active removes that vertex. */
  deleteActiveVertex(): boolean {
    const ui = useImageUi.getState();
    const o = useDocument.getState().objects.get(useSelection.getState().selected[0]);
    if (!o || o.locked || o.kind !== 'polygon' || ui.activeVertex < 0) return false;
    this.tools.select.removeVertex(this.host, o, ui.activeVertex);
    return true;
  }

  drawing(): boolean {
    return this.tools.polygon.busy() || this.tools.box.busy();
  }

  // ---- view ----------------------------------------------------------------------------------------------
  setView(v: View, gesture = true): void {
    this.view = v;
    if (gesture) {
      this.moving = true;
      clearTimeout(this.restTimer);
      this.restTimer = setTimeout(() => this.rest(), REST_MS);
    } else this.rest();
    this.request('view');
  }

  private rest(): void {
    this.moving = false;
    this.image.rest(this.view, this.vw, this.vh);
    this.request('view');
    this.request('static');
  }

  /** Pans (and zooms out if needed) so the object is in view; leaves the view alone when it already is. */
  private reveal(id: string): void {
    const b = this.index.boundsOf(id);
    if (!b || !this.vw) return;
    const v = this.view;
    const x0 = b.minX * v.scale + v.tx, y0 = b.minY * v.scale + v.ty, x1 = b.maxX * v.scale + v.tx, y1 = b.maxY * v.scale + v.ty;
    if (x0 >= 0 && y0 >= 0 && x1 <= this.vw && y1 <= this.vh) return;
    const scale = Math.min(v.scale, (0.8 * this.vw) / Math.max(1, b.maxX - b.minX), (0.8 * this.vh) / Math.max(1, b.maxY - b.minY));
    const cx = (b.minX + b.maxX) / 2, cy = (b.minY + b.maxY) / 2;
    this.setView({ scale, tx: this.vw / 2 - cx * scale, ty: this.vh / 2 - cy * scale }, false);
  }

  fit(): void {
    if (this.vw && this.vh) this.setView(fitView(this.opts.width, this.opts.height, this.vw, this.vh), false);
  }

  oneToOne(): void {
    this.zoomCentered(1 / this.view.scale);
  }

  zoomCentered(factor: number): void {
    this.setView(zoomAt(this.view, factor, this.vw / 2, this.vh / 2), false);
  }

  // ---- frame loop ----------------------------------------------------------------------------------------
  request(what: 'view' | 'overlay' | 'static'): void {
    // A late image load or store update after the workspace closed must not touch the next one's status bar.
    if (this.destroyed) return;
    this.needs[what] = true;
    if (!this.raf) this.raf = requestAnimationFrame(() => this.frame());
  }

  private frame(): void {
    this.raf = 0;
    const n = this.needs;
    if (n.view) {
      this.image.setView(this.view, this.moving);
      const front = this.canvases[this.front];
      front.classList.toggle('moving', this.moving);
      if (this.renderedView) front.style.transform = staticTransform(this.renderedView, this.view);
      const z = zoomText(this.view);
      setStatusInfo({ zoomInfo: z });
    }
    if (this.moving && this.job) { this.job = null; n.static = true; }
    if (n.static && !this.moving && this.vw > 0) {
      n.static = false;
      this.staticExcluded = new Set(useSelection.getState().selected);
      const ui = useImageUi.getState();
      this.job = new StaticRender(this.canvases[1 - this.front], { index: this.index, view: this.view, width: this.vw, height: this.vh, dpr: window.devicePixelRatio || 1, colorOf: this.opts.colorOf, exclude: this.staticExcluded, fillOpacity: ui.fillOpacity });
    }
    // While a drag is under way the pointer has priority; the bitmap finishes when it ends (pointer-up redraws).
    if (this.job && !this.pointerBusy()) this.stepStatic();
    if (n.view || n.overlay) this.layer.draw();
    n.view = n.overlay = false;
    if (this.cursorDirty) {
      this.cursorDirty = false;
      const c = this.cursor;
      const inside = c && c.x >= 0 && c.y >= 0 && c.x < this.opts.width && c.y < this.opts.height;
      setStatusInfo({ cursorInfo: inside ? `${Math.floor(c.x)}, ${Math.floor(c.y)} px` : '' });
    }
  }

  private pointerBusy(): boolean {
    return this.pan.dragging || this.pinch.active || Object.values(this.tools).some((t) => t.busy() && t !== this.tools.polygon);
  }

  /** Draws a slice of the pending bitmap; shows it when complete, else asks for another frame. */
  private stepStatic(): void {
    const job = this.job!;
    if (!job.step(10)) { this.raf ||= requestAnimationFrame(() => this.frame()); return; }
    this.job = null;
    const old = this.canvases[this.front];
    job.canvas.style.transform = staticTransform(job.view, this.view);
    job.canvas.hidden = false;
    old.hidden = true;
    this.front = 1 - this.front;
    this.renderedView = job.view;
    this.frontExcluded = job.exclude;
    this.request('overlay');
    // Only the latest is kept (a long session must not pile up entries); the bench reads it.
    performance.clearMeasures('image-static-render');
    performance.measure('image-static-render', { start: job.started });
    if (this.imageReady && !useDocument.getState().loading && this.root.dataset.ready !== 'true') {
      this.root.dataset.ready = 'true';
      performance.mark('image-ready');
    }
  }

  private drawLive(ctx: CanvasRenderingContext2D): void {
    const ui = useImageUi.getState();
    const { selected: selectedIds, currentLabel: label } = useSelection.getState();
    const objects = useDocument.getState().objects;
    const selected = selectedIds.map((id) => objects.get(id)).filter((o): o is AnnotationObject => !!o);
    const lingering: AnnotationObject[] = [];
    if (this.frontExcluded.size) {
      const sel = new Set(selectedIds);
      for (const id of this.frontExcluded) { const o = objects.get(id); if (o && !sel.has(id)) lingering.push(o); }
    }
    const hovered = this.hover && !selectedIds.includes(this.hover) ? objects.get(this.hover) ?? null : null;
    drawOverlay(ctx, { view: this.view, selected, lingering, hovered, previews: this.previews, draft: this.draft, activeVertex: ui.activeVertex, colorOf: this.opts.colorOf, drawColor: label ? this.opts.colorOf(label) : '#ffffff', fillOpacity: ui.fillOpacity });
  }

  // ---- input and store subscriptions --------------------------------------------------------------------
  private screen(e: { clientX: number; clientY: number }): { sx: number; sy: number } {
    const r = this.rect ?? (this.rect = this.root.getBoundingClientRect());
    return { sx: e.clientX - r.left, sy: e.clientY - r.top };
  }

  private toolEvent(e: PointerEvent | MouseEvent): ToolEvent {
    const { sx, sy } = this.screen(e);
    const p = toImage(this.view, sx, sy);
    return { x: p.x, y: p.y, shift: e.shiftKey, alt: e.altKey, ctrl: e.ctrlKey || e.metaKey };
  }

  private listen(): void {
    const r = this.root;
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      r.addEventListener(type, fn as EventListener, opts);
      this.disposers.push(() => r.removeEventListener(type, fn as EventListener, opts));
    };
    on('pointerdown', (e) => {
      this.rect = r.getBoundingClientRect();
      r.focus({ preventScroll: true });
      if (e.button === 2) return;
      // Capture keeps a drag going outside the canvas; synthetic events have no capturable pointer.
      try { r.setPointerCapture(e.pointerId); } catch { /* not a live pointer */ }
      const tool = this.activeTool();
      const { sx, sy } = this.screen(e);
      if (e.pointerType === 'touch' && this.pinch.down(e.pointerId, sx, sy, this.view)) {
        // The second finger turns whatever the first one started into a pinch.
        this.cancel();
        this.pan.up();
        return;
      }
      if (e.button === 1 || !tool) { e.preventDefault(); this.pan.down(sx, sy, this.view); r.classList.add('panning'); return; }
      if (e.button === 0) tool.down(this.host, this.toolEvent(e));
    });
    on('pointermove', (e) => {
      const { sx, sy } = this.screen(e);
      if (e.pointerType === 'touch') {
        const pv = this.pinch.move(e.pointerId, sx, sy);
        if (pv) { this.setView(pv); return; }
        if (this.pinch.active) return;
      }
      if (this.pan.dragging) { const v = this.pan.move(sx, sy); if (v) this.setView(v); return; }
      const te = this.toolEvent(e);
      this.cursor = { x: te.x, y: te.y };
      this.cursorDirty = true;
      const tool = this.activeTool();
      if (tool) tool.move(this.host, te);
      else this.request('overlay');
    });
    const end = (e: PointerEvent) => {
      this.request('overlay');
      if (e.pointerType === 'touch') {
        const was = this.pinch.active;
        this.pinch.up(e.pointerId);
        if (was) return;
      }
      if (this.pan.dragging) { this.pan.up(); r.classList.remove('panning'); return; }
      this.activeTool()?.up(this.host, this.toolEvent(e));
    };
    on('pointerup', end);
    on('pointercancel', (e) => { this.pinch.up(e.pointerId); this.pan.up(); this.cancel(); });
    on('dblclick', (e) => this.activeTool()?.dblclick?.(this.host, this.toolEvent(e)));
    on('contextmenu', (e) => e.preventDefault());
    on('pointerleave', () => { this.cursor = null; this.cursorDirty = true; this.hover = null; this.request('overlay'); });
    on('wheel', (e) => {
      e.preventDefault();
      const { sx, sy } = this.screen(e);
      // Trackpad pinch arrives as ctrl+wheel with small deltas; a mouse wheel notch is about 100.
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      this.setView(zoomAt(this.view, Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), sx, sy));
    }, { passive: false });
    const ro = new ResizeObserver(() => {
      this.rect = null;
      this.vw = r.clientWidth;
      this.vh = r.clientHeight;
      this.stage.size({ width: this.vw, height: this.vh });
      if (!this.fitted && this.vw > 0 && this.vh > 0) { this.fitted = true; this.fit(); }
      this.request('static');
      this.request('view');
    });
    ro.observe(r);
    this.disposers.push(() => ro.disconnect());
    this.disposers.push(useDocument.subscribe((s, prev) => { if (s.objects !== prev.objects || s.loading !== prev.loading) this.onObjects(s.objects); }));
    this.disposers.push(useImageUi.subscribe((s, prev) => this.onUi(s, prev)));
    this.disposers.push(useSelection.subscribe((s, prev) => this.onSelection(s, prev)));
    this.onObjects(useDocument.getState().objects);
    this.onUi(useImageUi.getState(), null);
    this.onSelection(useSelection.getState(), null);
  }

  private onObjects(objects: Map<string, AnnotationObject>): void {
    const changed = this.index.sync(objects);
    const sel = useSelection.getState().selected;
    if (sel.some((id) => !objects.has(id))) setSelection(sel.filter((id) => objects.has(id)));
    for (const id of changed) if (!this.staticExcluded.has(id)) { this.request('static'); break; }
    this.request('overlay');
  }

  private onSelection(s: SelectionState, prev: SelectionState | null): void {
    if (!prev || s.selected !== prev.selected) {
      const same = s.selected.length === this.staticExcluded.size && s.selected.every((id) => this.staticExcluded.has(id));
      if (!same) this.request('static');
      this.request('overlay');
    }
    if (prev && s.reveal && s.reveal !== prev.reveal) this.reveal(s.reveal.id);
    if (!prev || s.currentLabel !== prev.currentLabel) this.request('overlay');
  }

  private onUi(s: ImageUiState, prev: ImageUiState | null): void {
    if (!prev || s.brightness !== prev.brightness || s.contrast !== prev.contrast) this.image.setFilter(s.brightness, s.contrast);
    if (!prev || s.fillOpacity !== prev.fillOpacity) this.request('static');
    if (!prev || s.activeVertex !== prev.activeVertex) this.request('overlay');
    if (!prev || s.tool !== prev.tool || s.spacePan !== prev.spacePan) {
      if (prev && s.tool !== prev.tool) this.cancel();
      this.hover = null;
      this.root.style.cursor = '';
      const pan = s.spacePan || s.tool === 'pan';
      this.root.dataset.tool = pan ? 'pan' : s.tool;
    }
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    clearTimeout(this.restTimer);
    for (const d of this.disposers) d();
    this.stage.destroy();
    this.image.destroy();
    for (const c of this.canvases) c.remove();
    useApp.setState({ cursorInfo: '', zoomInfo: '' });
  }
}
