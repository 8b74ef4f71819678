// Keys pressed while the user moves to another task. Until the next task's tool is there, a workspace key either has
// no action (between tasks nothing is mounted) or would act on the task being left (while the move is asked of the
// core, the old tool is still mounted: "F then 2" relabelled the old task's selected object). A user who presses F
// and then 2 means the next task: such keys are held from the moment a move is asked until the tool of the task
// the moves end on has registered its actions, and then run there, in order.
import { isTypingTarget } from './keys.ts';

interface Held { chord: string; at: number }

/** Keys a focused control uses itself (walk, activate, scroll): held only when nothing in particular has focus. */
const NATIVE = new Set(['Tab', 'Shift+Tab', 'Enter', 'Space', 'Escape', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);
/** Enough for a burst of keys; a key older than this is not what the user expects to happen on arrival. */
export const HOLD_LIMIT = 16;
export const HOLD_MS = 5000;

let opening: string | null = null;
let moves = 0;
let held: Held[] = [];

/** The task now opening (null: none). Keys stay held across a chain of moves (F, F, 2: the 2 is for the last). */
export function setOpeningTask(taskId: string | null): void {
  opening = taskId;
}

/** Moves asked of the core and not yet arrived (F, D, Ctrl+Enter); set as each is asked, before any key follows. */
export function setMovesPending(n: number): void {
  moves = Math.max(0, n);
}

/** Drops what is held (the workspace went away: another project, review mode). */
export function cancelHeldKeys(): void {
  held = [];
  opening = null;
}

/** True while keys for the next task are being held. */
export function holdingKeys(): boolean {
  return opening !== null || moves > 0;
}

/** Holds a key for the next task, if keys are being held and it is not one the focused control uses itself. */
export function holdKey(e: Pick<KeyboardEvent, 'key' | 'repeat' | 'target'>, chord: string, now = performance.now()): boolean {
  if (!holdingKeys() || e.repeat || MODIFIERS.has(e.key) || isTypingTarget(e.target)) return false;
  const t = e.target as HTMLElement | null;
  const nothingFocused = !t || t.tagName === 'BODY' || !!t.closest?.('main.workspace');
  if (NATIVE.has(chord) && !nothingFocused) return false;
  if (held.length >= HOLD_LIMIT) return false;
  held.push({ chord, at: now });
  return true;
}

/** The keys held for `taskId`, oldest first, once no move is pending, and forgets them; those older than HOLD_MS
 *  are dropped. Nothing while a move is still on its way (the keys are for where it ends). */
export function takeHeldKeys(taskId: string, now = performance.now()): string[] {
  if (moves > 0 || (opening !== null && opening !== taskId)) return [];
  const out = held.filter((h) => now - h.at <= HOLD_MS).map((h) => h.chord);
  held = [];
  opening = null;
  return out;
}
