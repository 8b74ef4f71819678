// A JSON-RPC proxy in front of anvil for tests of a failing chain: it forwards everything until told to go down,
// or to go down right after a number of transactions went through ("the RPC died between the anchor and the
// reward root"). A refused request gets its connection cut, as a dead RPC would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RpcProxy {
  url: string;
  /** Cuts every request from now on. */
  down(): void;
  /** Forwards everything again. */
  up(): void;
  /** Lets `n` more transactions (eth_sendRawTransaction) through, then goes down. */
  downAfterSends(n: number): void;
  close(): Promise<void>;
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let isDown = false;
  let sendsLeft = Infinity;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const calls = [JSON.parse(body.toString('utf8'))].flat() as { method?: string }[];
      const sends = calls.filter((c) => c.method === 'eth_sendRawTransaction').length;
      if (!isDown && sends) {
        if (sends > sendsLeft) isDown = true;
        else sendsLeft -= sends;
      }
      if (isDown) return req.socket.destroy();
      try {
        const r = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
        if (sendsLeft === 0) isDown = true;
      } catch {
        req.socket.destroy();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    down: () => void (isDown = true),
    up: () => {
      isDown = false;
      sendsLeft = Infinity;
    },
    downAfterSends: (n) => void (sendsLeft = n),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
