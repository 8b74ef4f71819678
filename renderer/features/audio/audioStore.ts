// UI state of the audio workspace that React shows (active tier, pending mark, playback flags). Selection, the
// label for new segments and reveal requests are the shared workspace slice (features/workspace/selection.ts). The timeline window and the playhead live outside React (WaveView, Player) because they move per frame.
import { create } from 'zustand';

export interface AudioUiState {
  /** Tier new segments go on when drawn on the waveform or marked with [ and ]. */
  activeTier: string;
  /** Start marked with [ and waiting for ]. */
  pendingStart: number | null;
  playing: boolean;
  loop: boolean;
  rate: number;
  /** The waveform band shows the spectrogram instead (kept across tasks: it is how this person likes to work). */
  spectrogram: boolean;
}

export const useAudioUi = create<AudioUiState>(() => ({
  activeTier: '', pendingStart: null, playing: false, loop: false, rate: 1, spectrogram: false,
}));
