// Model runs (Detect objects, Detect speech, Find entities) and "Accept all" as actions, so the toolbar button, the
// command palette and the shortcut list share one definition (ActionButton reads title and state from here), and a
// run started from the palette shows on the button as running. One run at a time per page; the core's job shows
// progress and Cancel in the status bar.
import { create } from 'zustand';
import type { Action } from '../../actions/registry.ts';
import type { ObjectKind } from '../../../shared/domain.ts';
import { useDocument } from './documentStore.ts';

export const useModelRun = create<{ running: string | null }>(() => ({ running: null }));

/** Runs `work` as the model action `id` unless another run is going; the flag clears however it ends. */
export async function startModelRun(id: string, work: () => Promise<unknown>): Promise<void> {
  if (useModelRun.getState().running) return;
  useModelRun.setState({ running: id });
  try {
    await work();
  } finally {
    useModelRun.setState({ running: null });
  }
}

/** The run action and the accept-all action of a workspace's model, enabled only where they can act. */
export function modelActions(o: { id: string; title: string; group: string; readOnly: () => boolean; run: () => Promise<unknown>; suggested: () => number; acceptAll: () => void; acceptAllId: string }): Action[] {
  return [
    { id: o.id, title: o.title, group: o.group, enabled: () => !o.readOnly() && !useModelRun.getState().running, run: () => void startModelRun(o.id, o.run) },
    { id: o.acceptAllId, title: 'Accept all suggestions', group: o.group, enabled: () => !o.readOnly() && o.suggested() > 0, run: o.acceptAll },
  ];
}

/** Ids of the open document's model suggestions of the given kinds (what "Accept all" takes). */
export function suggestedIds(kinds: readonly ObjectKind[]): string[] {
  const ids: string[] = [];
  for (const o of useDocument.getState().objects.values()) if (o.origin === 'model' && kinds.includes(o.kind)) ids.push(o.id);
  return ids;
}
