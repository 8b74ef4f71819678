// Plumbing for the node's HTTP API: bounded body reading, JSON errors of one shape, and a tiny router.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_JSON_BODY = 16 * 1024 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const err = e instanceof HttpError ? e : new HttpError(500, 'internal', `the node failed to handle the request: ${(e as Error)?.message ?? String(e)}`);
  if (err.status >= 500) process.stderr.write(`node: ${(e as Error)?.stack ?? String(e)}\n`);
  // after a 413 the rest of the body is not read; closing tells the client not to reuse the connection
  if (err.status === 413) res.setHeader('Connection', 'close');
  sendJson(res, err.status, { error: { code: err.code, message: err.message } });
}

/** Reads a JSON body of at most `limit` bytes; 413 beyond (checked on Content-Length and while streaming). */
export async function readJson(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (type && !/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported_media_type', `send the body as application/json, not ${type}`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooLarge = (n: number) => new HttpError(413, 'body_too_large', `the body is ${n > limit * 4 ? 'far ' : ''}over the limit of ${limit} bytes (16 MiB). Send fewer items per request.`);
  // a slightly oversized body is drained so the client gets to read the 413; a huge one is cut off at once
  if (declared > limit * 4) throw tooLarge(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit * 4) throw tooLarge(size);
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw tooLarge(size);
  const text = Buffer.concat(chunks, size).toString('utf8');
  if (!text) throw new HttpError(400, 'malformed_json', 'the request body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${(e as Error).message}`);
  }
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
      let pathMatched = false;
      for (const r of this.routes) {
        const m = r.pattern.exec(url.pathname);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== req.method) continue;
        await r.handler(req, res, m.slice(1), url);
        return;
      }
      if (pathMatched) throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
      throw new HttpError(404, 'not_found', `no such endpoint: ${req.method} ${url.pathname} (this node speaks API v1 under /v1)`);
    } catch (e) {
      sendError(res, e);
    }
  }
}
