// Maps DOM positions in the rendered rows to text offsets and back. Every text-bearing element carries data-o (its
// first offset); label tags carry data-at (the offset they stand at) and hold no document text.

function elementOffset(el: Element, atEnd: boolean): number | null {
  const o = (el as HTMLElement).dataset?.o;
  if (o !== undefined) return Number(o) + (atEnd ? (el.textContent?.length ?? 0) : 0);
  const at = (el as HTMLElement).dataset?.at;
  if (at !== undefined) return Number(at);
  const end = (el as HTMLElement).dataset?.end;
  if (atEnd && end !== undefined) return Number(end);
  return null;
}

/** Text offset of a DOM boundary point inside the document, or null when it is outside any row. */
export function offsetOf(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const el = node.parentElement;
    if (!el) return null;
    if (el.dataset.o !== undefined) return Number(el.dataset.o) + offset;
    const tag = el.closest<HTMLElement>('[data-at]');
    return tag ? Number(tag.dataset.at) : null;
  }
  const el = node as Element;
  if (!el.children) return null;
  const tag = el.closest?.<HTMLElement>('[data-at]');
  if (tag) return Number(tag.dataset.at);
  // An element boundary: look at the child after the point, else the one before it.
  const kids = el.childNodes;
  for (let i = offset; i < kids.length; i++) {
    const k = kids[i];
    const v = k.nodeType === Node.ELEMENT_NODE ? firstOffset(k as Element) : null;
    if (v !== null) return v;
  }
  for (let i = Math.min(offset, kids.length) - 1; i >= 0; i--) {
    const k = kids[i];
    const v = k.nodeType === Node.ELEMENT_NODE ? lastOffset(k as Element) : null;
    if (v !== null) return v;
  }
  return elementOffset(el, offset > 0);
}

function firstOffset(el: Element): number | null {
  const own = elementOffset(el, false);
  if (own !== null) return own;
  for (const c of el.children) { const v = firstOffset(c); if (v !== null) return v; }
  return null;
}
function lastOffset(el: Element): number | null {
  const end = (el as HTMLElement).dataset?.end;
  if (end !== undefined) return Number(end);
  if ((el as HTMLElement).dataset?.o !== undefined) return elementOffset(el, true);
  for (let i = el.children.length - 1; i >= 0; i--) { const v = lastOffset(el.children[i]); if (v !== null) return v; }
  return null;
}

/** The current selection as [start, end) inside root, or null when there is none (or it is collapsed). */
export function selectionRange(root: HTMLElement): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  const inside = (n: Node) => root.contains(n);
  if (!inside(r.startContainer) && !inside(r.endContainer)) return null;
  // A selection dragged past the document's edge is clipped to the rows on screen.
  const rows = () => root.querySelectorAll<HTMLElement>('.tx-row');
  const edge = (last: boolean) => { const all = rows(); return all.length ? (last ? lastOffset(all[all.length - 1]) : firstOffset(all[0])) : null; };
  const a = inside(r.startContainer) ? offsetOf(r.startContainer, r.startOffset) : edge(false);
  const b = inside(r.endContainer) ? offsetOf(r.endContainer, r.endOffset) : edge(true);
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** Text offset under a screen point (for double-click and clicks on spans). */
export function offsetAtPoint(x: number, y: number): number | null {
  const d = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? offsetOf(p.offsetNode, p.offset) : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? offsetOf(r.startContainer, r.startOffset) : null;
}
