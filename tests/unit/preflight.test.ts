// `npm test` on a machine without the Debian programs the tests need stops at once, naming the one command that
// installs them; with all of them present it gets out of the way.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A PATH holding only sh and the named programs (as stubs). */
function pathWith(programs: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-preflight-'));
  fs.symlinkSync('/bin/sh', path.join(dir, 'sh'));
  for (const p of programs) {
    fs.writeFileSync(path.join(dir, p), '#!/bin/sh\n');
    fs.chmodSync(path.join(dir, p), 0o755);
  }
  return dir;
}

const preflight = (PATH: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin/preflight.js')], { encoding: 'utf8', env: { PATH } });

describe('npm test preflight', () => {
  it('names what is missing and the one apt-get command that installs it', () => {
    const r = preflight(pathWith(['sox', 'praat']));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('npm test needs chromium, ffmpeg, espeak-ng, which are not installed');
    expect(r.stderr).toMatch(/^ {2}(sudo )?apt-get install -y --no-install-recommends chromium ffmpeg espeak-ng$/m);
  });

  it('passes silently when every program is there', () => {
    const r = preflight(pathWith(['chromium', 'sox', 'ffmpeg', 'praat', 'espeak-ng']));
    expect(r).toMatchObject({ status: 0, stderr: '' });
  });

  it('is what npm test runs first', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts.test.startsWith('node bin/preflight.js && ')).toBe(true);
  });
});
