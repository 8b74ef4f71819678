// Plumbing for the node's HTTP API: bounded body reading (size, nesting, time), JSON errors of one shape, client
// aborts told apart from faults, and a tiny router whose table features extend (routes.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../errors.ts';

export { HttpError };

export const MAX_JSON_BODY = 16 * 1024 * 1024;
/** After refusing a body, this much more of it is read and dropped so the client gets to read the answer. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 5_000;

/** The client closed the connection before the request was read or answered. */
export class ClientGone extends Error {}

function clientGone(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return e instanceof ClientGone || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'EPIPE' || (e as Error)?.message === 'aborted';
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * Reads and drops what is left of a refused body (bounded in bytes and time) so the client, still sending, gets to
 * read the answer instead of a reset. Resolves true when the body ended (the connection stays usable).
 */
function drain(req: IncomingMessage): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.pause();
      resolve(ended);
    };
    const onData = (c: Buffer) => {
      seen += c.length;
      if (seen > DRAIN_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(req.complete);
    const timer = setTimeout(() => finish(false), DRAIN_MS);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.resume();
  });
}

export async function sendError(req: IncomingMessage, res: ServerResponse, e: unknown): Promise<void> {
  if (clientGone(e) || req.socket?.destroyed) {
    // one line: nothing is wrong with the node, and the client will not read an answer
    process.stderr.write(`node: ${req.method} ${pathOf(req)}: the client went away before the answer (${(e as Error)?.message ?? e})\n`);
    res.destroy();
    return;
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const err = e instanceof HttpError ? e : new HttpError(500, 'internal', `the node failed to handle the request: ${(e as Error)?.message ?? String(e)}`);
  if (err.status >= 500) process.stderr.write(`node: ${req.method} ${pathOf(req)}: ${(e as Error)?.stack ?? String(e)}\n`);
  // the client may still be sending the refused body: read the rest (bounded) first, so it gets to the answer;
  // a body too large or too slow to drain gets the answer on a connection that then closes
  if (!req.complete && !(await drain(req))) {
    res.setHeader('Connection', 'close');
    res.on('finish', () => setTimeout(() => req.socket?.destroy(), 1000).unref());
  }
  if (req.socket?.destroyed) return;
  sendJson(res, err.status, { error: { code: err.code, message: err.message } });
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0].slice(0, 200);
}

/** Whether `v` nests deeper than `limit` (recursion bounded by the limit itself). */
export function nestsDeeper(v: unknown, limit: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (limit === 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (nestsDeeper(x, limit - 1)) return true;
    return false;
  }
  for (const k in v) if (nestsDeeper((v as Record<string, unknown>)[k], limit - 1)) return true;
  return false;
}

export interface BodyLimits {
  /** Bytes; 413 beyond. */
  limit?: number;
  /** Nesting depth of the parsed value; 400 beyond (the submissions route checks per item instead). */
  maxDepth?: number;
  /** The body must keep arriving: a pause this long gets a 408 (the server's requestTimeout bounds the total). */
  timeoutMs: number;
}

/** 415 for bodies the node cannot read as they are: another media type or a content encoding. */
export function checkEncoding(req: IncomingMessage): void {
  const enc = req.headers['content-encoding'];
  if (enc && enc.toLowerCase() !== 'identity') throw new HttpError(415, 'unsupported_media_type', `the node does not decode Content-Encoding ${enc.slice(0, 40)}; send the body uncompressed`);
}

/** Reads a JSON body within the limits; 413 beyond the size (checked on Content-Length and while streaming). */
export async function readJson(req: IncomingMessage, opts: BodyLimits): Promise<unknown> {
  const limit = opts.limit ?? MAX_JSON_BODY;
  const type = req.headers['content-type'] ?? '';
  if (type && !/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', `send the body as application/json, not ${type.slice(0, 100)}`);
  checkEncoding(req);
  const tooLarge = (n: number) => new HttpError(413, 'body_too_large', `the body is ${n} bytes or more, over the limit of ${limit} bytes${limit >= 1024 * 1024 ? ` (${limit / 1024 / 1024} MiB)` : ''}. Send fewer items per request.`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(declared);
  const text = await readBounded(req, limit, opts.timeoutMs, tooLarge);
  if (!text) throw new HttpError(400, 'malformed_json', 'the request body is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${(e as Error).message}`);
  }
  if (opts.maxDepth !== undefined && nestsDeeper(value, opts.maxDepth)) throw new HttpError(400, 'too_deep', `the body nests deeper than ${opts.maxDepth} levels`);
  return value;
}

function readBounded(req: IncomingMessage, limit: number, timeoutMs: number, tooLarge: (n: number) => HttpError): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (e: Error | null) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (e) {
        req.pause();
        reject(e);
      } else resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return done(tooLarge(size));
      chunks.push(c);
      // the deadline is on progress: a body that keeps arriving is not cut, one that stalls is
      clearTimeout(timer);
      timer = setTimeout(stalled, timeoutMs);
    };
    const onEnd = () => done(null);
    const onError = (e: Error) => done(clientGone(e) ? new ClientGone(e.message) : e);
    const onClose = () => {
      if (!req.complete) done(new ClientGone('the connection closed mid-body'));
    };
    const stalled = () => done(new HttpError(408, 'body_timeout', `the body did not arrive within ${timeoutMs / 1000} s (${size} bytes came, then nothing); send it at once`));
    let timer = setTimeout(stalled, timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

export type Handler = (req: IncomingMessage, res: ServerResponse, params: string[], url: URL) => Promise<void> | void;

export class Router {
  private routes: { method: string; pattern: RegExp; handler: Handler }[] = [];

  on(method: string, pattern: RegExp, handler: Handler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://node.invalid');
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        throw new HttpError(400, 'bad_escape', `the path ${url.pathname.slice(0, 200)} has a malformed percent-escape`);
      }
      let pathMatched = false;
      for (const r of this.routes) {
        const m = r.pattern.exec(pathname);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== req.method) continue;
        await r.handler(req, res, m.slice(1), url);
        return;
      }
      if (pathMatched) throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${pathname.slice(0, 200)}`);
      throw new HttpError(404, 'not_found', `no such endpoint: ${req.method} ${pathname.slice(0, 200)} (this node speaks API v1 under /v1)`);
    } catch (e) {
      await sendError(req, res, e);
    }
  }
}
