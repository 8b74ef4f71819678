// The key of a button drawn on the button ("Car [1]"). The button's accessible name already says it ("Car (1)"),
// so the hint is drawn by CSS, not as text: a screen reader does not read the key twice and the name still
// contains all the visible words (WCAG 2.5.3, label in name).
export function KeyHint({ k }: { k: string }) {
  return <kbd className="key-hint" data-key={k} aria-hidden="true" />;
}
