// Toolbar of the audio workspace: transport, speed, loop, marks, zoom, the label for new segments, speech
// detection and accepting its suggestions, undo/redo. Every button names its key.
import { useState } from 'react';
import type { LabelDef } from '../../../shared/domain.ts';
import { errorText, toast } from '../../stores/app.ts';
import { loadDocument, useReadOnly } from '../document/documentStore.ts';
import { UndoRedoButtons } from '../document/UndoRedo.tsx';
import { audioApi } from './audioApi.ts';
import { useAudioUi } from './audioStore.ts';
import type { Player } from './player.ts';
import type { SegmentIndex } from './segmentIndex.ts';
import { acceptSegments } from './segmentEdits.ts';
import type { AudioCommands } from './useAudioActions.ts';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];

export function AudioToolbar({ cmd, player, labels, index, taskId, ready }: { cmd: AudioCommands; player: Player; labels: LabelDef[]; index: SegmentIndex; taskId: string; ready: boolean }) {
  const playing = useAudioUi((s) => s.playing);
  const loop = useAudioUi((s) => s.loop);
  const rate = useAudioUi((s) => s.rate);
  const currentLabel = useAudioUi((s) => s.currentLabel);
  const pending = useAudioUi((s) => s.pendingStart);
  const activeTier = useAudioUi((s) => s.activeTier);
  const [detecting, setDetecting] = useState(false);
  const readOnly = useReadOnly();
  const suggested = index.all.filter((s) => s.origin === 'model');

  const detect = async () => {
    setDetecting(true);
    try {
      const r = await audioApi().detectSpeech(taskId, { tier: activeTier });
      await loadDocument(taskId);
      toast('success', `Speech detection (${r.engine === 'silero' ? 'Silero VAD' : 'energy detector'}) suggested ${r.count} segment${r.count === 1 ? '' : 's'}. Accept them with A or "Accept all".`);
    } catch (e) {
      toast('error', `Detect speech failed: ${errorText(e)}`);
    } finally {
      setDetecting(false);
    }
  };

  return (
    <div className="au-toolbar" role="toolbar" aria-label="Audio tools">
      <button onClick={cmd.togglePlay} aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} title={playing ? 'Pause (Space)' : 'Play (Space)'}>{playing ? '❚❚' : '▶'}</button>
      <button onClick={cmd.playSelection} aria-label="Play selected segment (Shift+Space)" title="Play selected segment (Shift+Space)">▶ Segment</button>
      <button onClick={cmd.toggleLoop} aria-pressed={loop} aria-label="Loop selected segment (L)" title="Loop selected segment (L)">⟲ Loop</button>
      <label className="au-rate">Speed
        <select value={rate} aria-label="Playback rate" onChange={(e) => { const r = Number(e.target.value); player.setRate(r); useAudioUi.setState({ rate: r }); }}>
          {RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
        </select>
      </label>
      <span className="au-sep" />
      <button onClick={cmd.markStart} aria-label="Mark start at playhead ([)" title="Mark start at playhead ([)" aria-pressed={pending !== null} disabled={readOnly}>[ Start</button>
      <button onClick={cmd.markEnd} aria-label="End segment at playhead (])" title="End segment at playhead (])" disabled={readOnly || pending === null}>End ]</button>
      <span className="au-sep" />
      <button onClick={() => cmd.zoom(1 / 1.5)} aria-label="Zoom out (-)" title="Zoom out (-)">−</button>
      <button onClick={() => cmd.zoom(1.5)} aria-label="Zoom in (+)" title="Zoom in (+)">+</button>
      <span className="au-sep" />
      <div className="au-newlabel" role="radiogroup" aria-label="Label for new segments">
        {labels.map((l) => (
          <button key={l.id} role="radio" aria-checked={currentLabel === l.id} onClick={() => cmd.pickLabel(l.id)} aria-label={`${l.name}${l.hotkey ? ` (${l.hotkey})` : ''}`} title={`${l.name}${l.hotkey ? ` (${l.hotkey})` : ''}`}>
            <span className="au-swatch" style={{ background: l.color }} aria-hidden="true" />{l.name}{l.hotkey ? <kbd>{l.hotkey}</kbd> : null}
          </button>
        ))}
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
