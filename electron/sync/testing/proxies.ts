// Network faults for the sync tests, on 127.0.0.1 in front of a real node: a TCP proxy that delays every chunk
// (a slow link) or stalls, and an HTTP proxy that can lose a response after the node handled the request (a lost
// acknowledgement) or tamper with a response body (a corrupted download).
import http from 'node:http';
import net from 'node:net';

export interface DelayProxy {
  url: string;
  /** Bytes passed through, both ways. */
  bytes(): number;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const t = new URL(target);
  let delay = delayMs;
  let bytes = 0;
  const sockets = new Set<net.Socket>();
  const pipeSlow = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      bytes += chunk.length;
      setTimeout(() => { if (!to.destroyed) to.write(chunk); }, delay);
    });
    from.on('end', () => setTimeout(() => to.end(), delay));
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(t.port), t.hostname);
    sockets.add(client).add(upstream);
    pipeSlow(client, upstream);
    pipeSlow(upstream, client);
    const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('close', drop);
    upstream.on('close', () => setTimeout(drop, delay));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: () => bytes,
    setDelay: (ms) => (delay = ms),
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

export interface ProxiedRequest { method: string; path: string; body: Buffer }

export interface HttpProxyHooks {
  /** 'lose-response': forward to the node, wait for its answer, then cut the connection without passing it on. */
  onRequest?: (req: ProxiedRequest, index: number) => 'pass' | 'lose-response' | Promise<'pass' | 'lose-response'>;
  /** Rewrites a response body (e.g. flips a byte of an asset). */
  transformResponse?: (req: ProxiedRequest, body: Buffer) => Buffer;
}

export interface HttpProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startHttpProxy(target: string, hooks: HttpProxyHooks = {}): Promise<HttpProxy> {
  const requests: ProxiedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const pr: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', body: Buffer.concat(chunks) };
    const index = requests.push(pr) - 1;
    const action = (await hooks.onRequest?.(pr, index)) ?? 'pass';
    let upstream: Response;
    try {
      upstream = await fetch(`${target}${pr.path}`, {
        method: pr.method,
        headers: req.headers['content-type'] ? { 'Content-Type': req.headers['content-type'] } : {},
        body: pr.method === 'GET' || pr.method === 'HEAD' ? undefined : new Uint8Array(pr.body),
      });
    } catch {
      res.socket?.destroy();
      return;
    }
    let body: Buffer = Buffer.from(await upstream.arrayBuffer());
    if (action === 'lose-response') {
      res.socket?.destroy();
      return;
    }
    if (hooks.transformResponse) body = hooks.transformResponse(pr, body);
    res.writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
