// Keys pressed while the next task opens. Between tasks no workspace is mounted, so its keys (a label, a tool) have
// no action yet and would be lost: a user who presses F and then 2 expects the next task to draw with label 2. Such
// keys are held for the task being opened and run, in order, once its workspace has registered its actions.
import { isTypingTarget } from './keys.ts';

interface Held { chord: string; at: number }

/** Keys a focused control uses itself (walk, activate, scroll): held only when nothing in particular has focus. */
const NATIVE = new Set(['Tab', 'Shift+Tab', 'Enter', 'Space', 'Escape', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);
/** Enough for a burst of keys; a key older than this is not what the user expects to happen on arrival. */
export const HOLD_LIMIT = 16;
export const HOLD_MS = 5000;

let opening: string | null = null;
let held: Held[] = [];

/** The task now opening (null: none). Keys held for another task are dropped. */
export function setOpeningTask(taskId: string | null): void {
  if (taskId !== opening) held = [];
  opening = taskId;
}

/** Holds a key no action took, if a task is opening and the key is not one the focused control uses itself. */
export function holdKey(e: Pick<KeyboardEvent, 'key' | 'repeat' | 'target'>, chord: string, now = performance.now()): boolean {
  if (!opening || e.repeat || MODIFIERS.has(e.key) || isTypingTarget(e.target)) return false;
  const t = e.target as HTMLElement | null;
  const nothingFocused = !t || t.tagName === 'BODY' || !!t.closest?.('main.workspace');
  if (NATIVE.has(chord) && !nothingFocused) return false;
  if (held.length >= HOLD_LIMIT) return false;
  held.push({ chord, at: now });
  return true;
}

/** The keys held for `taskId`, oldest first, and forgets them; those older than HOLD_MS are dropped. */
export function takeHeldKeys(taskId: string, now = performance.now()): string[] {
  if (opening !== taskId) return [];
  const out = held.filter((h) => now - h.at <= HOLD_MS).map((h) => h.chord);
  held = [];
  opening = null;
  return out;
}
