// A toolbar button that is an action: its accessible name, tooltip and key come from the action registry, so a
// button cannot restate a shortcut differently from the shortcut list and the palette.
import type { ReactNode } from 'react';
import { useActionRegistry, type Action } from './registry.ts';
import { prettyChord } from './keys.ts';
import { KeyHint } from '../ui/KeyHint.tsx';

/** The newest registration of an action id, as the keyboard would run it. */
function findAction(actions: Action[], id: string): Action | undefined {
  for (let i = actions.length - 1; i >= 0; i--) if (actions[i].id === id) return actions[i];
  return undefined;
}

/** "Loop selected segment (L)": an action's title with its first key. */
export function actionLabel(a: Pick<Action, 'title' | 'keys'>, title = a.title): string {
  return a.keys?.length ? `${title} (${prettyChord(a.keys[0])})` : title;
}

interface Props {
  id: string;
  /** What the button shows; the action's title when absent. */
  children?: ReactNode;
  /** A title for the button's current state ("Pause" for the play action while playing); the keys stay the action's. */
  title?: string;
  /** Shown in the tooltip only, after the title (e.g. what the action will act on). */
  hint?: string;
  pressed?: boolean;
  /** The owner knows when its action has nothing to act on (it subscribes to that state; the registry does not). */
  disabled?: boolean;
  className?: string;
  /** Toolbars over a text selection must not take the selection away on mouse down. */
  keepSelection?: boolean;
  /** Also shows the key on the button, as the tool buttons do. */
  showKey?: boolean;
}

export function ActionButton({ id, children, title, hint, pressed, disabled, className, keepSelection, showKey }: Props) {
  const action = useActionRegistry((s) => findAction(s.actions, id));
  const label = action ? actionLabel(action, title) : title ?? id;
  return (
    <button
      type="button" className={className} aria-label={label} title={hint ? `${label}: ${hint}` : label} aria-pressed={pressed}
      disabled={disabled || !action} onMouseDown={keepSelection ? (e) => e.preventDefault() : undefined}
      onClick={() => { if (action) void action.run(); }}
    >
      {children ?? title ?? action?.title ?? id}
      {showKey && action?.keys?.length ? <KeyHint k={prettyChord(action.keys[0])} /> : null}
    </button>
  );
}
