// Pointer, wheel and touch input of one image pane, routed: two fingers pinch-zoom, the wheel zooms about the
// pointer, the middle button (or any button when no tool is active) pans, and the left button goes to the active
// tool in image pixels. A read-only pane has no tools, so every drag pans.
import type { Tool, ToolEvent, ToolHost } from '../tools/types.ts';
import { PanTool } from '../tools/pan/PanTool.ts';
import { Pinch } from './pinch.ts';
import { toImage, zoomAt } from './view.ts';
import type { ViewState } from './viewState.ts';

/** Where tool input goes; absent in a read-only pane. */
export interface ToolTarget {
  readonly host: ToolHost;
  /** The tool the left button drives, or null when dragging should pan (pan tool, Space held). */
  active(): Tool | null;
  /** Cancels whatever a tool has in progress (a second finger, a cancelled pointer). */
  cancel(): void;
}

export interface InputHooks {
  /** The pointer moved to this image point, or left the pane (null). */
  pointer(p: { x: number; y: number } | null): void;
  /** Something the live layer shows may have changed. */
  redraw(): void;
}

export class InputRouter {
  readonly pan = new PanTool();
  readonly pinch = new Pinch();
  private rect: DOMRect | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly root: HTMLElement, private readonly view: ViewState, private readonly tools: ToolTarget | null, private readonly hooks: InputHooks) {
    this.listen();
  }

  /** True while a pan or pinch gesture holds the pointer. */
  get busy(): boolean {
    return this.pan.dragging || this.pinch.active;
  }

  /** The pane moved or was resized: positions are measured again on the next event. */
  invalidate(): void {
    this.rect = null;
  }

  private screen(e: { clientX: number; clientY: number }): { sx: number; sy: number } {
    const r = this.rect ?? (this.rect = this.root.getBoundingClientRect());
    return { sx: e.clientX - r.left, sy: e.clientY - r.top };
  }

  private toolEvent(e: PointerEvent | MouseEvent): ToolEvent {
    const { sx, sy } = this.screen(e);
    const p = toImage(this.view.view, sx, sy);
    return { x: p.x, y: p.y, shift: e.shiftKey, alt: e.altKey, ctrl: e.ctrlKey || e.metaKey };
  }

  private listen(): void {
    const r = this.root;
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      r.addEventListener(type, fn as EventListener, opts);
      this.disposers.push(() => r.removeEventListener(type, fn as EventListener, opts));
    };
    const tools = this.tools;
    on('pointerdown', (e) => {
      this.rect = r.getBoundingClientRect();
      r.focus({ preventScroll: true });
      if (e.button === 2) return;
      // Capture keeps a drag going outside the canvas; synthetic events have no capturable pointer.
      try { r.setPointerCapture(e.pointerId); } catch { /* not a live pointer */ }
      const tool = tools?.active() ?? null;
      const { sx, sy } = this.screen(e);
      if (e.pointerType === 'touch' && this.pinch.down(e.pointerId, sx, sy, this.view.view)) {
        // The second finger turns whatever the first one started into a pinch.
        tools?.cancel();
        this.pan.up();
        return;
      }
      if (e.button === 1 || !tool) { e.preventDefault(); this.pan.down(sx, sy, this.view.view); r.classList.add('panning'); return; }
      if (e.button === 0) tool.down(tools!.host, this.toolEvent(e));
    });
    on('pointermove', (e) => {
      const { sx, sy } = this.screen(e);
      if (e.pointerType === 'touch') {
        const pv = this.pinch.move(e.pointerId, sx, sy);
        if (pv) { this.view.set(pv); return; }
        if (this.pinch.active) return;
      }
      if (this.pan.dragging) { const v = this.pan.move(sx, sy); if (v) this.view.set(v); return; }
      const te = this.toolEvent(e);
      this.hooks.pointer({ x: te.x, y: te.y });
      const tool = tools?.active();
      if (tool) tool.move(tools!.host, te);
      else this.hooks.redraw();
    });
    const end = (e: PointerEvent) => {
      this.hooks.redraw();
      if (e.pointerType === 'touch') {
        const was = this.pinch.active;
        this.pinch.up(e.pointerId);
        if (was) return;
      }
      if (this.pan.dragging) { this.pan.up(); r.classList.remove('panning'); return; }
      if (tools) tools.active()?.up(tools.host, this.toolEvent(e));
    };
    on('pointerup', end);
    on('pointercancel', (e) => { this.pinch.up(e.pointerId); this.pan.up(); tools?.cancel(); });
    on('dblclick', (e) => { if (tools) tools.active()?.dblclick?.(tools.host, this.toolEvent(e)); });
    on('contextmenu', (e) => e.preventDefault());
    on('pointerleave', () => this.hooks.pointer(null));
    on('wheel', (e) => {
      e.preventDefault();
      const { sx, sy } = this.screen(e);
      // Trackpad pinch arrives as ctrl+wheel with small deltas; a mouse wheel notch is about 100.
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      this.view.set(zoomAt(this.view.view, Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)), sx, sy));
    }, { passive: false });
  }

  destroy(): void {
    for (const d of this.disposers) d();
  }
}
