// The image workspace: toolbar (tools, labels, undo/redo, view), the canvas, and the side panel with the Objects
// list and the selection's attributes.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WorkspaceProps } from '../registry.ts';
import { WorkspaceLayout } from '../workspace/WorkspaceLayout.tsx';
import { UndoRedoButtons } from '../document/UndoRedo.tsx';
import { useReadOnly } from '../document/documentStore.ts';
import { DocumentProgress } from '../document/DocumentProgress.tsx';
import { useActions } from '../../actions/registry.ts';
import { ActionButton } from '../../actions/ActionButton.tsx';
import { isTypingTarget } from '../../actions/keys.ts';
import { useImageUi, type ToolId } from './imageStore.ts';
import { resetSelection } from '../workspace/selection.ts';
import { CanvasController } from './canvas/CanvasController.ts';
import { loadPyramid, type Pyramid } from './canvas/imageLayer.ts';
import { watchCore } from './canvas/coreWatch.ts';
import { imageActions } from './imageActions.ts';
import { setAttributeDefs } from './tools/newObject.ts';
import { LabelBar } from './panels/LabelBar.tsx';
import { ObjectList } from './panels/ObjectList.tsx';
import { AttributePanel } from './panels/AttributePanel.tsx';
import { ViewControls } from './panels/ViewControls.tsx';
import { ModelControls } from './panels/ModelControls.tsx';
import './image.css';

/** The tool buttons: their names and keys are the tool actions' (imageActions.ts). */
const TOOLS: { id: ToolId; icon: string }[] = [
  { id: 'select', icon: '➤' },
  { id: 'box', icon: '▭' },
  { id: 'polygon', icon: '⬠' },
  { id: 'pan', icon: '✥' },
];

export default function ImageWorkspace({ detail, schema }: WorkspaceProps) {
  const { asset } = detail;
  const width = asset.width ?? 0;
  const height = asset.height ?? 0;
  const labels = schema.labels;
  const root = useRef<HTMLDivElement>(null);
  const ctrl = useRef<CanvasController | null>(null);
  const [pyramid, setPyramid] = useState<Pyramid | null | undefined>(undefined);
  const [pictureReady, setPictureReady] = useState(false);
  const [coreDown, setCoreDown] = useState(false);
  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l.color])), [labels]);

  useEffect(() => {
    setAttributeDefs(schema.attributes);
    resetSelection(labels);
    useImageUi.setState({ activeVertex: -1, pickerOpen: false });
  }, [schema, labels]);

  useEffect(() => {
    let live = true;
    void loadPyramid(asset.id, () => live).then((p) => { if (live && p !== undefined) setPyramid(p); });
    return () => { live = false; };
  }, [asset.id]);

  // Until the picture is there, a core that stopped answering is said over the canvas (it would stay blank);
  // the requests go on, so the message goes and the picture comes as soon as the core answers.
  useEffect(() => {
    if (pictureReady) { setCoreDown(false); return; }
    return watchCore(setCoreDown);
  }, [pictureReady]);

  useEffect(() => {
    if (!root.current || pyramid === undefined || !width || !height) return;
    const c = new CanvasController(root.current, { assetId: asset.id, width, height, pyramid, colorOf: (l) => colors.get(l) ?? '#cccccc' });
    ctrl.current = c;
    let live = true;
    setPictureReady(false);
    void c.pane.pictureReady.then(() => live && setPictureReady(true));
    return () => { live = false; c.destroy(); ctrl.current = null; };
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
          <ActionButton key={t.id} id={`image.tool.${t.id}`} pressed={tool === t.id} disabled={readOnly && (t.id === 'box' || t.id === 'polygon')} showKey>
            <span aria-hidden="true">{t.icon}</span>
          </ActionButton>
        ))}
      </div>
      <LabelBar labels={labels} />
      <span className="tb-sep" />
      <ModelControls taskId={detail.task.id} />
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
      <DocumentProgress className="image-progress" note="drawing waits until they are all here" />
      {coreDown ? <div className="image-alert" role="alert">The Tagger core is not answering, so the picture cannot load. Still trying: it appears as soon as the core answers.</div> : null}
      {!width || !height ? (
        <div className="ws-empty" role="alert">This image has no known size, so it cannot be annotated. Re-import it; if that fails the file may be damaged.</div>
      ) : (
        <div ref={root} className="image-canvas" data-testid="image-canvas" tabIndex={0} role="application" aria-label={`Image canvas: ${asset.originalName}, ${width} × ${height} px`} aria-roledescription="annotation canvas" />
      )}
    </WorkspaceLayout>
  );
}
