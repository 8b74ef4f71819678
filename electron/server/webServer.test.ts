// Local web mode's door: loopback only, token or cookie, own Origin and Host only, bounded bodies, media by
// hash with ranges, no path traversal out of the app or the media store.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createCore, type Core } from '../core/createCore.ts';
import { startWebServer, type WebServer } from './webServer.ts';

let core: Core;
let server: WebServer;
let base: string;
let sha: string;
beforeAll(async () => {
  core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-web-')) });
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const p = core.projects.create({ name: 'P' });
  sha = core.media.putBytes(Buffer.from('0123456789abcdef'));
  core.imports.addTask(p.id, { id: sha, kind: 'text', mime: 'text/plain', originalName: 'a.txt', size: 16, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
  server = await startWebServer({ core, port: 0, staticDir, maxBody: 1024 });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await core.close();
});

function raw(pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, method, headers }, (res) => {
      let b = '';
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('web mode server', () => {
  it('binds loopback only and prints a tokenized URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers 401 without the token and sets a session cookie from the first URL', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const first = await fetch(`${base}/?token=${server.token}`);
    expect(first.status).toBe(200);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(first.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const again = await fetch(`${base}/`, { headers: { cookie: cookie.split(';')[0] } });
    expect(again.status).toBe(200);
  });

  it('answers 403 to another Origin or Host even with the token', async () => {
    const call = { 'Content-Type': 'application/json', 'X-Tagger-Token': server.token };
    expect((await raw('/api/call/projects.list', { ...call, Origin: 'http://evil.example' }, 'POST', '[]')).status).toBe(403);
    expect((await raw('/api/call/projects.list', { ...call, Host: `evil.example:${server.port}` }, 'POST', '[]')).status).toBe(403);
    expect((await raw('/api/call/projects.list', { ...call, Origin: base }, 'POST', '[]')).status).toBe(200);
  });

  it('refuses non-JSON posts, bad JSON and oversized bodies with a reason', async () => {
    const h = { 'X-Tagger-Token': server.token };
    expect((await raw('/api/call/projects.list', { ...h, 'Content-Type': 'text/plain' }, 'POST', '[]')).status).toBe(415);
    const bad = await raw('/api/call/projects.list', { ...h, 'Content-Type': 'application/json' }, 'POST', '{nope');
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const big = await raw('/api/call/projects.list', { ...h, 'Content-Type': 'application/json' }, 'POST', JSON.stringify(['x'.repeat(5000)])).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('serves media by hash with ranges, and nothing else from disk', async () => {
    const h = { 'X-Tagger-Token': server.token };
    const whole = await raw(`/media/${sha}`, h);
    expect(whole.body).toBe('0123456789abcdef');
    const part = await raw(`/media/${sha}`, { ...h, Range: 'bytes=4-7' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('4567');
    expect(part.headers['content-range']).toBe('bytes 4-7/16');
    expect((await raw(`/media/${'0'.repeat(64)}`, h)).status).toBe(404);
    expect((await raw('/media/../tagger.sqlite', h)).status).toBeGreaterThanOrEqual(400);
    expect((await raw('/..%2f..%2fetc%2fpasswd', h)).status).toBeGreaterThanOrEqual(400);
    expect((await raw('/%2e%2e/package.json', h)).status).toBeGreaterThanOrEqual(400);
  });

  it('reports a port in use with what to do', async () => {
    await expect(startWebServer({ core, port: server.port, staticDir: '/tmp' })).rejects.toThrow(/already in use.*--port/);
  });
});
