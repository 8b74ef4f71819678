// Toolbar of the audio workspace: transport, speed, loop, marks, zoom, the label for new segments, speech
// detection and accepting its suggestions, undo/redo. Buttons are actions (useAudioActions.ts): their names and
// keys come from the registry.
import type { LabelDef } from '../../../shared/domain.ts';
import { errorText, toast } from '../../stores/app.ts';
import { applyRemoteEdit, useDocument, useReadOnly } from '../document/documentStore.ts';
import { useActions } from '../../actions/registry.ts';
import { modelActions, suggestedIds, useModelRun } from '../document/modelRuns.ts';
import { UndoRedoButtons } from '../document/UndoRedo.tsx';
import { audioApi } from './audioApi.ts';
import { useAudioUi } from './audioStore.ts';
import { useSelection } from '../workspace/selection.ts';
import { LabelButtons } from '../workspace/LabelButtons.tsx';
import { ActionButton } from '../../actions/ActionButton.tsx';
import type { Player } from './player.ts';
import type { SegmentIndex } from './segmentIndex.ts';
import { acceptSegments } from './segmentEdits.ts';
import type { AudioCommands } from './useAudioActions.ts';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];

export function AudioToolbar({ cmd, player, labels, index, taskId, ready }: { cmd: AudioCommands; player: Player; labels: LabelDef[]; index: SegmentIndex; taskId: string; ready: boolean }) {
  const playing = useAudioUi((s) => s.playing);
  const loop = useAudioUi((s) => s.loop);
  const rate = useAudioUi((s) => s.rate);
  const spectrogram = useAudioUi((s) => s.spectrogram);
  const currentLabel = useSelection((s) => s.currentLabel);
  const pending = useAudioUi((s) => s.pendingStart);
  const detecting = useModelRun((s) => s.running === 'audio.detectSpeech');
  const readOnly = useReadOnly();
  const suggested = index.all.filter((s) => s.origin === 'model');

  const detect = async () => {
    try {
      const r = await applyRemoteEdit(taskId, () => audioApi().detectSpeech(taskId, { tier: useAudioUi.getState().activeTier }));
      toast('success', `Speech detection (${r.engine === 'silero' ? 'Silero VAD' : 'energy detector'}) suggested ${r.count} segment${r.count === 1 ? '' : 's'}. Accept them with A or "Accept all".`);
    } catch (e) {
      toast('error', `Detect speech failed: ${errorText(e)}`);
    }
  };
  useActions(() => modelActions({
    id: 'audio.detectSpeech', title: 'Detect speech', group: 'Audio', acceptAllId: 'audio.acceptAll',
    readOnly: () => useDocument.getState().readOnly || !ready, run: detect,
    suggested: () => suggestedIds(['segment']).length, acceptAll: () => acceptSegments(suggestedIds(['segment'])),
  }), [taskId, ready]);

  return (
    <div className="au-toolbar" role="toolbar" aria-label="Audio tools">
      <ActionButton id="audio.play" title={playing ? 'Pause' : 'Play'}>{playing ? '❚❚' : '▶'}</ActionButton>
      <ActionButton id="audio.playSelection">▶ Segment</ActionButton>
      <ActionButton id="audio.loop" pressed={loop}>⟲ Loop</ActionButton>
      <label className="au-rate">Speed
        <select value={rate} aria-label="Playback rate" onChange={(e) => { const r = Number(e.target.value); player.setRate(r); useAudioUi.setState({ rate: r }); }}>
          {RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
        </select>
      </label>
      <span className="au-sep" />
      <ActionButton id="audio.markStart" pressed={pending !== null} disabled={readOnly}>[ Start</ActionButton>
      <ActionButton id="audio.markEnd" disabled={readOnly || pending === null}>End ]</ActionButton>
      <span className="au-sep" />
      <ActionButton id="audio.spectrogram" pressed={spectrogram}>Spectrogram</ActionButton>
      <ActionButton id="audio.zoomOut">−</ActionButton>
      <ActionButton id="audio.zoomIn">+</ActionButton>
      <span className="au-sep" />
      <div className="au-newlabel" role="group" aria-label="Label for new segments">
        <LabelButtons labels={labels} current={currentLabel} onPick={cmd.pickLabel} />
      </div>
      <span className="au-sep" />
      <ActionButton id="audio.detectSpeech" disabled={readOnly || !ready || detecting} hint="Suggest speech segments with the voice activity detector (runs locally)">
        {detecting ? 'Detecting…' : 'Detect speech'}
      </ActionButton>
      <ActionButton id="audio.acceptAll" title={`Accept all ${suggested.length} suggestions`} disabled={readOnly || !suggested.length}>
        Accept all ({suggested.length})
      </ActionButton>
      <span className="au-sep" />
      <UndoRedoButtons />
    </div>
  );
}
