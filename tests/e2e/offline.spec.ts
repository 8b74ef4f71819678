// The app runs with no network: the built renderer and desktop bundles name no remote host they could load from
// (only namespace names, loopback, and links inside libraries' messages and comments, each allowed here with its
// reason), and a page used across every workspace sends no request that leaves 127.0.0.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { test, expect, openDemoTask } from './fixtures.ts';
import { ROOT } from '../support/server.ts';
// @ts-expect-error -- a plain ESM build script without types
import { electronBuilds } from '../../bin/electron-builds.js';

/** Hosts that may appear in shipped code, and why none of them is ever loaded by the app. */
const ALLOWED_HOSTS: Record<string, string> = {
  '': 'a bare "http://" or "https://" prefix the code puts before a URL the user gave',
  '${…}': "a URL built from a value at run time (zod checks an IPv6 address by parsing http://[address])",
  '127.0.0.1': 'loopback: web mode and the default local node',
  localhost: 'loopback: the default local chain RPC',
  'www.w3.org': 'XML, SVG, XLink and MathML namespace names: identifiers, never fetched',
  'json-schema.org': "JSON Schema $schema identifiers in zod's schema export, never fetched",
  'react.dev': "the link in React's production error messages",
  'konvajs.org': "links in Konva's console warnings",
  'github.com': "links in bundled libraries' messages and comments",
  'gist.github.com': "a link in a bundled library's comment",
  'developer.mozilla.org': "links in bundled libraries' comments",
  'eprint.iacr.org': "a paper cited in @noble's comments",
  'datatracker.ietf.org': "an RFC cited in a bundled library's comment",
  'bitcoin.stackexchange.com': "an answer cited in a bundled library's comment",
  'xiph.org': "the Ogg specification cited in the audio decoders' comments",
  'gitlab.xiph.org': "the Opus sources cited in the audio decoders' comments",
  'gateway.ipfs.io': "ethers' ENS avatar resolution; the app never resolves names (no provider asks for an avatar)",
  'gasstation.polygon.technology': "ethers' Polygon fee plugin, used only by a provider on chain 137 with an RPC URL the user configures",
  'gasstation-testnet.polygon.technology': "the same plugin for Polygon's test chain (80002)",
};

const URL_RE = /https?:\/\/([^/\s"'`)<>\\:]*)/g;

function hostsIn(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'latin1');
    for (const m of text.matchAll(URL_RE)) {
      const host = m[1].includes('${') ? '${…}' : m[1];
      if (!found.has(host)) found.set(host, `${path.relative(ROOT, f)}: …${text.slice(Math.max(0, m.index - 60), m.index + 80).replace(/\s+/g, ' ')}…`);
    }
  }
  return found;
}

test('the built renderer and desktop bundles name no remote host they could load from', async () => {
  const renderer = path.join(ROOT, 'dist/renderer');
  const shipped = [path.join(renderer, 'index.html'), ...fs.readdirSync(path.join(renderer, 'assets')).filter((f) => /\.(js|css|html)$/.test(f)).map((f) => path.join(renderer, 'assets', f))];
  // the desktop shell exactly as build-electron.js bundles it, into a scratch folder
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-main-'));
  for (const options of electronBuilds(out, { sourcemap: false, logLevel: 'silent', absWorkingDir: ROOT })) await build(options);
  const desktop = ['main.cjs', 'preload.cjs', 'detectorWorker.cjs'].map((f) => path.join(out, f));
  const hosts = hostsIn([...shipped, ...desktop]);
  const unexpected = [...hosts].filter(([h]) => !(h in ALLOWED_HOSTS)).map(([h, where]) => `${h} in ${where}`);
  expect(unexpected, 'a remote URL in shipped code: load it from the app itself, or allow its host here with the reason it is never fetched').toEqual([]);
  // the page itself references nothing remote: no script, style, font or image from another origin
  const html = fs.readFileSync(path.join(renderer, 'index.html'), 'utf8');
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  for (const css of shipped.filter((f) => f.endsWith('.css'))) expect(fs.readFileSync(css, 'utf8')).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
  expect(hosts.has('www.w3.org')).toBe(true); // the scan reads the bundles it claims to (the SVG namespace is always there)
  fs.rmSync(out, { recursive: true, force: true });
});

test('a page used across the image, audio and text workspaces sends no request that leaves 127.0.0.1', async ({ openApp, page, context }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('weberror', (e) => requests.push(`page error: ${e.error().message}`));
  await openApp();
  await openDemoTask(page, /street-1\.jpg/);
  await expect(page.getByRole('main', { name: 'Workspace' }).getByTestId('image-canvas')).toBeVisible();
  for (const name of [/interview\.wav/, /lab-notes\.txt/]) {
    await page.getByRole('navigation', { name: 'Task queue' }).getByRole('button', { name }).click();
    await expect(page.getByRole('main', { name: 'Workspace' })).not.toContainText('Opening…');
  }
  await expect(page.getByRole('main', { name: 'Workspace' }).getByRole('document', { name: 'Document' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('status', { name: 'Save state' })).toBeVisible();
  const leaving = requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).hostname !== '127.0.0.1';
    } catch {
      return true;
    }
  });
  expect(requests.length).toBeGreaterThan(10); // the recorder saw the page's own traffic
  expect(leaving).toEqual([]);
});
