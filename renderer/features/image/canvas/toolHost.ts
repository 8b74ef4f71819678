// The tools of an editable pane and the host they act through: what a tool may see of the pane (objects, hit tests,
// the zoom for handle sizes) and do (select, draft, commit an edit). Tools never touch Konva or the DOM.
import type { Edit } from '../../../../shared/domain.ts';
import { applyEdit, openingText } from '../../document/documentStore.ts';
import { toast } from '../../../stores/app.ts';
import { useImageUi } from '../imageStore.ts';
import { useSelection, setSelection } from '../../workspace/selection.ts';
import type { Tool, ToolHost } from '../tools/types.ts';
import { SelectTool } from '../tools/select/SelectTool.ts';
import { BoxTool } from '../tools/box/BoxTool.ts';
import { PolygonTool } from '../tools/polygon/PolygonTool.ts';
import type { ToolTarget } from './input.ts';
import type { ShapeIndex } from './shapeIndex.ts';
import type { LiveState, ShapeDocument, Source } from './ImageView.ts';
import type { ViewState } from './viewState.ts';

/** What the tools need of the pane they edit. */
export interface ToolPane {
  readonly root: HTMLElement;
  readonly view: ViewState;
  readonly index: ShapeIndex;
  readonly live: LiveState;
  readonly document: Source<ShapeDocument>;
  redraw(): void;
}

export class EditTools implements ToolTarget {
  readonly select = new SelectTool();
  private readonly box = new BoxTool();
  private readonly polygon = new PolygonTool();
  private readonly all: Tool[] = [this.select, this.box, this.polygon];
  private pane: ToolPane | null = null;
  readonly host: ToolHost;

  constructor(image: { width: number; height: number }) {
    const pane = () => this.pane!;
    this.host = {
      image,
      px: (n) => n / pane().view.view.scale,
      objects: () => pane().document.getState().objects,
      hit: (x, y, tol) => pane().index.hit(x, y, tol),
      inside: (minX, minY, maxX, maxY) => pane().index.search(minX, minY, maxX, maxY).filter((it) => it.minX >= minX && it.maxX <= maxX && it.minY >= minY && it.maxY <= maxY).map((it) => it.obj),
      selected: () => useSelection.getState().selected,
      select: (ids) => setSelection(ids),
      setActiveVertex: (i) => useImageUi.setState({ activeVertex: i }),
      labelId: () => useSelection.getState().currentLabel,
      opening: () => {
        const text = openingText();
        return text && `${text}: draw once they have all arrived, so the new shape goes on top of them.`;
      },
      // The live layer draws the previews the tools write.
      get previews() { return pane().live.previews; },
      setDraft: (d) => { pane().live.draft = d; pane().redraw(); },
      redraw: () => pane().redraw(),
      commit: (edit: Edit) => void applyEdit(edit),
      notify: (text) => toast('info', text),
      setCursor: (cur) => { pane().root.style.cursor = cur; },
      setHover: (id) => { const live = pane().live; if (id !== live.hover) { live.hover = id; pane().redraw(); } },
    };
  }

  /** Binds the tools to the pane they edit (made after the tools, since the pane routes input to them). */
  attach(pane: ToolPane): void {
    this.pane = pane;
  }

  active(): Tool | null {
    const ui = useImageUi.getState();
    if (ui.spacePan || ui.tool === 'pan') return null;
    return ui.tool === 'select' ? this.select : ui.tool === 'box' ? this.box : this.polygon;
  }

  /** Escape: cancels a drawing or drag in progress; false when there was none. */
  cancel(): boolean {
    let any = false;
    for (const t of this.all) any = t.cancel(this.host) || any;
    return any;
  }

  /** A drawing tool has a shape under way. */
  drawing(): boolean {
    return this.polygon.busy() || this.box.busy();
  }

  /** A drag holds the pointer (a polygon being drawn does not: the bitmap may be redrawn between clicks). */
  dragging(): boolean {
    return this.all.some((t) => t.busy() && t !== this.polygon);
  }
}
