// Toolbar of the audio workspace: transport, speed, loop, marks, zoom, the label for new segments, speech
// detection and accepting its suggestions, undo/redo. Buttons are actions (useAudioActions.ts): their names and
// keys come from the registry.
import { useState } from 'react';
import type { LabelDef } from '../../../shared/domain.ts';
import { errorText, toast } from '../../stores/app.ts';
import { applyRemoteEdit, useReadOnly } from '../document/documentStore.ts';
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
  const currentLabel = useSelection((s) => s.currentLabel);
  const pending = useAudioUi((s) => s.pendingStart);
  const activeTier = useAudioUi((s) => s.activeTier);
  const [detecting, setDetecting] = useState(false);
  const readOnly = useReadOnly();
  const suggested = index.all.filter((s) => s.origin === 'model');

  const detect = async () => {
    setDetecting(true);
    try {
      const r = await applyRemoteEdit(taskId, () => audioApi().detectSpeech(taskId, { tier: activeTier }));
      toast('success', `Speech detection (${r.engine === 'silero' ? 'Silero VAD' : 'energy detector'}) suggested ${r.count} segment${r.count === 1 ? '' : 's'}. Accept them with A or "Accept all".`);
    } catch (e) {
      toast('error', `Detect speech failed: ${errorText(e)}`);
    } finally {
      setDetecting(false);
    }
  };

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
      <ActionButton id="audio.zoomOut">−</ActionButton>
      <ActionButton id="audio.zoomIn">+</ActionButton>
      <span className="au-sep" />
      <div className="au-newlabel" role="group" aria-label="Label for new segments">
        <LabelButtons labels={labels} current={currentLabel} onPick={cmd.pickLabel} />
      </div>
      <span className="au-sep" />
      <button onClick={() => void detect()} disabled={readOnly || !ready || detecting} aria-label="Detect speech" title="Suggest speech segments with the voice activity detector (runs locally)">
        {detecting ? 'Detecting…' : 'Detect speech'}
      </button>
      <button onClick={() => acceptSegments(suggested.map((s) => s.id))} disabled={readOnly || !suggested.length} aria-label={`Accept all ${suggested.length} suggestions`}>
        Accept all ({suggested.length})
      </button>
      <span className="au-sep" />
      <UndoRedoButtons />
    </div>
  );
}
