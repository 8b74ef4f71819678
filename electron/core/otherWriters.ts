// Another process writing to the same database (a `tagger import` in a terminal): SQLite's data_version changes
// only for commits made through other connections, so a cheap poll is enough to tell the page to refresh.
import type { Db } from '../store/db.ts';

export function watchOtherWriters(db: Db, onChange: () => void, everyMs = 1500): () => void {
  const read = () => db.pragma('data_version', { simple: true }) as number;
  let last = read();
  const timer = setInterval(() => {
    try {
      const v = read();
      if (v !== last) {
        last = v;
        onChange();
      }
    } catch {
      /* the database is closing; the next start reads it afresh */
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
