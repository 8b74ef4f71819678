// Cuts a long text into pieces of about `target` UTF-16 units for tools that are slow on long inputs (the entity
// finders): at a paragraph break when there is one, else a line break, else whitespace, never inside a surrogate
// pair. Returns the start offsets; piece i is [starts[i], starts[i+1] or text.length).
export function chunkStarts(text: string, target = 8192): number[] {
  const starts = [0];
  let from = 0;
  while (text.length - from > target * 1.5) {
    const lo = from + (target >> 1);
    const hi = from + target * 2;
    const cut = breakIn(text, lo, Math.min(hi, text.length), from + target);
    starts.push(cut);
    from = cut;
  }
  return starts;
}

/** The best break in [lo, hi) nearest to `near`: after "\n\n", else after "\n", else after a space. */
function breakIn(text: string, lo: number, hi: number, near: number): number {
  for (const sep of ['\n\n', '\n', ' ']) {
    const after = text.indexOf(sep, near);
    const before = text.lastIndexOf(sep, near);
    const cands = [before >= lo ? before + sep.length : -1, after >= 0 && after + sep.length < hi ? after + sep.length : -1].filter((c) => c > lo);
    if (cands.length) return cands.reduce((a, b) => (Math.abs(a - near) <= Math.abs(b - near) ? a : b));
  }
  const c = text.charCodeAt(near - 1);
  return c >= 0xd800 && c <= 0xdbff ? near + 1 : near;
}
