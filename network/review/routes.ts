// POST /v1/reviews/queue: a validator's signed request for items to review (only wallets with the published stake).
// POST /v1/reviews: a validator's signed verdict → checked (shape, signature, task, submissions, consensus hash) →
// qualities from agreement with the consensus → one store transaction. GET /v1/reputation/:address shows a wallet's
// reputation with its inputs and the published rules.
import { nativeContentHash } from '../verify/nativeCrypto.ts';
import { verifyTypedData } from 'ethers';
import { HttpError, readJson, sendJson, type Router } from '../server/http.ts';
import type { NodeDeps } from '../server/deps.ts';
import { REVIEW_TYPES, ZERO_HASH, type ReviewMessage } from '../../shared/signing/typedData.ts';
import { reviewDigest, reviewMessageProblem } from '../../shared/signing/reviewDigest.ts';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import { formatTag, MICRO_PER_TAG, microToTag } from '../../shared/microTag.ts';
import { REVIEW_RULES, validatorReward } from '../../shared/agreement/reputation.ts';
import { reviewQueueBody } from '../server/schemas.ts';
import { parseBody } from '../server/routes/parse.ts';
import { verifyReviewQueueRequest } from '../verify/signedRequests.ts';
import type { ObjectLike } from '../../shared/agreement/objects.ts';
import { documentObjects, qualityOf } from './reviewRules.ts';
import type { ReviewOutcome } from './types.ts';

const MAX_FUTURE_MS = 10 * 60_000;

function recovered(deps: NodeDeps, m: ReviewMessage, signature: string): string | null {
  try {
    return verifyTypedData(deps.domain, { Review: [...REVIEW_TYPES.Review] }, m, signature);
  } catch {
    return null;
  }
}

export async function handleReview(deps: NodeDeps, body: unknown): Promise<ReviewOutcome> {
  const b = body as { message?: ReviewMessage; signature?: unknown; document?: unknown; reason?: unknown } | null;
  const m = b?.message;
  if (!m || typeof m !== 'object') throw new HttpError(400, 'invalid_request', 'send {"message": Review, "signature": "0x…", "document"?: consensus}');
  const problem = reviewMessageProblem(m);
  if (problem) throw new HttpError(400, 'invalid_request', `review: ${problem}`);
  const id = reviewDigest(deps.domain, m);
  const reject = (reason: string): ReviewOutcome => ({ id, status: 'rejected', reason });
  if (typeof b.signature !== 'string') return reject('signature missing');
  const signer = recovered(deps, m, b.signature);
  if (!signer) return reject('bad signature');
  if (signer.toLowerCase() !== m.reviewer.toLowerCase()) return reject(`signer is not the reviewer (signed by ${signer} under chainId ${deps.domain.chainId})`);
  if (Number(m.createdAt) > deps.now() + MAX_FUTURE_MS) return reject('createdAt is in the future; check the clock');
  const notValidator = await validatorProblem(deps, m.reviewer);
  if (notValidator) return reject(notValidator);
  const ctx = await deps.store.reviewContext(m.taskId, m.submissionIds);
  if (!ctx.task) return reject(`unknown task ${m.taskId}`);
  const missing = m.submissionIds.filter((_, i) => !ctx.submissions[i]);
  if (missing.length) return reject(`unknown submission(s) ${missing.join(', ')}`);
  const subs = ctx.submissions.map((s) => s!);
  const other = subs.find((s) => s.taskId !== m.taskId);
  if (other) return reject(`submission ${other.id} is not work on task ${m.taskId}; this review was made for a task that changed`);
  if (subs.some((s) => s.annotator.toLowerCase() === m.reviewer.toLowerCase())) return reject('a wallet cannot review its own work');
  let consensus: ObjectLike[] | null = null;
  let document: string | null = null;
  if (m.verdict === 'accept') {
    if (!b.document || typeof b.document !== 'object') return reject('an accepting review carries the consensus document it accepts');
    if ((b.document as { taskId?: unknown }).taskId !== m.taskId) return reject('the consensus document names another task');
    if (nativeContentHash(b.document).toLowerCase() !== m.consensusHash.toLowerCase()) return reject('consensus hash does not match the document');
    document = canonicalJson(b.document);
    consensus = documentObjects(document);
  } else if (m.consensusHash.toLowerCase() !== ZERO_HASH) {
    return reject(`a ${m.verdict} carries the zero consensus hash`);
  }
  const qualities = subs.map((s) => ({ submissionId: s.id, annotator: s.annotator, quality: Math.round(qualityOf(m.verdict, documentObjects(s.document), consensus) * 1e6) / 1e6 }));
  // asked right before the commit (nothing awaited between), so an epoch closing now cannot slip in between
  const settled = deps.settledReason?.(m.submissionIds);
  if (settled) return reject(settled);
  const note = m.verdict !== 'accept' && typeof b.reason === 'string' && b.reason.trim() ? b.reason.trim().slice(0, 2000) : null;
  return deps.store.commitReview({ id, message: m, signature: b.signature, document, qualities, validatorReward: validatorReward(ctx.task.baseReward, ctx.task.difficulty), note }, deps.now());
}

/** Why a wallet may not validate here, or null when it may (REVIEW_RULES.validatorMinStake TAG staked). */
async function validatorProblem(deps: NodeDeps, address: string): Promise<string | null> {
  const { stake } = await deps.store.reputationReport(address);
  return stake >= REVIEW_RULES.validatorMinStake * MICRO_PER_TAG ? null
    : `${address} may not validate on this node: validators need at least ${REVIEW_RULES.validatorMinStake} TAG staked (it has ${formatTag(stake)}); ask the operator.`;
}

export function reviewRoutes(router: Router, deps: NodeDeps): void {
  router.on('POST', /^\/v1\/reviews\/queue$/, async (req, res) => {
    const body = parseBody(reviewQueueBody, await readJson(req, { limit: 16 * 1024, maxDepth: 8, timeoutMs: deps.limits.bodyTimeoutMs }));
    const { validator, max } = verifyReviewQueueRequest(deps.domain, body, deps.now());
    const problem = await validatorProblem(deps, validator);
    if (problem) throw new HttpError(403, 'not_a_validator', problem);
    sendJson(res, 200, { items: await deps.store.reviewQueue(validator, max) });
  });
  router.on('POST', /^\/v1\/reviews$/, async (req, res) => {
    const body = await readJson(req, { timeoutMs: deps.limits.bodyTimeoutMs, maxDepth: 64 });
    const result = await handleReview(deps, body);
    sendJson(res, 200, { result: result.status === 'rejected' ? result : { ...result, validatorReward: microToTag(result.validatorReward) } });
  });
  router.on('GET', /^\/v1\/reputation\/([^/]+)$/, async (_q, res, [address]) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${address.slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    const r = await deps.store.reputationReport(address);
    sendJson(res, 200, { ...r, stake: microToTag(r.stake), slashed: microToTag(r.slashed), validatorRewards: microToTag(r.validatorRewards) });
  });
}
