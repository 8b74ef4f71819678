// One run per key at a time: callers asking for a key whose work is under way share its promise (the peaks and the
// spectrogram of one file are computed once however many panes ask), and the key is free again once it settles.
export class SharedRuns<V> {
  private readonly running = new Map<string, Promise<V>>();

  run(key: string, start: () => Promise<V>): Promise<V> {
    let p = this.running.get(key);
    if (!p) {
      p = start().finally(() => this.running.delete(key));
      this.running.set(key, p);
    }
    return p;
  }
}
