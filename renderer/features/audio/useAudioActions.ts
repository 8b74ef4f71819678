// The audio workspace's commands as actions: toolbar buttons, hotkeys, the palette and the shortcut list all
// come from here. Keys follow media players and ELAN: Space, Shift+Space, L, [ and ], label digits, A to accept, X to reject.
import type { Action } from '../../actions/registry.ts';
import { useActions } from '../../actions/registry.ts';
import type { LabelDef, TierDef } from '../../../shared/domain.ts';
import { toast } from '../../stores/app.ts';
import { useAudioUi } from './audioStore.ts';
import { selectOne, selectedId, setCurrentLabel, stepIndex, useSelection } from '../workspace/selection.ts';
import { labelActions } from '../workspace/labelActions.ts';
import type { Player } from './player.ts';
import { positionOf, type SegmentIndex } from './segmentIndex.ts';
import { acceptSegments, createSegment, deleteSegment, nudgeSegment, rejectSegments, setLabel, toggleLock } from './segmentEdits.ts';
import { gapAround, isExclusive } from './tierLimits.ts';
import { nextSuggestionIn } from '../document/suggestions.ts';
import type { WaveView } from './waveView.ts';

export interface AudioCommands {
  togglePlay: () => void;
  playSelection: () => void;
  toggleLoop: () => void;
  markStart: () => void;
  markEnd: () => void;
  zoom: (factor: number) => void;
  pickLabel: (id: string) => void;
  acceptSelected: () => void;
  rejectSelected: () => void;
  /** Selects the next (+1) or previous (-1) segment in time order and brings it into view. */
  step: (dir: 1 | -1) => void;
  /** Moves the selected segment by dt seconds (stopping at its neighbours on an exclusive tier). */
  nudge: (dt: number) => void;
}

export function audioCommands(view: WaveView | null, player: Player, indexRef: { current: SegmentIndex }, tiersRef: { current: readonly TierDef[] }): AudioCommands {
  const selected = () => {
    const id = selectedId();
    return id ? indexRef.current.byId.get(id) ?? null : null;
  };
  const playSelection = () => {
    const s = selected();
    if (!s) { toast('info', 'Select a segment to play it (Shift+Space).'); return; }
    view?.reveal(s.start, s.end);
    void player.playRange(s.start, s.end).catch(() => undefined);
  };
  const decide = (accept: boolean) => {
    const s = selected();
    if (!s || s.origin !== 'model') return;
    const next = nextSuggestionIn(indexRef.current.all, s.id);
    if (accept) acceptSegments([s.id]);
    else rejectSegments([s.id]);
    if (next) { selectOne(next.id, true); view?.reveal(next.start, next.end); } else if (!accept) selectOne(null);
  };
  return {
    togglePlay: () => void Promise.resolve(player.toggle()).catch(() => undefined),
    playSelection,
    toggleLoop: () => {
      const on = !useAudioUi.getState().loop;
      useAudioUi.setState({ loop: on });
      player.setLoop(on);
      if (on && selected() && !player.playing) playSelection();
    },
    markStart: () => useAudioUi.setState({ pendingStart: player.time }),
    markEnd: () => {
      const { pendingStart, activeTier } = useAudioUi.getState();
      const currentLabel = useSelection.getState().currentLabel ?? '';
      const t = player.time;
      if (pendingStart === null) { toast('info', 'Press [ at the start first, then ] at the end.'); return; }
      if (Math.abs(t - pendingStart) < 0.01) { toast('info', 'The segment would be empty: let the audio play on, then press ].'); return; }
      const [a, b] = [Math.min(pendingStart, t), Math.max(pendingStart, t)];
      // Refused over another segment of a 'No overlap' tier: the start stays marked (play on or back, then ] again).
      if (createSegment({ index: indexRef.current, tiers: tiersRef.current }, a, b, activeTier, currentLabel)) useAudioUi.setState({ pendingStart: null });
    },
    zoom: (factor) => view?.zoomTo(view.pxPerSec * factor, Math.max(0, Math.min(view.width, view.xAt(player.time))) || view.width / 2),
    pickLabel: (id) => {
      setCurrentLabel(id);
      const s = selected();
      if (s) setLabel(s.id, id);
    },
    // A / X on a suggestion, then on to the next suggestion in time order (Prodigy's rhythm).
    acceptSelected: () => decide(true),
    rejectSelected: () => decide(false),
    nudge: (dt) => {
      const s = selected();
      if (!s || !view) return;
      nudgeSegment(s.id, dt, gapAround(indexRef.current, s, view.duration, isExclusive(tiersRef.current, s.tier)));
    },
    step: (dir) => {
      const all = indexRef.current.all;
      const cur = selected();
      const i = stepIndex(cur ? positionOf(indexRef.current, cur.id) : -1, all.length, dir);
      if (i === null) return;
      const next = all[i];
      selectOne(next.id, true);
      view?.reveal(next.start, next.end);
      player.seek(next.start);
    },
  };
}

export function useAudioActions(cmd: AudioCommands, labels: LabelDef[], view: WaveView | null, player: Player, deps: unknown[]): void {
  useActions(() => {
    const sel = () => selectedId();
    const onWave = () => document.activeElement?.getAttribute('aria-label') === 'Waveform';
    const list: Action[] = [
      { id: 'audio.play', title: 'Play / pause', group: 'Audio', keys: ['Space'], run: cmd.togglePlay },
      { id: 'audio.playSelection', title: 'Play selected segment', group: 'Audio', keys: ['Shift+Space'], run: cmd.playSelection },
      { id: 'audio.loop', title: 'Loop selected segment', group: 'Audio', keys: ['L'], run: cmd.toggleLoop },
      { id: 'audio.markStart', title: 'Mark segment start at playhead', group: 'Audio', keys: ['['], run: cmd.markStart },
      { id: 'audio.markEnd', title: 'End segment at playhead', group: 'Audio', keys: [']'], run: cmd.markEnd },
      { id: 'audio.spectrogram', title: 'Spectrogram / waveform', group: 'Audio', keys: ['S'], run: () => useAudioUi.setState((s) => ({ spectrogram: !s.spectrogram })) },
      { id: 'audio.zoomIn', title: 'Zoom in', group: 'Audio', keys: ['+', '='], run: () => cmd.zoom(1.5) },
      { id: 'audio.zoomOut', title: 'Zoom out', group: 'Audio', keys: ['-'], run: () => cmd.zoom(1 / 1.5) },
      { id: 'audio.back', title: 'Back 1 s', group: 'Audio', keys: ['ArrowLeft'], run: () => { player.seek(player.time - 1); view?.reveal(player.time); } },
      { id: 'audio.forward', title: 'Forward 1 s', group: 'Audio', keys: ['ArrowRight'], run: () => { player.seek(player.time + 1); view?.reveal(player.time); } },
      // Tab steps through segments only while the waveform has focus, so Tab still moves focus everywhere else.
      { id: 'audio.next', title: 'Next segment', group: 'Audio', keys: ['Tab'], enabled: onWave, run: () => cmd.step(1) },
      { id: 'audio.prev', title: 'Previous segment', group: 'Audio', keys: ['Shift+Tab'], enabled: onWave, run: () => cmd.step(-1) },
      { id: 'audio.accept', title: 'Accept suggested segment', group: 'Audio', keys: ['A'], enabled: () => !!sel(), run: cmd.acceptSelected },
      { id: 'audio.reject', title: 'Reject suggested segment', group: 'Audio', keys: ['X'], enabled: () => !!sel(), run: cmd.rejectSelected },
      // Alt+arrows move the selected segment keeping its length (Shift for bigger steps), like the image nudge keys.
      ...([['audio.moveLeft', 'Move segment earlier 0.1 s', 'Alt+ArrowLeft', -0.1], ['audio.moveRight', 'Move segment later 0.1 s', 'Alt+ArrowRight', 0.1],
        ['audio.moveLeftFar', 'Move segment earlier 1 s', 'Alt+Shift+ArrowLeft', -1], ['audio.moveRightFar', 'Move segment later 1 s', 'Alt+Shift+ArrowRight', 1]] as const).map(
        ([id, title, key, dt]): Action => ({ id, title, group: 'Audio', keys: [key], enabled: () => !!sel() && !!view, run: () => cmd.nudge(dt) })),
      { id: 'audio.delete', title: 'Delete segment', group: 'Audio', keys: ['Delete', 'Backspace'], enabled: () => !!sel(), run: () => deleteSegment(sel()!) },
      { id: 'audio.lock', title: 'Lock / unlock segment', group: 'Audio', keys: ['Ctrl+L'], enabled: () => !!sel(), run: () => toggleLock(sel()!) },
      {
        id: 'audio.escape', title: 'Cancel mark, clear selection', group: 'Audio', keys: ['Escape'],
        enabled: () => !!sel() || useAudioUi.getState().pendingStart !== null,
        run: () => { selectOne(null); useAudioUi.setState({ pendingStart: null }); },
      },
    ];
    return [...list, ...labelActions(labels, 'audio', 'Audio labels', cmd.pickLabel)];
  }, deps);
}
