// One read-only pane of an image under review: the image workspace's ImageView on a document of its own (one
// annotator's version, the overlay of all, or the draft consensus), shapes colored per object (by match status),
// and the objects of the cluster the validator is on drawn as its selection.
import { create } from 'zustand';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { ImageView, type ShapeDocument } from '../../image/canvas/ImageView.ts';
import type { Pyramid } from '../../image/canvas/imageLayer.ts';
import type { SelectionState } from '../../workspace/selection.ts';
import type { Bounds } from '../../image/canvas/viewState.ts';

export interface PaneContent {
  objects: readonly AnnotationObject[];
  colorFor: (o: AnnotationObject) => string;
  /** Ids outlined as the current cluster (drawn as the pane's selection). */
  focus: readonly string[];
}

export interface PaneAsset { id: string; width: number; height: number; pyramid: Pyramid | null }

export class ImagePane {
  readonly image: ImageView;
  /** Called when the validator clicks in this pane (it becomes the focused version). */
  onFocus: (() => void) | undefined;
  private readonly doc = create<ShapeDocument>(() => ({ objects: new Map(), loading: false }));
  private readonly sel = create<SelectionState>(() => ({ selected: [], currentLabel: null, reveal: null }));
  private content: PaneContent = { objects: [], colorFor: () => '#ccc', focus: [] };

  constructor(readonly root: HTMLElement, asset: PaneAsset, colorOfLabel: (l: string) => string, status: boolean) {
    this.image = new ImageView(root, {
      assetId: asset.id, width: asset.width, height: asset.height, pyramid: asset.pyramid, status,
      colorOf: colorOfLabel, colorFor: (o) => this.content.colorFor(o), document: this.doc, selection: this.sel,
    });
  }

  setContent(c: PaneContent): void {
    const prev = this.content;
    this.content = c;
    if (c.objects !== prev.objects) this.doc.setState({ objects: new Map(c.objects.map((o) => [o.id, o])) });
    else if (c.colorFor !== prev.colorFor) this.image.loop.request('static');
    if (c.focus.length !== prev.focus.length || c.focus.some((id, i) => id !== prev.focus[i])) this.sel.setState({ selected: [...c.focus] });
  }

  /** Bounds of the focused objects (image pixels), for revealing them. */
  focusBounds(): Bounds | null {
    let b: Bounds | null = null;
    for (const id of this.content.focus) {
      const it = this.image.index.boundsOf(id);
      if (!it) continue;
      b = b ? { minX: Math.min(b.minX, it.minX), minY: Math.min(b.minY, it.minY), maxX: Math.max(b.maxX, it.maxX), maxY: Math.max(b.maxY, it.maxY) } : { minX: it.minX, minY: it.minY, maxX: it.maxX, maxY: it.maxY };
    }
    return b;
  }

  destroy(): void {
    this.image.destroy();
  }
}
