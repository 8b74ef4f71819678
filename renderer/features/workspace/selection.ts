// What every workspace (image, audio, text, and the review panes built from them) shares about the user's focus:
// the selected objects, the label new objects get, and requests to bring an object into view. One slice, so the
// lists, the canvas, the waveform and the document agree, and Tab and the label keys behave the same everywhere.
import { create } from 'zustand';

export interface SelectionState {
  /** Selected object ids, in selection order. Replaced, never mutated. */
  selected: string[];
  /** Label given to new objects: the last label key pressed or label button clicked. */
  currentLabel: string | null;
  /** A request to bring an object into view; seq makes a repeated request for the same object count. */
  reveal: { id: string; seq: number } | null;
}

export const useSelection = create<SelectionState>(() => ({ selected: [], currentLabel: null, reveal: null }));

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Replaces the selection (no notification when it is the same). */
export function setSelection(ids: string[]): void {
  if (!sameIds(useSelection.getState().selected, ids)) useSelection.setState({ selected: ids });
}

let revealSeq = 0;

/** Selects one object (or none); with `reveal`, the views showing it also bring it into view. */
export function selectOne(id: string | null, reveal = false): void {
  setSelection(id ? [id] : []);
  if (id && reveal) revealObject(id);
}

/** Asks the views to bring an object into view, even when it is already the one revealed last. */
export function revealObject(id: string): void {
  useSelection.setState({ reveal: { id, seq: ++revealSeq } });
}

/** The one selected object's id: the first selected, or null. */
export function selectedId(s: SelectionState = useSelection.getState()): string | null {
  return s.selected[0] ?? null;
}

export function setCurrentLabel(id: string | null): void {
  if (useSelection.getState().currentLabel !== id) useSelection.setState({ currentLabel: id });
}

/** A fresh start for a workspace: nothing selected, and the current label kept if the schema still has it. */
export function resetSelection(labels: readonly { id: string }[]): void {
  const cur = useSelection.getState().currentLabel;
  useSelection.setState({ selected: [], reveal: null, currentLabel: cur && labels.some((l) => l.id === cur) ? cur : labels[0]?.id ?? null });
}

/**
 * The position Tab (dir 1) or Shift+Tab (dir -1) moves to among `count` objects from position `from` (-1: none
 * selected). It wraps at both ends in every workspace; null when there is nothing to move to.
 */
export function stepIndex(from: number, count: number, dir: 1 | -1): number | null {
  if (count <= 0) return null;
  if (from < 0 || from >= count) return dir > 0 ? 0 : count - 1;
  return (from + dir + count) % count;
}
