// One Tagger process per data directory. Two writers on one SQLite file make edits fail with "database is locked"
// and undo histories interleave, so the process that owns a directory holds `tagger.lock` (created exclusively,
// mode 0600) naming its pid, its command and — for `tagger serve` — the URL a command-line tool can use to ask it
// to do the work instead. A lock left by a process that no longer runs is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../shared/errors.ts';

export const LOCK_FILE = 'tagger.lock';

export interface LockInfo {
  pid: number;
  /** The command holding the directory, e.g. "serve", "import". */
  command: string;
  startedAt: number;
  /** Where a running `tagger serve` answers (with its token), so a CLI can hand work to it. */
  url?: string;
  /** Key that marks a call as coming from this directory's owner (a CLI), not from the page: see pathPolicy.ts. */
  ownerKey?: string;
}

export interface InstanceLock {
  readonly info: LockInfo;
  /** Adds the URL (and the owner key) once the server listens. */
  setUrl(url: string, ownerKey?: string): void;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the directory now (null when nobody, or only a dead process's leftover). */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export function describeHolder(dataDir: string, h: LockInfo): string {
  return `The data directory ${dataDir} is in use by another Tagger process (pid ${h.pid}, \`tagger ${h.command}\`, started ${new Date(h.startedAt).toISOString()}). Stop that process first, or choose another directory with --data.`;
}

export function acquireInstanceLock(dataDir: string, command: string): InstanceLock {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, command, startedAt: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        info,
        setUrl(url, ownerKey) {
          info.url = url;
          if (ownerKey) info.ownerKey = ownerKey;
          fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          try {
            if ((JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo).pid === process.pid) fs.rmSync(file, { force: true });
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new TaggerError('io', `Cannot create ${file}: ${(e as Error).message}.`, { path: file });
    }
    const holder = readLock(dataDir);
    if (holder) throw new TaggerError('locked', describeHolder(dataDir, holder), { pid: holder.pid, command: holder.command });
    // Left by a process that died (kill -9, power cut): take it over.
    fs.rmSync(file, { force: true });
  }
  throw new TaggerError('locked', `Could not take ${file}; another Tagger process is starting on the same directory. Try again.`);
}
