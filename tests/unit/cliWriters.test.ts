// Command-line tools that write a data directory never become a second writer next to its owner: they hand the
// work to a running `tagger serve` (whose page then shows it) or wait until the owner has gone.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, startServer, tempDataDir, type RunningServer } from '../support/server.ts';

const ADDRESS = '0x' + 'ab'.repeat(20);
/** Runs tagger; onStderr sees stderr as it grows (to act while the command waits). */
const tagger = (args: string[], onStderr: (text: string) => void = () => {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => onStderr((stderr += d)));
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

let server: RunningServer | undefined;
afterAll(() => server?.stop());

describe('CLI writers and the instance lock', () => {
  it('tagger keys trust hands the change to the running serve, which the page sees at once', async () => {
    server = await startServer({ demo: false });
    const r = await tagger(['keys', 'trust', ADDRESS, '--name', 'Ana', '--data', server.dataDir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Trusted 0xabab.* in the running Tagger \(pid \d+\)/);
    const res = await fetch(`${server.origin}/api/call/bundles.trustedKeys`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token }, body: '[]' });
    expect((await res.json()).value).toMatchObject([{ address: expect.stringMatching(/^0xabab/i), name: 'Ana' }]);
  });

  it('waits for an owner without a server (an import) to finish, then writes', async () => {
    const dataDir = tempDataDir();
    expect(spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'keys', 'list', '--data', dataDir]).status).toBe(0);
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    fs.writeFileSync(path.join(dataDir, 'tagger.lock'), JSON.stringify({ pid: owner.pid, command: 'import', startedAt: Date.now() }), { mode: 0o600 });
    let ownerGone = false;
    const r = await tagger(['keys', 'trust', ADDRESS, '--data', dataDir], (err) => {
      if (!ownerGone && /Waiting for the Tagger process/.test(err)) {
        // Nothing was written while the owner lived; now it ends, and the command goes on by itself.
        const db = new Database(path.join(dataDir, 'tagger.sqlite'), { readonly: true });
        expect(db.prepare('SELECT count(*) FROM trusted_keys').pluck().get()).toBe(0);
        db.close();
        ownerGone = owner.kill();
      }
    });
    expect(ownerGone).toBe(true);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Waiting for the Tagger process holding .* \\(pid ${owner.pid}, \`tagger import\`\\)`));
    const db = new Database(path.join(dataDir, 'tagger.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM trusted_keys').pluck().get()).toBe(1);
    db.close();
  });
});
