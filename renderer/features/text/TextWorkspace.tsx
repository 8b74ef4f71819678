// The text workspace: span tagging (label keys, snapping to tokens, double-click for one token), nested and
// overlapping spans, relations, document labels and pre-tagger suggestions, on documents of any length.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WorkspaceProps } from '../registry.ts';
import { tagger } from '../../api/tagger.ts';
import { loadText, releaseText } from './textSource.ts';
import { acceptObjects, runModel } from '../document/suggestions.ts';
import { modelActions, suggestedIds, useModelRun } from '../document/modelRuns.ts';
import { useActions } from '../../actions/registry.ts';
import { WorkspaceLayout } from '../workspace/WorkspaceLayout.tsx';
import { UndoRedoButtons } from '../document/UndoRedo.tsx';
import { nextZ, useDocument, useReadOnly } from '../document/documentStore.ts';
import { useApp, errorText, setStatusInfo } from '../../stores/app.ts';
import { rowStarts } from '../../../shared/text/rows.ts';
import { SpanModel } from './spanModel.ts';
import { useTextUi } from './textUi.ts';
import { DocumentView } from './DocumentView.tsx';
import { SpanList } from './SpanList.tsx';
import { DocLabelsPanel, RelationsPanel, RelationTypePicker, SelectionPanel, warmOffsets } from './SidePanels.tsx';
import { tokenAt } from '../../../shared/text/tokenize.ts';
import { createRelation, setSession } from './spanOps.ts';
import { useTextActions, applyLabel } from './textActions.ts';
import { selectionRange } from './domOffsets.ts';
import { resetSelection, useSelection } from '../workspace/selection.ts';
import { labelWithKey } from '../workspace/labelActions.ts';
import { LabelButtons } from '../workspace/LabelButtons.tsx';
import { ActionButton } from '../../actions/ActionButton.tsx';
import type { LabelLook } from './Row.tsx';
import { LabelPicker } from './LabelPicker.tsx';
import './text.css';

const GREY = '#8b93a1';

function RelateButton() {
  const selectedId = useSelection((s) => s.selected[0] ?? null);
  const readOnly = useReadOnly();
  return <ActionButton id="text.relate" title="Relate" disabled={readOnly || !selectedId} showKey>{'Relate '}</ActionButton>;
}

function FindEntitiesButton({ taskId }: { taskId: string }) {
  const running = useModelRun((s) => s.running === 'text.findEntities');
  const readOnly = useReadOnly();
  useActions(() => modelActions({
    id: 'text.findEntities', title: 'Find entities', group: 'Text', acceptAllId: 'text.acceptAll',
    readOnly: () => useDocument.getState().readOnly,
    run: () => runModel('Find entities', taskId, () => tagger.models.findEntities(taskId), ['span', 'spans']),
    suggested: () => suggestedIds(['span']).length, acceptAll: () => void acceptObjects(suggestedIds(['span'])),
  }), [taskId]);
  useActions(() => [{ id: 'text.modelClasses', title: 'Entity classes → labels…', group: 'Text', run: () => useApp.setState({ dialog: 'model-classes-text' }) }], []);
  return (
    <>
      <ActionButton id="text.findEntities" disabled={readOnly || running} hint="Suggest people, places, organizations, dates, times, money, percentages, e-mails and URLs (compromise + wink-nlp, run locally); accept with A, reject with X">
        {running ? 'Finding…' : 'Find entities'}
      </ActionButton>
      <ActionButton id="text.modelClasses" hint="Which of this project's labels each entity class is proposed as, or ignore a class">Classes…</ActionButton>
    </>
  );
}

/** Its own component so a span edit re-renders this count, not the whole workspace. */
function SuggestionCount({ model }: { model: SpanModel }) {
  useTextUi((s) => s.modelVersion);
  return model.modelCount ? <span className="muted">{model.modelCount} suggested · <kbd>A</kbd> accept <kbd>X</kbd> reject</span> : null;
}

/** Memoized: the shell re-renders on task-row changes an edit brings (status, counts); this only on its own state. */
export default memo(function TextWorkspace({ detail, schema }: WorkspaceProps) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docRef = useRef<HTMLDivElement>(null);
  const assetId = detail.asset.id;

  useEffect(() => {
    let live = true;
    resetSelection(schema.labels);
    useTextUi.setState({ relateFrom: null, relateTo: null, picker: null });
    loadText(assetId)
      .then((t) => live && setText(t))
      .catch((e) => live && setError(errorText(e)));
    return () => { live = false; releaseText(assetId); };
  }, [assetId, schema.labels]);

  const starts = useMemo(() => (text === null ? null : rowStarts(text)), [text]);
  const model = useMemo(() => (text === null ? null : new SpanModel(text.length)), [text]);

  // One-time costs of the first tag (the word segmenter's dictionaries, the code-point map, the topmost z: a look at
  // every object; the spans by id) are paid while idle after opening, not on the first key.
  useEffect(() => {
    if (text === null || !model) return;
    const id = requestIdleCallback(() => { tokenAt(text, 0); warmOffsets(text); nextZ(); model.warm(); }, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }, [text, model]);

  // Follow the shared document store: each change is diffed into the interval index.
  useEffect(() => {
    if (!model || text === null) return;
    setSession({ text, model, schema });
    const run = (objects: ReadonlyMap<string, import('../../../shared/domain.ts').AnnotationObject>) => {
      // The rows it touched re-render by themselves (they watch the model); the panels follow modelVersion. The
      // saved copy of an edit usually changes nothing on screen: nothing re-renders for it.
      // A rebuild (the document arrived after the text showed, or a reload) drops the spans by id: build them again
      // while idle, not on the first edit.
      if (model.sync(objects) === null) requestIdleCallback(() => { nextZ(); model.warm(); }, { timeout: 2000 });
      if (!model.quiet) useTextUi.setState((s) => ({ modelVersion: s.modelVersion + 1 }));
    };
    run(useDocument.getState().objects);
    const off = useDocument.subscribe((s, prev) => { if (s.objects !== prev.objects) run(s.objects); });
    return () => { off(); setSession(null); };
  }, [model, text, schema]);

  const labelMap = useMemo(() => new Map(schema.labels.map((l) => [l.id, { name: l.name, color: l.color }])), [schema.labels]);
  const look = useCallback((label: string): LabelLook => labelMap.get(label) ?? { name: label, color: GREY }, [labelMap]);
  const relMap = useMemo(() => new Map((schema.relations ?? []).map((r) => [r.id, { name: r.name, color: r.color }])), [schema.relations]);
  const relationLook = useCallback((t: string): LabelLook => relMap.get(t) ?? { name: t, color: GREY }, [relMap]);

  useTextActions(schema, docRef);

  // Status bar: the selection's offsets, when the page is next idle (at most 100 ms later) and once for a burst of
  // changes. React renders a selectionchange's state at once: a label key's removeAllRanges re-rendered the shell
  // between the key and the paint of its span, and a mouse drag fires the event on every move.
  useEffect(() => {
    let idle = 0;
    const show = () => {
      idle = 0;
      const r = docRef.current ? selectionRange(docRef.current) : null;
      setStatusInfo({ cursorInfo: r ? `chars ${r.start}–${r.end} (${r.end - r.start})` : '' });
    };
    const onSel = () => { idle ||= requestIdleCallback(show, { timeout: 100 }); };
    document.addEventListener('selectionchange', onSel);
    return () => { document.removeEventListener('selectionchange', onSel); cancelIdleCallback(idle); useApp.setState({ cursorInfo: '' }); };
  }, []);

  const activeLabel = useSelection((s) => s.currentLabel);
  const readOnly = useReadOnly();
  const snap = useTextUi((s) => s.snap);
  const relateFrom = useTextUi((s) => s.relateFrom);
  const relateTo = useTextUi((s) => s.relateTo);

  const toolbar = (
    <>
      <div role="group" aria-label="Labels" className="tx-labels">
        <LabelButtons labels={schema.labels} current={activeLabel} onPick={(id) => applyLabel(id, docRef.current)} disabled={readOnly} keepSelection title={(l) => `Tag the selection as ${labelWithKey(l)}`} />
      </div>
      <label className="tx-toggle" title="Off: spans may start and end inside words"><input type="checkbox" checked={snap} onChange={(e) => useTextUi.setState({ snap: e.target.checked })} /> Snap to words</label>
      <RelateButton />
      <ActionButton id="text.pretag" title="Pre-tag" hint="run the project's dictionary and pattern rules; results are suggestions" disabled={readOnly} />
      <FindEntitiesButton taskId={detail.task.id} />
      {model ? <SuggestionCount model={model} /> : null}
      <span className="spacer" />
      <UndoRedoButtons />
    </>
  );

  const side = model && text !== null ? (
    <div className="tx-side">
      <SelectionPanel model={model} text={text} schema={schema} look={look} />
      <DocLabelsPanel model={model} schema={schema} />
      <SpanList model={model} text={text} labels={schema.labels} look={look} />
      <RelationsPanel model={model} text={text} relationLook={relationLook} />
    </div>
  ) : null;

  return (
    <WorkspaceLayout toolbar={toolbar} side={side} sideTitle="Spans panel">
      {error ? <div className="ws-empty" role="alert">Could not open {detail.asset.originalName}: {error}</div>
        : !text || !starts || !model ? <div className="ws-empty muted" aria-busy="true">Loading document…</div>
        : (
          <div className="tx-main">
            {relateFrom ? (
              relateTo
                ? <RelationTypePicker schema={schema} onPick={(t) => { createRelation(relateFrom, relateTo, t); useTextUi.setState({ relateFrom: null, relateTo: null }); }} onCancel={() => useTextUi.setState({ relateFrom: null, relateTo: null })} />
                : <div className="tx-picker" role="status">Click the span this one relates to (Esc cancels).</div>
            ) : null}
            <LabelPicker labels={schema.labels} />
            <DocumentView text={text} starts={starts} model={model} look={look} relationLook={relationLook} defaultLabel={schema.labels[0]?.id ?? null} docRef={docRef} />
          </div>
        )}
    </WorkspaceLayout>
  );
});
