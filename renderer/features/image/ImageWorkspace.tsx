// The image workspace: toolbar (tools, labels, undo/redo, view), the canvas, and the side panel with the Objects
// list and the selection's attributes.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WorkspaceProps } from '../registry.ts';
import type { LabelDef } from '../../../shared/domain.ts';
import { WorkspaceLayout } from '../../shell/WorkspaceLayout.tsx';
import { UndoRedoButtons } from '../document/UndoRedo.tsx';
import { useReadOnly } from '../document/documentStore.ts';
import { useActions } from '../../actions/registry.ts';
import { isTypingTarget } from '../../actions/keys.ts';
import { useImageUi, setTool, type ToolId } from './imageStore.ts';
import { CanvasController } from './canvas/CanvasController.ts';
import { loadPyramid, type Pyramid } from './canvas/imageLayer.ts';
import { imageActions } from './imageActions.ts';
import { setAttributeDefs } from './tools/newObject.ts';
import { LabelBar } from './panels/LabelBar.tsx';
import { ObjectList } from './panels/ObjectList.tsx';
import { AttributePanel } from './panels/AttributePanel.tsx';
import { ViewControls } from './panels/ViewControls.tsx';
import './image.css';

const TOOLS: { id: ToolId; name: string; key: string; icon: string }[] = [
  { id: 'select', name: 'Select', key: 'V', icon: '➤' },
  { id: 'box', name: 'Bounding box', key: 'B', icon: '▭' },
  { id: 'polygon', name: 'Polygon', key: 'P', icon: '⬠' },
  { id: 'pan', name: 'Pan', key: 'H', icon: '✥' },
];

/** A schema without any hotkeys gets 1..9, 0 on its first ten labels, so the keyboard works for every project. */
function withHotkeys(labels: LabelDef[]): LabelDef[] {
  if (labels.some((l) => l.hotkey)) return labels;
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
  return labels.map((l, i) => (i < keys.length ? { ...l, hotkey: keys[i] } : l));
}

export default function ImageWorkspace({ detail, schema }: WorkspaceProps) {
  const { asset } = detail;
  const width = asset.width ?? 0;
  const height = asset.height ?? 0;
  const labels = useMemo(() => withHotkeys(schema.labels), [schema.labels]);
  const root = useRef<HTMLDivElement>(null);
  const ctrl = useRef<CanvasController | null>(null);
  const [pyramid, setPyramid] = useState<Pyramid | null | undefined>(undefined);
  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l.color])), [labels]);

  useEffect(() => {
    setAttributeDefs(schema.attributes);
    const cur = useImageUi.getState().labelId;
    useImageUi.setState({ selected: [], activeVertex: -1, pickerOpen: false, labelId: cur && labels.some((l) => l.id === cur) ? cur : labels[0]?.id ?? null });
  }, [schema, labels]);

  useEffect(() => {
    let live = true;
    void loadPyramid(asset.id).then((p) => live && setPyramid(p));
    return () => { live = false; };
  }, [asset.id]);

  useEffect(() => {
    if (!root.current || pyramid === undefined || !width || !height) return;
    const c = new CanvasController(root.current, { assetId: asset.id, width, height, pyramid, colorOf: (l) => colors.get(l) ?? '#cccccc' });
    ctrl.current = c;
    return () => { c.destroy(); ctrl.current = null; };
  }, [asset.id, width, height, pyramid, colors]);

  // Hold Space to pan: a keyup is needed, which the action registry (keydown only) does not give.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.key !== ' ' || isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      if (!e.repeat) useImageUi.setState({ spacePan: true });
    };
    const up = (e: KeyboardEvent) => {
      if (e.key !== ' ') return;
      if (!isTypingTarget(e.target)) e.preventDefault();
      useImageUi.setState({ spacePan: false });
    };
    const blur = () => useImageUi.setState({ spacePan: false });
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => { window.removeEventListener('keydown', down); window.removeEventListener('keyup', up); window.removeEventListener('blur', blur); };
  }, []);

  useActions(() => imageActions(() => ctrl.current, labels, { width, height }), [labels, width, height]);

  const tool = useImageUi((s) => s.tool);
  const readOnly = useReadOnly();
  const toolbar = (
    <>
      <div role="toolbar" aria-label="Image tools" className="tool-group">
        {TOOLS.map((t) => (
          <button key={t.id} aria-pressed={tool === t.id} aria-label={`${t.name} (${t.key})`} title={`${t.name} (${t.key})`} disabled={readOnly && (t.id === 'box' || t.id === 'polygon')} onClick={() => setTool(t.id)}>
            <span aria-hidden="true">{t.icon}</span><kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
      <LabelBar labels={labels} />
      <span className="tb-sep" />
      <UndoRedoButtons />
      <span className="tb-sep" />
      <ViewControls ctrl={() => ctrl.current} />
    </>
  );
  const side = (
    <div className="image-side">
      <ObjectList labels={labels} />
      <AttributePanel labels={labels} attributes={schema.attributes} />
    </div>
  );
  return (
    <WorkspaceLayout toolbar={toolbar} side={side} sideTitle="Objects and attributes">
      {pyramid === undefined && width && height ? <div className="ws-empty muted image-wait" aria-busy="true">Preparing the image…</div> : null}
      {!width || !height ? (
        <div className="ws-empty" role="alert">This image has no known size, so it cannot be annotated. Re-import it; if that fails the file may be damaged.</div>
      ) : (
        <div ref={root} className="image-canvas" data-testid="image-canvas" tabIndex={0} role="application" aria-label={`Image canvas: ${asset.originalName}, ${width} × ${height} px`} aria-roledescription="annotation canvas" />
      )}
    </WorkspaceLayout>
  );
}
