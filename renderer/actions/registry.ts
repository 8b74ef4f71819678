// Every user command is an action: toolbar buttons, menus, hotkeys, the command palette and the shortcut list all
// come from here, so a shortcut is defined once and shown everywhere. Features register their actions while
// mounted; a later registration of the same key takes precedence (the workspace over the shell).
import { useEffect } from 'react';
import { create } from 'zustand';
import { chordOf, isTypingTarget, normalizeChord } from './keys.ts';
import { holdKey, holdingKeys, takeHeldKeys } from './typeAhead.ts';

export interface Action {
  id: string;
  title: string;
  /** Group shown in the shortcut list and palette, e.g. "Navigation", "Image". */
  group: string;
  keys?: string[];
  /** When false the action is hidden from the palette and its keys pass through. */
  enabled?: () => boolean;
  /** Runs even while the user types in a field (only for Escape-like keys). */
  whileTyping?: boolean;
  run: () => void | Promise<void>;
}

interface Registry {
  actions: Action[];
  version: number;
}

export const useActionRegistry = create<Registry>(() => ({ actions: [], version: 0 }));

export function registerActions(actions: Action[]): () => void {
  const norm: Action[] = actions.map((a) => ({ ...a, keys: a.keys?.map(normalizeChord) }));
  useActionRegistry.setState((s) => ({ actions: [...s.actions, ...norm], version: s.version + 1 }));
  return () => useActionRegistry.setState((s) => ({ actions: s.actions.filter((a) => !norm.includes(a)), version: s.version + 1 }));
}

/** Registers actions for the life of a component. Pass a stable list (useMemo) or the deps that rebuild it. */
export function useActions(build: () => Action[], deps: unknown[]): void {
  useEffect(() => registerActions(build()), deps);
}

export function isEnabled(a: Action): boolean {
  return a.enabled ? a.enabled() : true;
}

/** The action a key event triggers, newest registration first. */
export function actionForEvent(e: KeyboardEvent): Action | undefined {
  return actionForChord(chordOf(e), isTypingTarget(e.target));
}

function actionForChord(chord: string, typing: boolean): Action | undefined {
  const list = useActionRegistry.getState().actions;
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i];
    if (!a.keys?.includes(chord)) continue;
    if (typing && !a.whileTyping) continue;
    if (!isEnabled(a)) continue;
    return a;
  }
  return undefined;
}

/** Groups of the shell's own actions: they act at once even while keys for the next task are held. */
const SHELL_GROUPS = new Set(['App', 'Project', 'Navigation', 'Task', 'Edit', 'View']);

export function installKeyboard(target: Window = window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    // A modal dialog owns the keyboard (Escape closes it); workspace shortcuts wait until it is gone.
    if (document.querySelector('dialog[open]')) return;
    const a = actionForEvent(e);
    // While the user moves to another task, a workspace's key is for the task the move ends on, not the one still
    // shown; the shell's keys (F, D, dialogs) act at once.
    if (!a || (holdingKeys() && !SHELL_GROUPS.has(a.group))) {
      if (holdKey(e, chordOf(e)) && a) {
        e.preventDefault();
        e.stopPropagation();
      }
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    void a.run();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}

/** Runs the keys held while `taskId` opened (typeAhead.ts), now that its workspace has registered its actions. */
export function runHeldKeys(taskId: string): void {
  for (const chord of takeHeldKeys(taskId)) {
    const a = actionForChord(chord, false);
    if (a) void a.run();
  }
}

/** Unique actions (by id, newest wins) for the palette and shortcut list. */
export function listActions(): Action[] {
  const seen = new Map<string, Action>();
  for (const a of useActionRegistry.getState().actions) seen.set(a.id, a);
  return [...seen.values()];
}
