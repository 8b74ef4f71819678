// Toolbar part for machine proposals on images: run the object detector (progress and Cancel show in the status
// bar), see how many suggestions wait, accept them all. Both are actions (palette, shortcut list) from modelRuns.ts.
import { tagger } from '../../../api/tagger.ts';
import { useApp } from '../../../stores/app.ts';
import { useActions } from '../../../actions/registry.ts';
import { ActionButton } from '../../../actions/ActionButton.tsx';
import { useDocument, useReadOnly } from '../../document/documentStore.ts';
import { acceptObjects, runModel, suggestionCount } from '../../document/suggestions.ts';
import { modelActions, suggestedIds, useModelRun } from '../../document/modelRuns.ts';

const SHAPES = ['box', 'polygon'] as const;

export function ModelControls({ taskId }: { taskId: string }) {
  const running = useModelRun((s) => s.running === 'image.detectObjects');
  const readOnly = useReadOnly();
  const suggested = useDocument((s) => suggestionCount(s.objects, SHAPES));
  useActions(() => modelActions({
    id: 'image.detectObjects', title: 'Detect objects', group: 'Image', acceptAllId: 'image.acceptAll',
    readOnly: () => useDocument.getState().readOnly,
    run: () => runModel('Detect objects', taskId, () => tagger.models.detectObjects(taskId), ['box', 'boxes']),
    suggested: () => suggestedIds(SHAPES).length, acceptAll: () => void acceptObjects(suggestedIds(SHAPES)),
  }), [taskId]);
  useActions(() => [{ id: 'image.modelClasses', title: 'Detector classes → labels…', group: 'Image', run: () => useApp.setState({ dialog: 'model-classes-image' }) }], []);
  return (
    <div role="group" aria-label="Model suggestions" className="tool-group">
      <ActionButton id="image.detectObjects" disabled={readOnly || running} hint="Suggest boxes with the object detector (CenterNet, runs locally); accept with A, reject with X">
        {running ? 'Detecting…' : 'Detect objects'}
      </ActionButton>
      <ActionButton id="image.modelClasses" hint="Which of this project's labels each of the detector's 80 COCO classes is proposed as, or ignore a class">Classes…</ActionButton>
      {/* A slot of fixed width, kept (invisible) while nothing waits: when the count and Accept all came and went,
          the toolbar gained or lost a row and the image jumped under the pointer (a click aimed at a shape missed). */}
      <span className={suggested ? 'suggest-slot' : 'suggest-slot idle'} aria-hidden={suggested ? undefined : true}>
        <span className="muted" aria-live="polite" title="A accepts the selected suggestion, X rejects it">{suggested ? `${suggested.toLocaleString()} suggested` : ''}</span>
        <ActionButton id="image.acceptAll" title={`Accept all ${suggested} suggestions`} disabled={readOnly || !suggested}>Accept all</ActionButton>
      </span>
    </div>
  );
}
