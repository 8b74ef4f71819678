// Local web mode: the built renderer, the contract over HTTP, events over SSE and the media store, on loopback
// only. API calls carry the per-launch token in a header (never a cookie: cookies are shared by every port of
// 127.0.0.1); media and events take a read key derived from it (shared/web/access.ts); the app's static files are
// public (they hold no data). Own Origin and Host only, bounded bodies and time, file paths held to allowed folders.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '../core/core.ts';
import { TaggerError, type Result } from '../../shared/errors.ts';
import type { AppInfo } from '../../shared/domain.ts';
import { stringifyWithJsonText } from '../core/jsonText.ts';
import { OWNER_HEADER, READ_KEY_PARAM, TOKEN_HEADER, readKeyFor } from '../../shared/web/access.ts';
import { CSP } from './csp.ts';
import { HttpRefusal, MAX_JSON_DEPTH, closeAfterRefusal, decodePathPart, jsonDepth, readBody } from './httpLimits.ts';
import type { PathPolicy } from './pathPolicy.ts';

export interface WebServerOptions {
  core: Core;
  port?: number;
  staticDir: string;
  token?: string;
  /** Key of command-line tools handing work to this server (kept in the lock file): their paths are not limited. */
  ownerKey?: string;
  /** Where path arguments may point; unlimited when absent (tests of other things). */
  paths?: PathPolicy;
  /** Largest accepted request body, bytes. */
  maxBody?: number;
  /** Longest time to receive one request, headers and body, ms. */
  requestTimeoutMs?: number;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream',
  '.map': 'application/json', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { core } = opts;
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const readKey = readKeyFor(token);
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  let port = opts.port ?? 0;
  const sse = new Set<http.ServerResponse>();
  const unsubscribe = core.events.subscribe((name, payload) => {
    const msg = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sse) res.write(msg);
  });
  const heartbeat = setInterval(() => {
    for (const res of sse) res.write(': ping\n\n');
  }, 15000);
  heartbeat.unref();

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const header = (req: http.IncomingMessage, name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : null;
  };
  const hasToken = (req: http.IncomingMessage) => {
    const given = header(req, TOKEN_HEADER);
    return !!given && safeEqual(given, token);
  };
  const isOwner = (req: http.IncomingMessage) => {
    const given = header(req, OWNER_HEADER);
    return !!opts.ownerKey && !!given && safeEqual(given, opts.ownerKey);
  };
  const mayRead = (req: http.IncomingMessage, url: URL) => {
    const k = url.searchParams.get(READ_KEY_PARAM);
    return hasToken(req) || (!!k && safeEqual(k, readKey));
  };
  const unauthorized = 'Unauthorized: open the URL printed by `tagger serve` (it carries the access token).';

  // A request must arrive whole in requestTimeout (this bounds receiving only, so SSE responses are not cut); the
  // check runs every second, not Node's default 30 s, so a slow sender is cut close to the limit.
  const requestTimeout = opts.requestTimeoutMs ?? 30000;
  const limits = { requestTimeout, headersTimeout: Math.min(requestTimeout, 10000), connectionsCheckingInterval: Math.min(1000, requestTimeout), keepAliveTimeout: 5000 };
  const server = http.createServer(limits, async (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    try {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      // DNS-rebinding and cross-site defence: only our own host and origin.
      if (!allowedHosts().includes(req.headers.host ?? '')) throw new HttpRefusal(403, 'Forbidden: unexpected Host header.');
      const origin = req.headers.origin;
      if (origin && !allowedOrigins().includes(origin)) throw new HttpRefusal(403, 'Forbidden: requests from another origin are refused.');

      if (url.pathname.startsWith('/api/call/')) {
        if (!hasToken(req)) throw new HttpRefusal(401, unauthorized);
        if (req.method !== 'POST') throw new HttpRefusal(405, 'Use POST.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpRefusal(415, 'Content-Type must be application/json.');
        const method = decodePathPart(url.pathname.slice('/api/call/'.length));
        const text = (await readBody(req, maxBody)).toString('utf8');
        if (jsonDepth(text) > MAX_JSON_DEPTH) return json(res, 400, { ok: false, error: { code: 'invalid_argument', message: `The request nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.` } });
        let args: unknown;
        try {
          args = text.length ? JSON.parse(text) : [];
        } catch {
          return json(res, 400, { ok: false, error: { code: 'invalid_argument', message: 'The request body is not valid JSON.' } });
        }
        const refusal = opts.paths && !isOwner(req) ? opts.paths.refusal(method, args) : null;
        if (refusal) return json(res, 200, { ok: false, error: { code: 'forbidden', message: refusal } });
        const result = await core.dispatch(method, args, { keepJsonText: true });
        // The page is told which folders it may name, so its file fields can say so before a refusal does.
        if (method === 'app.info' && result.ok && opts.paths && !isOwner(req)) (result.value as AppInfo).fileFolders = opts.paths.roots;
        return json(res, 200, result);
      }
      if (url.pathname === '/api/events') {
        if (!mayRead(req, url)) throw new HttpRefusal(401, unauthorized);
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (url.pathname.startsWith('/media/')) {
        if (!mayRead(req, url)) throw new HttpRefusal(401, unauthorized);
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, 'Use GET.');
        const sub = decodePathPart(url.pathname.slice('/media/'.length));
        if (sub.includes('..') || sub.includes('\\')) throw new HttpRefusal(400, 'Bad media path.');
        for (const route of core.mediaRoutes) {
          const hit = await route(sub);
          if (!hit) continue;
          if ('body' in hit) {
            res.writeHead(200, { 'Content-Type': hit.mime, 'Content-Length': hit.body.length, 'Cache-Control': 'private, max-age=31536000, immutable' });
            return res.end(req.method === 'HEAD' ? undefined : hit.body);
          }
          return sendFile(req, res, hit.file, hit.mime, true);
        }
        throw new HttpRefusal(404, 'No such media.');
      }
      // The app itself: public files with no data in them, so the page can reload without a cookie.
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, 'Use GET.');
      const rel = url.pathname === '/' ? 'index.html' : decodePathPart(url.pathname.slice(1));
      const file = path.resolve(opts.staticDir, rel);
      if (!file.startsWith(path.resolve(opts.staticDir) + path.sep)) throw new HttpRefusal(400, 'Bad path.');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        if (rel === 'index.html') throw new HttpRefusal(500, `The app is not built (${file} is missing). Run \`npm run build\` first.`);
        throw new HttpRefusal(404, 'Not found.');
      }
      if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', CSP);
      return sendFile(req, res, file, MIME[path.extname(file)] ?? 'application/octet-stream', false);
    } catch (e) {
      if (e instanceof HttpRefusal) {
        if (res.headersSent) return void res.end();
        if (!req.complete) res.setHeader('Connection', 'close');
        plain(res, e.status, e.message);
        return closeAfterRefusal(req, res);
      }
      console.error('[tagger] web server error', e);
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.end();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      unsubscribe();
      clearInterval(heartbeat);
      if (e.code === 'EADDRINUSE') reject(new TaggerError('io', `Port ${port} is already in use. Stop the program using it or choose another with --port N (0 picks a free one).`));
      else if (e.code === 'EACCES') reject(new TaggerError('io', `Not allowed to listen on port ${port}. Choose a port above 1023 with --port N.`));
      else reject(e);
    });
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((r) => {
            unsubscribe();
            clearInterval(heartbeat);
            for (const s of sse) s.end();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

function plain(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

function json(res: http.ServerResponse, status: number, result: Result<unknown>) {
  const body = result.ok ? `{"ok":true,"value":${stringifyWithJsonText(result.value)}}` : JSON.stringify(result);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** Serves a file with HTTP range support, so audio and video stream instead of downloading whole. */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, mime: string, immutable: boolean) {
  const size = fs.statSync(file).size;
  const headers: Record<string, string | number> = { 'Content-Type': mime, 'Accept-Ranges': 'bytes', 'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache' };
  const range = req.headers.range;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    let start = m && m[1] ? Number(m[1]) : NaN;
    let end = m && m[2] ? Number(m[2]) : size - 1;
    if (m && !m[1] && m[2]) {
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    }
    if (!m || Number.isNaN(start) || start > end || start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      return res.end();
    }
    end = Math.min(end, size - 1);
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).pipe(res);
}
