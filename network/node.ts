// Starts a Tagger network node: store, asset files, verification workers and the HTTP API (no Electron).
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DOMAIN, type TaggerDomain } from '../shared/signing/typedData.ts';
import { openSqliteNodeStore } from './store/sqliteNodeStore.ts';
import { AssetFiles } from './store/assetFiles.ts';
import { VerifierPool } from './verify/pool.ts';
import { createRouter, handleRequest } from './server/routes.ts';
import { startSettlement, type ChainConfig } from './chain/index.ts';
import type { Settlement } from './chain/settlement.ts';
import { mountChainRoutes } from './chain/routes.ts';

export interface NodeOptions {
  dataDir: string;
  port?: number;
  host?: string;
  name?: string;
  chainId?: number;
  /** Verification worker threads; default one per core. */
  workers?: number;
  now?: () => number;
  /** Settle rewards and anchor work on a chain; without it the node keeps rewards in its ledger only. */
  chain?: ChainConfig;
}

export interface RunningNode {
  url: string;
  port: number;
  domain: TaggerDomain;
  /** Epoch settlement when a chain is configured (tests call its tick() instead of waiting for the schedule). */
  settlement: Settlement | null;
  close(): Promise<void>;
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const domain: TaggerDomain = { ...DEFAULT_DOMAIN, chainId: opts.chainId ?? DEFAULT_DOMAIN.chainId };
  const store = openSqliteNodeStore(opts.dataDir);
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
  const router = createRouter({ name, domain, store, assets, pool, now });
  mountChainRoutes(router, { name, domain, store, settlement, now });
  const server = http.createServer(handleRequest(router));
  server.keepAliveTimeout = 65_000;
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
