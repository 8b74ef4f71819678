// Change listeners for the mutable objects the timeline reads every frame (player, view, peaks): they tell
// subscribers instead of re-rendering React.
export class Listeners {
  private fns = new Set<() => void>();

  /** Adds fn; the returned function removes it. */
  subscribe(fn: () => void): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }

  notify(): void {
    for (const fn of this.fns) fn();
  }

  clear(): void {
    this.fns.clear();
  }
}
