// Label hotkeys for every workspace: a schema without any gets 1..9, 0 on its first ten labels, and each label
// with a key becomes one action (in the shortcut list and the palette) built here, not once per workspace.
import type { LabelDef } from '../../../shared/domain.ts';
import type { Action } from '../../actions/registry.ts';

const DEFAULT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** The labels with keys: as the schema gives them, or 1..9, 0 on the first ten when it gives none. */
export function withDefaultHotkeys(labels: LabelDef[]): LabelDef[] {
  if (labels.some((l) => l.hotkey)) return labels;
  return labels.map((l, i) => (i < DEFAULT_KEYS.length ? { ...l, hotkey: DEFAULT_KEYS[i] } : l));
}

/** One action per label with a key: `${prefix}.label.${id}`, running `pick(labelId, index)`. */
export function labelActions(labels: LabelDef[], prefix: string, group: string, pick: (labelId: string, index: number) => void): Action[] {
  const out: Action[] = [];
  labels.forEach((l, i) => {
    if (l.hotkey) out.push({ id: `${prefix}.label.${l.id}`, title: `Label: ${l.name}`, group, keys: [l.hotkey], run: () => pick(l.id, i) });
  });
  return out;
}

/** "Person (1)" or "Person": a label's name with its key, for buttons and their tooltips. */
export function labelWithKey(l: LabelDef): string {
  return l.hotkey ? `${l.name} (${l.hotkey})` : l.name;
}
