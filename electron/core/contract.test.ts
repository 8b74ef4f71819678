// The contract is implemented once and carried twice: every method has a handler, dispatch validates every
// argument, and the HTTP carrier gives the page exactly what a direct dispatch returns.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, methodPaths } from '../../shared/api/index.ts';
import { createClient } from '../../shared/api/client.ts';
import { createCore, type Core } from './createCore.ts';
import { startWebServer, type WebServer } from '../server/webServer.ts';
import { isTrustedSender } from '../ipc.ts';

let core: Core;
let server: WebServer;
beforeAll(async () => {
  core = createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-contract-')) });
  server = await startWebServer({ core, port: 0, staticDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-static-')) });
});
afterAll(async () => {
  await server.close();
  await core.close();
});

describe('the contract', () => {
  it('has a handler for every method and no handler outside it', () => {
    const handled: string[] = [];
    for (const [g, methods] of Object.entries(core.handlers)) for (const m of Object.keys(methods)) handled.push(`${g}.${m}`);
    expect(handled.sort()).toEqual(methodPaths(contract));
  });

  it('rejects unknown methods, malformed names and prototype tricks', async () => {
    for (const p of ['nope.list', 'projects.nope', 'projects', '__proto__.x', 'projects.constructor', 'constructor.name', 'projects.list.x']) {
      const r = await core.dispatch(p, []);
      expect(r.ok, p).toBe(false);
    }
  });

  it('validates arguments and names the field at fault', async () => {
    const bad = await core.dispatch('projects.create', [{ name: '' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!bad.ok && bad.error.message).toMatch(/name/);
    const notList = await core.dispatch('projects.list', { 0: 1 });
    expect(notList.ok).toBe(false);
    const badEdit = await core.dispatch('annotations.edit', ['t', { label: 'x', ops: [{ op: 'put', object: { id: 'a' } }] }]);
    expect(badEdit).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const badId = await core.dispatch('tasks.get', ['../../etc/passwd']);
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('returns errors as values a user can read, never stacks', async () => {
    const r = await core.dispatch('tasks.get', ['tsk_missing']);
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(!r.ok && r.error.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('gives the same answers over HTTP as a direct dispatch', async () => {
    const http = createClient(contract, async (p, args) => {
      const res = await fetch(`${server.url.split('?')[0]}api/call/${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tagger-Token': server.token }, body: JSON.stringify(args) });
      return res.json();
    });
    const direct = createClient(contract, (p, args) => core.dispatch(p, args));
    const created = await http.projects.create({ name: 'Over HTTP' });
    expect(await http.projects.get(created.id)).toEqual(await direct.projects.get(created.id));
    expect(await http.projects.list()).toEqual(await direct.projects.list());
    await expect(http.projects.create({ name: 'Over HTTP' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(http.tasks.get('tsk_nope')).rejects.toThrow(/No task/);
  });

  it('sends a document exactly as stored, over HTTP (JSON built by SQLite) and directly', async () => {
    const http = createClient(contract, async (p, args) => {
      const res = await fetch(`${server.url.split('?')[0]}api/call/${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tagger-Token': server.token }, body: JSON.stringify(args) });
      return res.json();
    });
    const direct = createClient(contract, (p, args) => core.dispatch(p, args));
    const p = core.projects.create({ name: 'Stored objects' });
    const sha = core.media.putBytes(Buffer.from('Zoë met "Amara" in Kyoto.\n'));
    core.imports.addTask(p.id, { id: sha, kind: 'text', mime: 'text/plain', originalName: 'a.txt', size: 27, width: null, height: null, durationMs: null, meta: {}, createdAt: 1 });
    const taskId = core.tasks.list(p.id)[0].id;
    expect((await http.annotations.load(taskId)).objects).toEqual([]);
    const base = { attributes: {}, origin: 'human' as const, hidden: false, locked: false };
    core.annotations.edit(taskId, { label: 'objects', ops: [
      { op: 'put', object: { ...base, id: 'b', kind: 'span', label: 'per"son\\ \u2028 \u0001 Zoë 😀', geometry: { start: 0, end: 3 }, z: -2.5, hidden: true, attributes: { note: 'a\nb', n: 1e-7, list: [1, null] } } },
      { op: 'put', object: { ...base, id: 'a', kind: 'span', label: 'place', geometry: { start: 19, end: 24 }, z: 3, locked: true, origin: 'model' } },
      { op: 'put', object: { ...base, id: 'r', kind: 'relation', label: 'knows', geometry: { from: 'b', to: 'a' }, z: 3 } },
      { op: 'put', object: { ...base, id: 'd', kind: 'doclabel', label: 'news', geometry: null, z: 1e21 } },
    ] });
    const stored = core.annotations.list(taskId);
    const overHttp = await http.annotations.load(taskId);
    expect(overHttp.objects).toEqual(stored);
    expect(overHttp.objects.map((o) => o.id)).toEqual(['b', 'a', 'r', 'd']);
    expect(await direct.annotations.load(taskId)).toEqual(overHttp);
    expect(JSON.parse(core.annotations.listJson(taskId))).toEqual(stored);
    // Pages: in id order, the same objects.
    const byId = [...stored].sort((x, y) => (x.id < y.id ? -1 : 1));
    const pages = [await http.annotations.loadPage(taskId, 0, 3), await http.annotations.loadPage(taskId, 3, 3)];
    expect(pages.map((p) => [p.total, p.offset])).toEqual([[4, 0], [4, 3]]);
    expect(pages.flatMap((p) => p.objects)).toEqual(byId);
    expect(await direct.annotations.loadPage(taskId, 3, 3)).toEqual(pages[1]);
  });
});

describe('the IPC carrier', () => {
  const main = { mainFrame: { url: 'tagger://app/index.html' } };
  it('accepts calls only from the app window main frame', () => {
    expect(isTrustedSender({ senderFrame: main.mainFrame } as never, main as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'tagger://app/index.html' } } as never, main as never)).toBe(false);
    const evil = { mainFrame: { url: 'https://evil.example/' } };
    expect(isTrustedSender({ senderFrame: evil.mainFrame } as never, evil as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never, main as never)).toBe(false);
  });
});
