// The panes of one image under review, zoomed and panned together (the image workspace's linkViews): a pane that
// joins later takes the group's view instead of fitting everyone again. A click (no drag) in a pane picks the object
// under the pointer.
import { linkViews } from '../../image/canvas/viewState.ts';
import { toImage, type View } from '../../image/canvas/view.ts';
import type { ImagePane } from './ImagePane.ts';

export class PaneGroup {
  private readonly panes: ImagePane[] = [];
  private unlink: () => void = () => {};

  constructor(private readonly onPick: (pane: ImagePane, x: number, y: number, tol: number) => void) {}

  private current(): View | null {
    const p = this.panes.find((x) => x.image.view.width > 0);
    return p ? p.image.view.view : null;
  }

  private relink(): void {
    this.unlink();
    this.unlink = linkViews(this.panes.map((p) => p.image.view));
  }

  add(p: ImagePane): () => void {
    const v = p.image.view;
    const join = () => { this.panes.push(p); this.relink(); };
    const current = this.current();
    if (current && !v.width) {
      // Joins once laid out (its first size fits it): then it takes the group's view and follows.
      const off = v.subscribe(() => { off(); v.set(current, false); join(); });
    } else join();
    const r = p.root;
    let down: { x: number; y: number } | null = null;
    const onDown = (e: PointerEvent) => { if (e.button === 0) down = { x: e.clientX, y: e.clientY }; };
    const onUp = (e: PointerEvent) => {
      const d = down;
      down = null;
      p.onFocus?.();
      if (!d || Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 3) return;
      const b = r.getBoundingClientRect();
      const view = v.view;
      const pt = toImage(view, e.clientX - b.left, e.clientY - b.top);
      this.onPick(p, pt.x, pt.y, 4 / view.scale);
    };
    r.addEventListener('pointerdown', onDown);
    r.addEventListener('pointerup', onUp);
    return () => {
      r.removeEventListener('pointerdown', onDown);
      r.removeEventListener('pointerup', onUp);
      const i = this.panes.indexOf(p);
      if (i >= 0) { this.panes.splice(i, 1); this.relink(); }
    };
  }

  zoom(factor: number): void { this.panes[0]?.image.view.zoomCentered(factor); }
  fit(): void { this.panes[0]?.image.view.fit(); }

  /** Pans (zooming out if needed) so the current cluster's objects are in view in every pane. */
  reveal(): void {
    let b: ReturnType<ImagePane['focusBounds']> = null;
    for (const p of this.panes) {
      const f = p.focusBounds();
      if (f) b = b ? { minX: Math.min(b.minX, f.minX), minY: Math.min(b.minY, f.minY), maxX: Math.max(b.maxX, f.maxX), maxY: Math.max(b.maxY, f.maxY) } : f;
    }
    if (b) this.panes[0]?.image.view.reveal(b);
  }

  destroy(): void { this.unlink(); }
}
