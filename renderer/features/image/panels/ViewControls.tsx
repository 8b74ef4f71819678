// Zoom buttons and the view adjustments (brightness, contrast, fill opacity). These change only the view.
import { useImageUi } from '../imageStore.ts';
import type { CanvasController } from '../canvas/CanvasController.ts';

export function ViewControls({ ctrl }: { ctrl: () => CanvasController | null }) {
  const brightness = useImageUi((s) => s.brightness);
  const contrast = useImageUi((s) => s.contrast);
  const fill = useImageUi((s) => s.fillOpacity);
  return (
    <div className="view-controls" role="group" aria-label="View">
      <button aria-label="Fit to window (Ctrl+0)" title="Fit to window (Ctrl+0)" onClick={() => ctrl()?.fit()}>Fit</button>
      <button aria-label="Actual pixels 1:1 (Ctrl+1)" title="Actual pixels (Ctrl+1)" onClick={() => ctrl()?.oneToOne()}>1:1</button>
      <button aria-label="Zoom out (-)" title="Zoom out (-)" onClick={() => ctrl()?.zoomCentered(0.8)}>−</button>
      <button aria-label="Zoom in (+)" title="Zoom in (+)" onClick={() => ctrl()?.zoomCentered(1.25)}>+</button>
      <label className="slider" title="Brightness (view only)">☀
        <input type="range" aria-label="Brightness" min={20} max={300} value={brightness} onChange={(e) => useImageUi.setState({ brightness: Number(e.target.value) })} onDoubleClick={() => useImageUi.setState({ brightness: 100 })} />
      </label>
      <label className="slider" title="Contrast (view only)">◐
        <input type="range" aria-label="Contrast" min={20} max={300} value={contrast} onChange={(e) => useImageUi.setState({ contrast: Number(e.target.value) })} onDoubleClick={() => useImageUi.setState({ contrast: 100 })} />
      </label>
      <label className="slider" title="Fill opacity of shapes">▨
        <input type="range" aria-label="Fill opacity" min={0} max={80} value={Math.round(fill * 100)} onChange={(e) => useImageUi.setState({ fillOpacity: Number(e.target.value) / 100 })} />
      </label>
    </div>
  );
}
