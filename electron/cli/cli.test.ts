// The `tagger` command as a user runs it: real processes, real files, real exit codes.
import { describe, it, expect } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import Database from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 60000 });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-cli-'));

describe('tagger CLI', () => {
  it('prints help and version', () => {
    const h = tagger('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/serve \[--data DIR\] \[--port N\] \[--demo\]/);
    expect(h.stdout).toMatch(/import --data DIR --project NAME/);
    const v = tagger('--version');
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('rejects an unknown flag or command with the usage and a non-zero code', () => {
    const f = tagger('serve', '--bogus');
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/Unknown option '--bogus'/);
    expect(f.stderr).toMatch(/Usage: tagger serve/);
    const c = tagger('frobnicate');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('imports a folder: one task per item, duplicates skipped, bad files listed with reasons', () => {
    const data = tmp();
    const src = tmp();
    fs.copyFileSync(path.join(ROOT, 'resources/demo/images/street-2.png'), path.join(src, 'a.png'));
    fs.copyFileSync(path.join(ROOT, 'resources/demo/images/street-2.png'), path.join(src, 'same-content.png'));
    fs.copyFileSync(path.join(ROOT, 'resources/demo/audio/chimes.wav'), path.join(src, 'c.wav'));
    fs.writeFileSync(path.join(src, 'doc.txt'), 'Ada Lovelace met Charles Babbage in London.');
    fs.writeFileSync(path.join(src, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    fs.writeFileSync(path.join(src, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(src, 'notes.docx'), 'x');
    const r = tagger('import', '--data', data, '--project', 'Mixed', src);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Imported 3 item\(s\) into "Mixed", skipped 1 duplicate\(s\), 3 failed/);
    expect(r.stderr).toMatch(/broken\.jpg: .*(damaged|not a readable image)/);
    expect(r.stderr).toMatch(/latin1\.txt: .*not valid UTF-8.*line 1/);
    expect(r.stderr).toMatch(/notes\.docx: unsupported file type/);
    const db = new Database(path.join(data, 'tagger.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(3);
    const schema = JSON.parse(db.prepare('SELECT schema_json FROM projects').pluck().get() as string);
    expect(schema.image.labels.length).toBeGreaterThan(0);
    for (const id of db.prepare('SELECT id FROM assets').pluck().all() as string[]) expect(fs.existsSync(path.join(data, 'media', id.slice(0, 2), id))).toBe(true);
    db.close();
    const again = tagger('import', '--data', data, '--project', 'Mixed', path.join(src, 'a.png'));
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/Imported 0 item\(s\).*skipped 1 duplicate/);
  });

  it('refuses a damaged database with a message and leaves it unchanged', () => {
    const data = tmp();
    const file = path.join(data, 'tagger.sqlite');
    fs.writeFileSync(file, 'definitely not an sqlite database file.........');
    const before = fs.readFileSync(file);
    const r = tagger('import', '--data', data, '--project', 'P', path.join(ROOT, 'resources/demo/text'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/damaged or not a Tagger database/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('names a data directory that cannot be used', () => {
    const r = tagger('serve', '--data', '/nonexistent-parent-xyz/data');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does not exist.*--data/);
    const file = path.join(tmp(), 'plainfile');
    fs.writeFileSync(file, '');
    expect(tagger('serve', '--data', file).stderr).toMatch(/is a file, not a directory/);
  });

  it('reports a port in use and exits non-zero', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = tagger('serve', '--data', tmp(), '--port', String(port));
    blocker.close();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Port ${port} is already in use.*--port`));
    expect(tagger('serve', '--data', tmp(), '--port', 'eighty').stderr).toMatch(/--port must be a whole number/);
  });

  it('serve prints exactly one URL line on stdout and installs the demo project on first start', async () => {
    const data = tmp();
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'serve', '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no URL')), 30000);
      p.stdout.on('data', (d) => {
        out += d;
        const m = /^Tagger Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/m.exec(out);
        if (m) { clearTimeout(t); resolve(m[1]); }
      });
    });
    const u = new URL(url);
    const res = await fetch(`${u.origin}/api/call/projects.list`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tagger-Token': u.searchParams.get('token')! }, body: '[]' });
    const projects = (await res.json()).value;
    expect(projects.map((x: { name: string }) => x.name)).toEqual(['Demo']);
    expect(projects[0].kinds.sort()).toEqual(['audio', 'image', 'text']);
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
    expect(out.trim().split('\n')).toHaveLength(1);
  });
});

describe('tagger CLI on a fresh machine', () => {
  it('creates the default data directory (and its missing parents) on first start', async () => {
    const home = tmp();
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: home, XDG_CONFIG_HOME: '', TAGGER_DATA_DIR: '' } });
    let out = '';
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL: ${err}`)), 30000);
      p.stdout.on('data', (d) => { out += d; if (/Tagger Workstation: http/.test(out)) { clearTimeout(t); resolve(); } });
      p.on('exit', () => { clearTimeout(t); reject(new Error(`exited: ${err}`)); });
    });
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
    expect(fs.existsSync(path.join(home, '.config', 'tagger-workstation', 'tagger.sqlite'))).toBe(true);
  });
});
