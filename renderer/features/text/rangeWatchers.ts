// Who draws which part of the document: each rendered row watches its own text range and is told when a span
// there changed, so an edit re-renders the one or two rows it touched instead of every row on screen (each of
// which had to query the index and compare a signature to find out it had not changed).
export interface Range { start: number; end: number }

interface Watcher extends Range { changed: () => void }

export class RangeWatchers {
  private watchers = new Set<Watcher>();
  /** Bumped on every notify: a watcher that rendered at an older version missed a change (see useWatchedRange). */
  version = 0;

  /** Calls `changed` whenever a changed range overlaps [start, end); returns the unsubscribe. */
  watch(start: number, end: number, changed: () => void): () => void {
    const w: Watcher = { start, end, changed };
    this.watchers.add(w);
    return () => { this.watchers.delete(w); };
  }

  /** Tells the watchers of the ranges that changed (null: everything changed). */
  notify(dirty: readonly Range[] | null): void {
    this.version++;
    if (dirty && !dirty.length) return;
    for (const w of this.watchers) {
      if (!dirty) { w.changed(); continue; }
      for (const d of dirty) if (touches(d, w)) { w.changed(); break; }
    }
  }
}

/** A span [d.start, d.end) shows in [w.start, w.end) when they overlap; an empty one where it sits. */
function touches(d: Range, w: Range): boolean {
  return d.start < w.end && (d.end > w.start || (d.start === d.end && d.start >= w.start));
}
