// Starts a Tagger network node: store, asset files, verification workers and the HTTP API (no Electron).
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { DEFAULT_DOMAIN, type TaggerDomain } from '../shared/signing/typedData.ts';
import type { NodeStore } from './store/NodeStore.ts';
import { openNodeStore } from './store/openNodeStore.ts';
import { AssetFiles } from './store/assetFiles.ts';
import { VerifierPool } from './verify/pool.ts';
import { createRouter, DEFAULT_LIMITS, handleRequest, type NodeLimits } from './server/routes.ts';
import { startSettlement, type ChainConfig } from './chain/index.ts';
import type { Settlement } from './chain/settlement.ts';
import { mountChainRoutes } from './chain/routes.ts';

export interface NodeOptions {
  dataDir: string;
  /** postgres://… to keep the store in PostgreSQL (several nodes may share it); default: node.sqlite in dataDir. */
  db?: string;
  port?: number;
  host?: string;
  name?: string;
  chainId?: number;
  /** Verification worker threads; default one per core. */
  workers?: number;
  limits?: Partial<NodeLimits>;
  /** Open connections at most; more are answered 503 and closed. */
  maxConnections?: number;
  now?: () => number;
  /** Settle rewards and anchor work on a chain; without it the node keeps rewards in its ledger only. */
  chain?: ChainConfig;
}

export interface RunningNode {
  url: string;
  port: number;
  domain: TaggerDomain;
  store: NodeStore;
  /** Epoch settlement when a chain is configured (tests call its tick() instead of waiting for the schedule). */
  settlement: Settlement | null;
  close(): Promise<void>;
}

export const DEFAULT_MAX_CONNECTIONS = 1000;
/** Request headers must arrive within this time (slow-header clients hold no connection longer). */
const HEADERS_TIMEOUT_MS = 10_000;

/** Answers a connection over the cap with a 503 and a reason, then closes it. */
function refuseConnection(socket: Socket, cap: number): void {
  const body = JSON.stringify({ error: { code: 'too_many_connections', message: `the node has ${cap} open connections, the most it allows; try again shortly` } });
  socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n${body}`);
  socket.on('error', () => undefined);
  setTimeout(() => socket.destroy(), 2000).unref();
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const domain: TaggerDomain = { ...DEFAULT_DOMAIN, chainId: opts.chainId ?? DEFAULT_DOMAIN.chainId };
  const store = await openNodeStore({ dataDir: opts.dataDir, db: opts.db });
  const assets = new AssetFiles(path.join(opts.dataDir, 'assets'));
  let pool: VerifierPool;
  try {
    pool = await VerifierPool.start(domain, opts.workers);
  } catch (e) {
    await store.close();
    throw e;
  }
  const now = opts.now ?? Date.now;
  const name = opts.name ?? 'Tagger node';
  let settlement: Settlement | null;
  try {
    settlement = opts.chain ? startSettlement(opts.chain, { dataDir: opts.dataDir, store, now }) : null;
  } catch (e) {
    await pool.close();
    await store.close();
    throw e;
  }
  const limits: NodeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const router = createRouter({ name, domain, store, assets, pool, now, limits, settledReason: settlement ? (ids) => settlement!.settledReason(ids) : undefined });
  mountChainRoutes(router, { name, domain, store, settlement, now });
  const server = http.createServer(handleRequest(router));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  // the body deadlines are the routes' own (with a reason); this only bounds a request that escapes them
  server.requestTimeout = Math.max(limits.bodyTimeoutMs * 4, 120_000);
  const cap = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open > cap) refuseConnection(socket, cap);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ error: { code: 'bad_request', message: `the request could not be read: ${err.code ?? err.message}` } });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (e) {
    // the workers would keep the process alive after the error is reported
    await settlement?.close();
    await pool.close();
    await store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    domain,
    store,
    settlement,
    async close() {
      // requests in flight get a few seconds to finish; after that their connections are cut, which loses
      // nothing: a batch is committed in one transaction or not at all, and the sender resends what it lacks
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), 3000);
      await closed;
      clearTimeout(grace);
      await settlement?.close();
      await pool.close();
      await store.close();
    },
  };
}
