// One process per data directory, as a user meets it: a second `tagger serve` says who holds the directory and
// exits; `tagger import` hands its work to the running one; leftovers of a killed process are cleaned; the
// directory and database are private to their owner.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { acquireInstanceLock, readLock, LOCK_FILE } from './instanceLock.ts';
import { createCore, DB_FILE } from './createCore.ts';
import { ROOT, startServer, tempDataDir } from '../../tests/support/server.ts';

const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 60000 });

describe('instance lock', () => {
  it('a second holder is refused with the pid and command of the first; a dead holder\'s lock is taken over', () => {
    const dir = tempDataDir('tagger-lock-');
    const first = acquireInstanceLock(dir, 'serve');
    expect(() => acquireInstanceLock(dir, 'import')).toThrow(new RegExp(`in use by another Tagger process \\(pid ${process.pid}, \`tagger serve\``));
    first.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    // A lock file left by a process that no longer runs (kill -9).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), command: 'serve', startedAt: 0 }));
    expect(readLock(dir)).toBeNull();
    const again = acquireInstanceLock(dir, 'import');
    expect(readLock(dir)?.pid).toBe(process.pid);
    again.release();
  });

  it('the owning core cleans stray temporary media and keeps the directory and database private', async () => {
    const dir = tempDataDir('tagger-lock-');
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'media', 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'media', 'tmp', 'abc.123.dead'), 'half an image');
    const core = createCore({ dataDir: dir, lock: 'serve' });
    try {
      expect(fs.readdirSync(path.join(dir, 'media', 'tmp'))).toEqual([]);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(dir, DB_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      await core.close();
    }
    expect(readLock(dir)).toBeNull();
  });

  it('a second `tagger serve` names the running one and exits; `tagger import` hands its files to it', async () => {
    const server = await startServer({ demo: false });
    try {
      const second = tagger('serve', '--data', server.dataDir, '--port', '0');
      expect(second.status).not.toBe(0);
      expect(second.stderr).toContain(`pid ${server.proc.pid}, \`tagger serve\``);
      const src = tempDataDir('tagger-lock-src-');
      fs.writeFileSync(path.join(src, 'a.txt'), 'One line of text.');
      const imp = tagger('import', '--data', server.dataDir, '--project', 'Handed', src);
      expect(imp.stderr).toContain(`pid ${server.proc.pid} holds this data directory`);
      expect(imp.stderr).toContain('Imported 1 item(s) into "Handed"');
      expect(imp.status).toBe(0);
      const res = await fetch(`${server.origin}/api/call/projects.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token }, body: '[]' });
      const projects = (await res.json()).value as { name: string; taskCount: number }[];
      expect(projects.find((p) => p.name === 'Handed')?.taskCount).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
