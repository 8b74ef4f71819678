// POST /v1/submissions. Submissions go: envelope and nesting check here → shape (zod), signature and
// content hash in the worker pool → the store's rules in one transaction per batch → verdicts in request order.
import type { SubmissionMessage, TaggerDomain } from '../../../shared/signing/typedData.ts';
import { canonicalJson } from '../../../shared/signing/canonicalJson.ts';
import type { SubmissionVerdict, VerifiedSubmission } from '../../store/NodeStore.ts';
import { microToTag } from '../../../shared/microTag.ts';
import { nestsDeeper, readJson, sendJson, type Router } from '../http.ts';
import { submissionsEnvelope } from '../schemas.ts';
import type { NodeDeps } from '../deps.ts';
import { parseBody } from './parse.ts';

export type ItemResult = { id: string | null; status: 'rejected'; reason: string } | SubmissionVerdict;

/** Deepest nesting an item may have; deeper values could overflow the stack when copied to a worker. */
export const MAX_ITEM_DEPTH = 64;

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
      results[index] = { id: a.id, status: 'duplicate', reward: microToTag(a.reward) };
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
    verdicts.forEach((v, k) => (results[goodIndex[k]] = v.status === 'rejected' ? v : { ...v, reward: microToTag(v.reward) }));
  }
  return results;
}

export function submissionRoutes(router: Router, deps: NodeDeps): void {
  router.on('POST', /^\/v1\/submissions$/, async (req, res) => {
    const body = parseBody(submissionsEnvelope, await readJson(req, { timeoutMs: deps.limits.bodyTimeoutMs }));
    sendJson(res, 200, { results: await processSubmissions(deps, body.items) });
  });
}
