// UI state of the audio workspace that React shows (selection, active tier, label for new segments, playback
// flags). The timeline window and the playhead live outside React (WaveView, Player) because they move per frame.
import { create } from 'zustand';

export interface AudioUiState {
  selectedId: string | null;
  /** Tier new segments go on when drawn on the waveform or marked with [ and ]. */
  activeTier: string;
  /** Label given to new segments; the last label key pressed. */
  currentLabel: string;
  /** Start marked with [ and waiting for ]. */
  pendingStart: number | null;
  playing: boolean;
  loop: boolean;
  rate: number;
  /** Bumped when the view should scroll the list to the selection (selected on the waveform). */
  revealSeq: number;
}

export const useAudioUi = create<AudioUiState>(() => ({
  selectedId: null, activeTier: '', currentLabel: '', pendingStart: null, playing: false, loop: false, rate: 1, revealSeq: 0,
}));

export function selectSegment(id: string | null, revealInList = false) {
  useAudioUi.setState((s) => ({ selectedId: id, revealSeq: revealInList ? s.revealSeq + 1 : s.revealSeq }));
}
