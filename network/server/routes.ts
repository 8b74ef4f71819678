// The node's API v1 handlers. Submissions go: envelope and nesting check here → shape (zod), signature and
// content hash in the worker pool → the store's rules in one transaction per batch → verdicts in request order.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import type { NodeStore, SubmissionVerdict, VerifiedSubmission } from '../store/NodeStore.ts';
import { AssetFiles, AssetHashMismatch, AssetTooLarge } from '../store/assetFiles.ts';
import type { VerifierPool } from '../verify/pool.ts';
import { HttpError, readJson, Router, sendJson } from './http.ts';
import { describeZodError, leaseBody, publishBody, submissionsEnvelope } from './schemas.ts';

export const NODE_API_VERSION = '1';
export const MAX_ASSET_BYTES = 1024 * 1024 * 1024;

export interface NodeDeps {
  name: string;
  domain: TaggerDomain;
  store: NodeStore;
  assets: AssetFiles;
  pool: VerifierPool;
  now: () => number;
}

export type ItemResult = { id: string | null; status: 'rejected'; reason: string } | SubmissionVerdict;

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, 'invalid_request', describeZodError(r.error));
  return r.data;
}

/** Deepest nesting an item may have; deeper values could overflow the stack when copied to a worker. */
export const MAX_ITEM_DEPTH = 64;

/** Whether `v` nests deeper than `limit` (recursion bounded by the limit itself). */
function nestsDeeper(v: unknown, limit: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (limit === 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (nestsDeeper(x, limit - 1)) return true;
    return false;
  }
  for (const k in v) if (nestsDeeper((v as Record<string, unknown>)[k], limit - 1)) return true;
  return false;
}

const CANONICAL_UINT = /^(0|[1-9][0-9]{0,77})$/;

/**
 * Answers "duplicate" for items the node already accepted — same message, same signature — without verifying
 * them again (a workstation resends whole batches after a timeout or a crash). Returns the indexes still to check.
 */
async function answerResends(deps: NodeDeps, rawItems: unknown[], candidates: number[], results: ItemResult[]): Promise<number[]> {
  const keyed: number[] = [];
  const keys: { annotator: string; nonce: string }[] = [];
  for (const index of candidates) {
    const it = rawItems[index] as { message?: Partial<SubmissionMessage>; domain?: unknown; signature?: unknown } | null;
    const m = it?.message;
    // only plain, canonical, same-domain items qualify; anything else takes the full path and gets its reason there
    if (!m || typeof m !== 'object' || typeof m.annotator !== 'string' || typeof m.nonce !== 'string' || !CANONICAL_UINT.test(m.nonce) || typeof it.signature !== 'string') continue;
    if (it.domain !== undefined && !(typeof it.domain === 'object' && it.domain !== null && sameDomain(it.domain as TaggerDomain, deps.domain))) continue;
    keyed.push(index);
    keys.push({ annotator: m.annotator, nonce: m.nonce });
  }
  const found = keys.length ? await deps.store.findAccepted(keys) : [];
  const answered = new Set<number>();
  found.forEach((a, k) => {
    if (!a) return;
    const index = keyed[k];
    const it = rawItems[index] as { message: SubmissionMessage; signature: string };
    const m = it.message;
    // the document too, so a resend with a changed document is refused ("content hash does not match") as usual
    if (a.signature === it.signature && a.taskId === m.taskId && a.projectId === m.projectId && a.contentHash === String(m.contentHash).toLowerCase() && a.createdAt === m.createdAt && sameDocument(a.document, (it as { document?: unknown }).document)) {
      results[index] = { id: a.id, status: 'duplicate', reward: a.reward };
      answered.add(index);
    }
  });
  return answered.size ? candidates.filter((i) => !answered.has(i)) : candidates;
}

function sameDocument(stored: string, sent: unknown): boolean {
  try {
    return canonicalJson(sent) === stored;
  } catch {
    return false;
  }
}

function sameDomain(a: TaggerDomain, b: TaggerDomain): boolean {
  return a.name === b.name && a.version === b.version && a.chainId === b.chainId && String(a.verifyingContract).toLowerCase() === b.verifyingContract.toLowerCase();
}

/** Verdicts for one batch, in order. Shape, signature and content checks run in the worker pool. */
export async function processSubmissions(deps: NodeDeps, rawItems: unknown[]): Promise<ItemResult[]> {
  const results: ItemResult[] = new Array(rawItems.length);
  const candidates: number[] = [];
  rawItems.forEach((raw, index) => {
    if (nestsDeeper(raw, MAX_ITEM_DEPTH)) results[index] = { id: null, status: 'rejected', reason: `malformed item: it nests deeper than ${MAX_ITEM_DEPTH} levels` };
    else candidates.push(index);
  });
  const pending = await answerResends(deps, rawItems, candidates, results);
  const checked = await deps.pool.verify(pending.length === rawItems.length ? rawItems : pending.map((i) => rawItems[i]));
  const good: VerifiedSubmission[] = [];
  const goodIndex: number[] = [];
  checked.forEach((v, k) => {
    const index = pending[k];
    if (!v.ok) results[index] = { id: v.id, status: 'rejected', reason: v.reason };
    else {
      // the raw item passed zod in the worker; its message is what was signed
      const item = rawItems[index] as { message: SubmissionMessage; signature: string };
      good.push({ id: v.id, message: item.message, signature: item.signature, document: v.document });
      goodIndex.push(index);
    }
  });
  if (good.length) {
    const verdicts = await deps.store.commitSubmissions(good, deps.now());
    verdicts.forEach((v, k) => (results[goodIndex[k]] = v));
  }
  return results;
}

export function createRouter(deps: NodeDeps): Router {
  const { store, assets } = deps;
  const router = new Router();

  router.on('GET', /^\/v1\/health$/, (_q, res) => sendJson(res, 200, { ok: true }));

  router.on('GET', /^\/v1\/info$/, (_q, res) =>
    sendJson(res, 200, { name: deps.name, version: NODE_API_VERSION, domain: deps.domain, time: deps.now(), storeSchema: store.schemaVersion, verifiers: deps.pool.size, maxItemsPerBatch: 5000 }));

  router.on('POST', /^\/v1\/projects$/, async (req, res) => {
    const body = parse(publishBody, await readJson(req));
    if (nestsDeeper(body.schema, MAX_ITEM_DEPTH)) throw new HttpError(400, 'invalid_request', `schema: nests deeper than ${MAX_ITEM_DEPTH} levels`);
    const { projectId, tasks } = await store.publishProject({ ...body, leaseMs: Math.round(body.leaseSeconds * 1000) }, deps.now());
    // assets uploaded before the project was published are on disk already
    const present = body.assets.map((a) => ({ sha256: a.sha256, size: assets.has(a.sha256) })).filter((a): a is { sha256: string; size: number } => a.size !== null);
    if (present.length) await store.markAssetsStored(present);
    sendJson(res, 200, { projectId, tasks });
  });

  router.on('PUT', /^\/v1\/assets\/([0-9a-f]{64})$/, async (req, res, [sha]) => {
    let size = assets.has(sha);
    if (size !== null) req.resume();
    else {
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (declared > MAX_ASSET_BYTES) throw new HttpError(413, 'body_too_large', `the asset is ${declared} bytes; the limit is ${MAX_ASSET_BYTES} bytes`);
      try {
        size = await assets.put(sha, req, MAX_ASSET_BYTES);
      } catch (e) {
        if (e instanceof AssetHashMismatch) throw new HttpError(400, 'hash_mismatch', `${e.message}; nothing was stored`);
        if (e instanceof AssetTooLarge) throw new HttpError(413, 'body_too_large', e.message);
        throw e;
      }
    }
    await store.markAssetsStored([{ sha256: sha, size }]);
    sendJson(res, 200, { sha256: sha, size });
  });

  router.on('GET', /^\/v1\/assets\/([0-9a-f]{64})$/, async (_q, res, [sha]) => {
    const meta = await store.assetMeta(sha);
    const size = assets.has(sha);
    if (!meta || size === null) throw new HttpError(404, 'not_found', `this node has no asset ${sha}${meta ? ' yet (its bytes were not uploaded)' : ''}`);
    res.writeHead(200, { 'Content-Type': meta.mime, 'Content-Length': size, 'Cache-Control': 'public, max-age=31536000, immutable' });
    await new Promise<void>((resolve, reject) => fs.createReadStream(assets.pathOf(sha)).on('error', reject).on('end', resolve).pipe(res));
  });

  router.on('POST', /^\/v1\/leases$/, async (req, res) => {
    const body = parse(leaseBody, await readJson(req));
    const leases = await store.leaseTasks({ annotator: body.annotator, kinds: body.kinds, max: body.max }, deps.now());
    sendJson(res, 200, { leases });
  });

  router.on('POST', /^\/v1\/submissions$/, async (req, res) => {
    const body = parse(submissionsEnvelope, await readJson(req));
    sendJson(res, 200, { results: await processSubmissions(deps, body.items) });
  });

  router.on('GET', /^\/v1\/rewards\/([^/]+)$/, async (_q, res, [address], url) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${decodeURIComponent(address).slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    const limit = Math.min(10_000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
    sendJson(res, 200, await store.rewards(address, limit));
  });

  return router;
}

export function handleRequest(router: Router) {
  return (req: IncomingMessage, res: ServerResponse) => void router.handle(req, res);
}
