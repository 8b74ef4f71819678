// The desktop shell: one window with the secure defaults of ARCHITECTURE.md, the renderer and the media store
// served through the tagger:// protocol, and the contract over IPC.
import { app, BrowserWindow, ipcMain, protocol, session, shell, net } from 'electron';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from './core/createCore.ts';
import { defaultDataDir } from './core/dataDir.ts';
import { ensureDemoProject } from './core/demo.ts';
import { bindIpc } from './ipc.ts';
import { CSP } from './server/csp.ts';
import { bundlePathsIn, openedBundlesFor } from './bundles/openedFiles.ts';

protocol.registerSchemesAsPrivileged([{ scheme: 'tagger', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

const argData = process.argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
const rendererDir = process.env.TAGGER_RENDERER_DIST ?? path.join(__dirname, '..', 'renderer');
let core: Core | null = null;
let win: BrowserWindow | null = null;

// .tagger files opened with the app (the file association): in argv at launch, from a second launch (Windows and
// Linux start another instance, which hands its argv over and quits), or by `open-file` (macOS, possibly before
// the app is ready). They queue until the page takes them (bundles.opened) and opens Import/Export on them.
const early: string[] = bundlePathsIn(process.argv.slice(1), process.cwd());
const openBundles = (paths: string[]) => {
  if (!paths.length) return;
  if (core) openedBundlesFor(core).add(paths);
  else early.push(...paths);
  if (win?.isMinimized()) win.restore();
  win?.focus();
};
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_e, argv, cwd) => openBundles(bundlePathsIn(argv.slice(1), cwd)));
app.on('open-file', (e, file) => {
  e.preventDefault();
  openBundles(bundlePathsIn([file], process.cwd()));
});

async function serveProtocol(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host === 'media') {
    const sub = decodeURIComponent(url.pathname.slice(1));
    if (!core || sub.includes('..')) return new Response('Not found', { status: 404 });
    for (const route of core.mediaRoutes) {
      const hit = await route(sub);
      if (!hit) continue;
      if ('body' in hit) return new Response(new Uint8Array(hit.body), { headers: { 'Content-Type': hit.mime } });
      // net.fetch of a file URL streams and honours Range headers.
      return net.fetch(pathToFileURL(hit.file).toString(), { headers: request.headers });
    }
    return new Response('Not found', { status: 404 });
  }
  if (url.host !== 'app') return new Response('Forbidden', { status: 403 });
  const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
  const file = path.resolve(rendererDir, rel);
  if (!file.startsWith(path.resolve(rendererDir) + path.sep) || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
  const res = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(res.headers);
  if (file.endsWith('.html')) headers.set('Content-Security-Policy', CSP);
  return new Response(res.body, { status: res.status, headers });
}

async function createWindow() {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#16181d',
    title: 'Tagger Workstation',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  // Navigation and new windows are refused; external links open in the system browser only if http(s).
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith('tagger://app/')) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  await win.loadURL('tagger://app/index.html');
}

app.enableSandbox();
app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle('tagger', serveProtocol);
  const dataDir = path.resolve(argData ?? defaultDataDir());
  try {
    if (!argData) fs.mkdirSync(dataDir, { recursive: true });
    core = createCore({ dataDir, mode: 'desktop', background: true, lock: 'start' });
    if (process.argv.includes('--demo') || !core.projects.list().length) await ensureDemoProject(core);
  } catch (e) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('Tagger Workstation cannot start', (e as Error).message);
    app.exit(1);
    return;
  }
  openedBundlesFor(core).add(early.splice(0));
  bindIpc(ipcMain, core, () => win?.webContents ?? null);
  await createWindow();
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (ev, url) => {
    if (!url.startsWith('tagger://app/')) ev.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', async () => {
  await core?.close();
  app.quit();
});
