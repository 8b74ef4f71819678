// A command-line tool meeting a data directory that a running `tagger serve` holds: hand the work to that process
// over its local API (the lock file, readable by this user only, carries its URL and token), or wait for it to
// end. Never a second writer on the same database.
import { readLock, type LockInfo } from '../core/instanceLock.ts';
import { TaggerError, type Result } from '../../shared/errors.ts';
import { OWNER_HEADER, TOKEN_HEADER } from '../../shared/web/access.ts';

export async function callRunning<T>(holder: LockInfo, method: string, args: unknown[]): Promise<T> {
  const u = new URL(holder.url!);
  let res: Response;
  try {
    res = await fetch(`${u.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: u.searchParams.get('token') ?? '', [OWNER_HEADER]: holder.ownerKey ?? '' },
      body: JSON.stringify(args),
    });
  } catch (e) {
    throw new TaggerError('network', `The running Tagger (pid ${holder.pid}) did not answer at ${u.origin}: ${(e as Error).message}.`);
  }
  const r = (await res.json().catch(() => null)) as Result<T> | null;
  if (!r) throw new TaggerError('internal', `The running Tagger (pid ${holder.pid}) answered ${res.status} to ${method}.`);
  if (!r.ok) throw new TaggerError(r.error.code, r.error.message, r.error.detail);
  return r.value;
}

/** Resolves once no live process holds the directory; says once who is being waited for. */
export async function waitForDirectory(dataDir: string, say: (line: string) => void, pollMs = 1000): Promise<void> {
  let told = false;
  for (let h = readLock(dataDir); h; h = readLock(dataDir)) {
    if (!told) say(`Waiting for the Tagger process holding ${dataDir} (pid ${h.pid}, \`tagger ${h.command}\`) to finish…`);
    told = true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** For a command that writes the data directory: the running `tagger serve` to hand the work to, or null once no
 *  other process holds the directory (after waiting for one without a URL to finish); then take the lock. */
export async function runningServerOrWait(dataDir: string, say: (line: string) => void): Promise<LockInfo | null> {
  const holder = readLock(dataDir);
  if (holder?.url) return holder;
  if (holder) await waitForDirectory(dataDir, say);
  return null;
}
