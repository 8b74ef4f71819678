// Web mode as an attacker on the same machine meets it: a real `tagger serve` process, raw sockets. The token
// never rides in a cookie (every port of 127.0.0.1 would get it), file paths stay inside the allowed folders,
// and no request can hold a socket, crash a handler or be reset instead of answered.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../support/server.ts';
import { readKeyFor } from '../../shared/web/access.ts';

let server: RunningServer;
let port: number;
let projectId: string;
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-outside-'));

beforeAll(async () => {
  server = await startServer({ demo: false, allowPaths: [], env: { TAGGER_WEB_REQUEST_TIMEOUT_MS: '1500' } });
  port = Number(new URL(server.origin).port);
  projectId = (await call('projects.create', [{ name: 'P' }])).value.id;
});
afterAll(() => server.stop());

async function call(method: string, args: unknown[], headers: Record<string, string> = {}) {
  const res = await fetch(`${server.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token, ...headers }, body: JSON.stringify(args) });
  return (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } };
}

/** Writes `head` on a raw socket, then `trickle` one byte every `everyMs`; resolves with what came back and
 *  after how long the server closed the socket. */
function rawExchange(head: string, trickle = 0, everyMs = 300): Promise<{ text: string; closedAfterMs: number; reset: boolean }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    let reset = false;
    let timer: NodeJS.Timeout | undefined;
    sock.on('data', (d) => (text += d));
    sock.on('error', () => (reset = true));
    sock.on('close', () => {
      clearInterval(timer);
      resolve({ text, closedAfterMs: Date.now() - t0, reset });
    });
    sock.write(head);
    let left = trickle;
    if (left) timer = setInterval(() => (left-- > 0 && !sock.destroyed ? sock.write('x') : clearInterval(timer)), everyMs);
  });
}

describe('tagger serve against a local attacker', () => {
  it('keeps the token out of cookies and the API closed to anything but the token header', async () => {
    const page = await fetch(`${server.url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const viaCookie = await fetch(`${server.origin}/api/call/projects.list`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `tagger_token=${server.token}` }, body: '[]' });
    expect(viaCookie.status).toBe(401);
    const viaReadKey = await fetch(`${server.origin}/api/call/projects.list?k=${readKeyFor(server.token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(viaReadKey.status).toBe(401);
    expect((await call('projects.list', [])).ok).toBe(true);
  });

  it('reads and writes files only in the exchange folder, symlinks followed; the lock file owner is not limited', async () => {
    const secret = path.join(outside, 'secret.txt');
    fs.writeFileSync(secret, 'private words');
    const read = await call('imports.paths', [projectId, [secret]]);
    expect(read.error?.code).toBe('forbidden');
    expect(read.error?.message).toMatch(/reads files only in ".*exchange"/);
    const target = path.join(outside, 'written.json');
    const write = await call('formats.export', [projectId, 'coco', target]);
    expect(write.error?.message).toMatch(/writes files only in/);
    expect(fs.existsSync(target)).toBe(false);
    const bundle = await call('bundles.export', [projectId, path.join(outside, 'b.tagger'), { withMedia: false }]);
    expect(bundle.error?.code).toBe('forbidden');
    const exchange = path.join(server.dataDir, 'exchange');
    fs.symlinkSync(outside, path.join(exchange, 'link'));
    expect((await call('imports.paths', [projectId, [path.join(exchange, 'link', 'secret.txt')]])).error?.code).toBe('forbidden');
    expect((await call('imports.paths', [projectId, [path.join(exchange, '..', 'tagger.sqlite')]])).error?.code).toBe('forbidden');
    expect((await call('imports.paths', [projectId, ['exchange/a.txt']])).error?.message).toMatch(/not an absolute path/);
    // A path of 80,000 parts is refused at once by the contract (it held the core for 100 s and was echoed whole).
    const t0 = performance.now();
    const long = await call('imports.paths', [projectId, [`/${'a/'.repeat(80_000)}`]]);
    expect(long.error).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/Too big/) });
    expect(long.error!.message.length).toBeLessThan(500);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect((await call('tasks.list', [projectId])).value).toHaveLength(0);

    fs.writeFileSync(path.join(exchange, 'note.txt'), 'words to tag');
    const ok = await call('imports.paths', [projectId, [path.join(exchange, 'note.txt')]]);
    expect(ok.value.imported).toBe(1);
    const lock = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'tagger.lock'), 'utf8'));
    const owner = await call('imports.paths', [projectId, [secret]], { 'x-tagger-owner': lock.ownerKey });
    expect(owner.value.imported).toBe(1);
    expect(await call('imports.paths', [projectId, [secret]], { 'x-tagger-owner': 'guess' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('`tagger serve FILE.tagger` lets the page read that file, not the folder it lies in', async () => {
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-downloads-'));
    const bundle = path.join(downloads, 'work.tagger');
    fs.writeFileSync(bundle, 'not really a bundle');
    fs.writeFileSync(path.join(downloads, 'tax-return.txt'), 'private words');
    const other = await startServer({ demo: false, allowPaths: [], args: [bundle] });
    try {
      const call2 = async (method: string, args: unknown[]) => (await (await fetch(`${other.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': other.token }, body: JSON.stringify(args) })).json()) as { ok: boolean; error?: { code: string; message: string } };
      const verify = await call2('bundles.verify', [bundle]);
      expect(verify.error?.code).not.toBe('forbidden');
      const pid = ((await call2('projects.create', [{ name: 'Q' }])) as unknown as { value: { id: string } }).value.id;
      const sibling = await call2('imports.paths', [pid, [path.join(downloads, 'tax-return.txt')]]);
      expect(sibling.error?.code).toBe('forbidden');
      expect((await call2('imports.paths', [pid, [downloads]])).error?.code).toBe('forbidden');
      // Read, not write: the named file cannot be overwritten by an export either.
      expect((await call2('formats.export', [pid, 'coco', bundle])).error?.code).toBe('forbidden');
    } finally {
      await other.stop();
    }
  });

  it('cuts a slow body, with the token or without (after its 401)', async () => {
    const head = (token: string) => `POST /api/call/projects.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n${token}\r\n`;
    const withToken = await rawExchange(head(`X-Tagger-Token: ${server.token}\r\n`), 100);
    expect(withToken.closedAfterMs).toBeLessThan(6000);
    const without = await rawExchange(head(''), 100);
    expect(without.text).toMatch(/^HTTP\/1\.1 401/);
    expect(without.closedAfterMs).toBeLessThan(4000);
  });

  it('answers 413 to a body over the limit instead of resetting the connection', async () => {
    const r = await rawExchange(`POST /api/call/projects.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Tagger-Token: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n[[[`, 5);
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.text).toMatch(/larger than the limit/);
  });

  it('answers 400 to a malformed percent-escape in any route', async () => {
    for (const p of ['/api/call/projects.list%E0%A4%A', '/media/%ZZ', '/%E0%A4%A']) {
      const r = await fetch(`${server.origin}${p}?k=${readKeyFor(server.token)}`, { method: p.startsWith('/api') ? 'POST' : 'GET', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token }, body: p.startsWith('/api') ? '[]' : undefined });
      expect(r.status, p).toBe(400);
      expect(await r.text()).toMatch(/malformed percent-escape/);
    }
  });

  it('answers 400 to very deep JSON and keeps serving', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = await fetch(`${server.origin}/api/call/projects.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token }, body: deep });
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toMatch(/deeper than 64 levels/);
    expect((await call('projects.list', [])).ok).toBe(true);
  });
});
