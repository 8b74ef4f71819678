// Toolbar part for machine proposals on images: run the object detector (progress and Cancel show in the status
// bar), see how many suggestions wait, accept them all.
import { useState } from 'react';
import { tagger } from '../../../api/tagger.ts';
import { useDocument, useReadOnly } from '../../document/documentStore.ts';
import { acceptObjects, runModel } from '../../document/suggestions.ts';

export function ModelControls({ taskId }: { taskId: string }) {
  const [running, setRunning] = useState(false);
  const readOnly = useReadOnly();
  const suggested = useDocument((s) => {
    let n = 0;
    for (const o of s.objects.values()) if (o.origin === 'model' && (o.kind === 'box' || o.kind === 'polygon')) n++;
    return n;
  });
  const detect = async () => {
    setRunning(true);
    await runModel('Detect objects', taskId, () => tagger.models.detectObjects(taskId), ['box', 'boxes']);
    setRunning(false);
  };
  const acceptAll = () => {
    const ids = [...useDocument.getState().objects.values()].filter((o) => o.origin === 'model' && (o.kind === 'box' || o.kind === 'polygon')).map((o) => o.id);
    acceptObjects(ids);
  };
  return (
    <div role="group" aria-label="Model suggestions" className="tool-group">
      <button onClick={() => void detect()} disabled={readOnly || running} aria-label="Detect objects" title="Suggest boxes with the object detector (CenterNet, runs locally); accept with A, reject with X">
        {running ? 'Detecting…' : 'Detect objects'}
      </button>
      {suggested ? (
        <>
          <span className="muted" aria-live="polite">{suggested} suggested · <kbd>A</kbd> accept <kbd>X</kbd> reject</span>
          <button onClick={acceptAll} disabled={readOnly} aria-label={`Accept all ${suggested} suggestions`}>Accept all</button>
        </>
      ) : null}
    </div>
  );
}
