// HTTP client of the node API v1 (NETWORK_API.md). Every call has a timeout; a node's error body becomes a
// NodeError carrying the HTTP status and the node's own message, so the outbox can tell "try again later"
// (network, 5xx, 429) from "this request is wrong" (other 4xx).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { LeaseMessage, TaggerDomain, SubmissionMessage } from '../../shared/signing/typedData.ts';
import type { AssetKind, LabelSchema } from '../../shared/domain.ts';

const nodeInfo = z.object({
  name: z.string().max(200),
  version: z.string().max(20),
  time: z.number().finite(),
  domain: z.object({ name: z.literal('Tagger'), version: z.string().min(1).max(20), chainId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), verifyingContract: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }),
});

export interface NodeInfo { name: string; version: string; domain: TaggerDomain; time: number }

export interface NodeLease {
  taskId: string;
  projectId: string;
  project: { name: string; schema: LabelSchema; instructions: string };
  asset: { sha256: string; kind: AssetKind; mime: string; name: string; size: number };
  difficulty: number;
  baseReward: number;
  leaseExpiresAt: number;
}

export interface NodeResult { id: string | null; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string; reward?: number }
export interface NodeRewards { address: string; total: number; items: { submissionId: string; taskId: string; projectId: string; amount: number; status: string; base?: number; difficulty?: number; quality?: number; note?: string | null }[] }
export interface WireItem { message: SubmissionMessage; signature: string; document: unknown }

export class NodeError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'NodeError';
  }
  /** Network trouble, overload or a node fault: the same request may succeed later. */
  get retryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export class NodeClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
    private readonly timeoutMs = 15_000,
  ) {}

  async info(): Promise<NodeInfo> {
    const info = await this.json<NodeInfo>('GET', '/v1/info', undefined, 5_000);
    // The domain is what Submit signs with when offline later: never remember one that could not verify.
    const parsed = nodeInfo.safeParse(info);
    if (!parsed.success) throw new NodeError(`${this.baseUrl} does not look like a Tagger node (its /v1/info has no valid signing domain: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message})`, 200);
    return info;
  }

  /** A lease request signed by the annotator (shared/signing/requests.ts leaseDigest). */
  leases(body: { message: LeaseMessage; signature: string }): Promise<{ leases: NodeLease[]; limitedBy?: string }> {
    return this.json('POST', '/v1/leases', body);
  }

  /** The body is pre-serialized: building one string for thousands of items is cheaper than re-encoding. */
  submit(bodyJson: string, timeoutMs?: number): Promise<{ results: NodeResult[] }> {
    return this.json('POST', '/v1/submissions', bodyJson, timeoutMs);
  }

  /** A signed Review (with the consensus document when it accepts); the node answers its verdict on it. */
  review(body: { message: unknown; signature: string; document?: unknown; reason?: string }): Promise<{ result: { id: string; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string; validatorReward?: number } }> {
    return this.json('POST', '/v1/reviews', body);
  }

  /** A validator's signed request for items to review (each with its submissions as signed). */
  reviewQueue(body: { message: unknown; signature: string }): Promise<{ items: unknown[] }> {
    return this.json('POST', '/v1/reviews/queue', body);
  }

  rewards(address: string): Promise<NodeRewards> {
    return this.json('GET', `/v1/rewards/${encodeURIComponent(address)}`);
  }

  /**
   * Streams an asset into `file` (never whole in memory) and returns the SHA-256 of what arrived. The download is
   * abandoned when it grows past maxBytes or stalls for a minute; the caller checks the hash before using the file.
   */
  async assetToFile(sha256: string, file: string, maxBytes: number): Promise<{ sha256: string; size: number }> {
    const ac = new AbortController();
    let stall = setTimeout(() => ac.abort(), 60_000);
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}/v1/assets/${sha256}`, { signal: ac.signal });
    } catch (e) {
      clearTimeout(stall);
      throw new NodeError(`The node ${this.baseUrl} is not reachable (${ac.signal.aborted ? 'no answer within 60 s' : (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}).`, null);
    }
    if (!res.ok || !res.body) {
      clearTimeout(stall);
      throw await this.errorOf(res);
    }
    const hash = crypto.createHash('sha256');
    const fh = await fs.promises.open(file, 'w', 0o600);
    let size = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) {
          ac.abort();
          throw new NodeError(`the asset is larger than the ${maxBytes} bytes allowed`, 413);
        }
        hash.update(chunk);
        await fh.write(chunk);
        clearTimeout(stall);
        stall = setTimeout(() => ac.abort(), 60_000);
      }
    } catch (e) {
      if (e instanceof NodeError) throw e;
      throw new NodeError(`The download of ${sha256.slice(0, 12)}… from ${this.baseUrl} broke off after ${size} bytes (${ac.signal.aborted ? 'stalled for 60 s' : (e as Error).message}).`, null);
    } finally {
      clearTimeout(stall);
      await fh.close();
    }
    return { sha256: hash.digest('hex'), size };
  }

  private async json<T>(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
    const res = await this.request(method, path, body, timeoutMs);
    if (!res.ok) throw await this.errorOf(res);
    try {
      return (await res.json()) as T;
    } catch {
      throw new NodeError(`${this.baseUrl}${path} answered with something that is not JSON`, res.status);
    }
  }

  private async request(method: string, path: string, body: unknown, timeoutMs = this.timeoutMs): Promise<Response> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      return await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: ac.signal,
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = ac.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : cause?.code === 'ECONNREFUSED' ? 'connection refused' : cause?.code ?? cause?.message ?? (e as Error).message;
      throw new NodeError(`The node ${this.baseUrl} is not reachable (${why}).`, null);
    } finally {
      clearTimeout(timer);
    }
  }

  private async errorOf(res: Response): Promise<NodeError> {
    let msg = '';
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      msg = body.error?.message ?? '';
    } catch {
      /* not JSON: the status says enough */
    }
    return new NodeError(`The node ${this.baseUrl} answered ${res.status}${msg ? `: ${msg}` : ''}`, res.status);
  }
}
