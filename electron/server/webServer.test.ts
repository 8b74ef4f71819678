// Local web mode's door: loopback only, token header (read key for media), own Origin and Host only, bounded bodies, media by
// hash with ranges, no path traversal out of the app or the media store.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createCore, type Core } from '../core/createCore.ts';
import { startWebServer, type WebServer } from './webServer.ts';
import { readKeyFor } from '../../shared/web/access.ts';

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

  it('serves the app without a cookie and answers API calls only with the token header', async () => {
    const page = await fetch(`${base}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const json = { 'Content-Type': 'application/json' };
    expect((await raw('/api/call/projects.list', json, 'POST', '[]')).status).toBe(401);
    expect((await raw(`/api/call/projects.list?token=${server.token}`, json, 'POST', '[]')).status).toBe(401);
    expect((await raw('/api/call/projects.list', { ...json, cookie: `tagger_token=${server.token}` }, 'POST', '[]')).status).toBe(401);
    expect((await raw('/api/call/projects.list', { ...json, 'X-Tagger-Token': server.token }, 'POST', '[]')).status).toBe(200);
  });

  it('opens media and events with the read key, which opens nothing else', async () => {
    const k = readKeyFor(server.token);
    expect((await raw(`/media/${sha}`)).status).toBe(401);
    expect((await raw(`/media/${sha}?k=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await raw(`/media/${sha}?k=${k}`)).body).toBe('0123456789abcdef');
    expect((await raw(`/api/call/projects.list?k=${k}`, { 'Content-Type': 'application/json' }, 'POST', '[]')).status).toBe(401);
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
    const big = await raw('/api/call/projects.list', { ...h, 'Content-Type': 'application/json' }, 'POST', JSON.stringify(['x'.repeat(5000)]));
    expect(big.status).toBe(413);
    expect(big.body).toMatch(/larger than the limit of 1024 bytes/);
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
