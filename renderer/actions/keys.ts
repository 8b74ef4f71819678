// Key chords as strings ("Ctrl+Shift+Z", "?", "F"): one normal form so a shortcut is defined once and matched,
// shown and listed the same way everywhere.

/** The chord of a keyboard event in normal form. Ctrl and Cmd are the same modifier ("Ctrl"). */
export function chordOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  let key = e.key;
  if (key === ' ') key = 'Space';
  else if (key.length === 1) key = key.toUpperCase();
  const printable = e.key.length === 1 && e.key !== ' ';
  const isLetter = /^[A-Z]$/.test(key);
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  // Shift is part of symbols like "?" and "{"; keep it only for letters, digits with Ctrl, and named keys.
  if (e.shiftKey && (isLetter || !printable || e.ctrlKey || e.metaKey)) mods.push('Shift');
  return [...mods, key].join('+');
}

export function normalizeChord(chord: string): string {
  // The key itself may be "+" (zoom in), so take it from the end rather than splitting on "+".
  const key = chord.endsWith('+') ? '+' : chord.slice(chord.lastIndexOf('+') + 1);
  const parts = chord.slice(0, chord.length - key.length).split('+').filter(Boolean);
  const mods = new Set(parts.map((p) => (p === 'Cmd' || p === 'Meta' ? 'Ctrl' : p)));
  const ordered = ['Ctrl', 'Alt', 'Shift'].filter((m) => mods.has(m));
  return [...ordered, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** True when typing into this element should not trigger shortcuts. */
export function isTypingTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'range', 'color', 'submit'].includes(type);
  }
  return false;
}

const PRETTY: Record<string, string> = { ArrowRight: '→', ArrowLeft: '←', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Delete: 'Del' };
export function prettyChord(chord: string): string {
  return chord.split('+').map((p) => PRETTY[p] ?? p).join('+');
}
