// Local web mode: the built renderer, the contract over HTTP, events over SSE and the media store, on loopback
// only, behind a random per-launch token (cookie after the first URL) and an Origin/Host check.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '../core/core.ts';
import { TaggerError } from '../../shared/errors.ts';
import { CSP } from './csp.ts';

export interface WebServerOptions {
  core: Core;
  port?: number;
  staticDir: string;
  token?: string;
  /** Largest accepted request body, bytes. */
  maxBody?: number;
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

const COOKIE = 'tagger_token';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { core } = opts;
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
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

  const server = http.createServer(async (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    try {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      // DNS-rebinding and cross-site defence: only our own host and origin.
      if (!allowedHosts().includes(req.headers.host ?? '')) return plain(res, 403, 'Forbidden: unexpected Host header.');
      const origin = req.headers.origin;
      if (origin && !allowedOrigins().includes(origin)) return plain(res, 403, 'Forbidden: requests from another origin are refused.');
      const given = url.searchParams.get('token') ?? (req.headers['x-tagger-token'] as string | undefined) ?? readCookie(req.headers.cookie, COOKIE);
      if (!given || !safeEqual(given, token)) return plain(res, 401, 'Unauthorized: open the URL printed by `tagger serve` (it carries the access token).');
      if (url.searchParams.get('token')) res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);

      if (url.pathname.startsWith('/api/call/')) {
        if (req.method !== 'POST') return plain(res, 405, 'Use POST.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return plain(res, 415, 'Content-Type must be application/json.');
        const body = await readBody(req, maxBody);
        let args: unknown;
        try {
          args = body.length ? JSON.parse(body.toString('utf8')) : [];
        } catch {
          return json(res, 400, { ok: false, error: { code: 'invalid_argument', message: 'The request body is not valid JSON.' } });
        }
        const result = await core.dispatch(decodeURIComponent(url.pathname.slice('/api/call/'.length)), args);
        return json(res, 200, result);
      }
      if (url.pathname === '/api/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }
      if (url.pathname.startsWith('/media/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Use GET.');
        const sub = decodeURIComponent(url.pathname.slice('/media/'.length));
        if (sub.includes('..') || sub.includes('\\')) return plain(res, 400, 'Bad media path.');
        for (const route of core.mediaRoutes) {
          const hit = await route(sub);
          if (!hit) continue;
          if ('body' in hit) {
            res.writeHead(200, { 'Content-Type': hit.mime, 'Content-Length': hit.body.length, 'Cache-Control': 'private, max-age=31536000, immutable' });
            return res.end(req.method === 'HEAD' ? undefined : hit.body);
          }
          return sendFile(req, res, hit.file, hit.mime, true);
        }
        return plain(res, 404, 'No such media.');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Use GET.');
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = path.resolve(opts.staticDir, rel);
      if (!file.startsWith(path.resolve(opts.staticDir) + path.sep)) return plain(res, 400, 'Bad path.');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        if (rel === 'index.html') return plain(res, 500, `The app is not built (${file} is missing). Run \`npm run build\` first.`);
        return plain(res, 404, 'Not found.');
      }
      if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', CSP);
      return sendFile(req, res, file, MIME[path.extname(file)] ?? 'application/octet-stream', false);
    } catch (e) {
      if (e instanceof TaggerError && e.code === 'invalid_argument') return plain(res, 413, e.message);
      console.error('[tagger] web server error', e);
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.end();
    }
  });
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;

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

function json(res: http.ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        reject(new TaggerError('invalid_argument', `The request is larger than ${max} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
