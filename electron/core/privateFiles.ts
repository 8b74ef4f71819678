// Annotations are the user's work and may be confidential: the data directory is readable by its owner only
// (0700; nothing inside can then be reached by other local users), and the database files are 0600 as well, in
// case the directory is ever loosened or the files copied elsewhere with their modes.
import fs from 'node:fs';
import path from 'node:path';

export function keepPrivate(dataDir: string, dbFile: string): void {
  if (process.platform === 'win32') return; // ACLs of the user profile already apply
  tryChmod(dataDir, 0o700);
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) tryChmod(path.join(dataDir, f), 0o600);
}

function tryChmod(p: string, mode: number): void {
  try {
    const st = fs.statSync(p);
    if ((st.mode & 0o777) !== mode && (typeof process.getuid !== 'function' || st.uid === process.getuid())) fs.chmodSync(p, mode);
  } catch {
    /* missing: created later with the directory's protection */
  }
}
