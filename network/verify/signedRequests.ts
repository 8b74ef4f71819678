// Checks of the signed requests that spend or assign something: a requester's project manifest and an annotator's
// lease request. Each is refused with the reason a signer can act on; what passes is what the store may do.
import { createRequestHashers, projectAssetsHash, projectDetailsHash } from '../../shared/signing/requests.ts';
import { AmountError, formatTag, parseTag, requiredBudgetMicro } from '../../shared/microTag.ts';
import { DigestInputError } from '../../shared/signing/structHash.ts';
import type { LeaseMessage, ProjectMessage, ReviewQueueMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import type { AssetKind } from '../../shared/domain.ts';
import { ASSET_KINDS } from '../../shared/domain.ts';
import { HttpError } from '../errors.ts';
import type { LeaseRequest, PublishInput } from '../store/NodeStore.ts';
import { checkSignedBy, keccak256Native } from './nativeCrypto.ts';
import type { z } from 'zod';
import type { leaseBody, publishBody, reviewQueueBody } from '../server/schemas.ts';

/** A signed request may be valid for at most this long (bounds the nonces the node must remember). */
export const MAX_REQUEST_TTL_MS = 60 * 60 * 1000;

const { leaseDigest, projectDigest, reviewQueueDigest } = createRequestHashers(keccak256Native);

function digestOf(make: () => string): string {
  try {
    return make();
  } catch (e) {
    if (e instanceof DigestInputError) throw new HttpError(400, 'invalid_request', `message: ${e.message}`);
    throw e;
  }
}

/** The request-side form of checkSignedBy: a request not signed by `expected` is refused with 401, not reported. */
function requireSignedBy(digestHex: string, signature: string, expected: string, what: string): void {
  const r = checkSignedBy(Buffer.from(digestHex.slice(2), 'hex'), signature, expected.toLowerCase());
  if (r.ok) return;
  if (r.error) throw new HttpError(401, 'bad_signature', `${what}: ${r.error}`);
  throw new HttpError(401, 'bad_signature', `${what}: the signature recovers to ${r.address}, not ${expected} (another key, a changed message, or another chainId/domain)`);
}

/** A signed decimal amount in micro-TAG; an amount the ledger cannot keep exactly is refused, not rounded. */
function amountOf(v: string | (() => number), what: string): number {
  try {
    return typeof v === 'string' ? parseTag(v) : v();
  } catch (e) {
    if (e instanceof AmountError) throw new HttpError(400, 'invalid_request', `${what}: ${e.message}`);
    throw e;
  }
}

function checkExpiry(expiresAt: string, now: number, what: string): number {
  const t = Number(expiresAt);
  if (t <= now) throw new HttpError(400, 'expired', `${what} expired at ${new Date(t).toISOString()} (the node's clock says ${new Date(now).toISOString()}); sign a new one, and check the clock`);
  if (t > now + MAX_REQUEST_TTL_MS) throw new HttpError(400, 'invalid_request', `${what} is valid until ${new Date(t).toISOString()}, more than ${MAX_REQUEST_TTL_MS / 60000} minutes ahead of the node's clock; sign one that expires sooner`);
  return t;
}

export function verifyLeaseRequest(domain: TaggerDomain, body: z.infer<typeof leaseBody>, now: number): LeaseRequest {
  const m: LeaseMessage = body.message;
  const kinds = [...new Set(m.kinds.split(',').map((k) => k.trim()))];
  const bad = kinds.find((k) => !(ASSET_KINDS as readonly string[]).includes(k));
  if (bad !== undefined || !kinds.length) throw new HttpError(400, 'invalid_request', `message.kinds: "${String(bad).slice(0, 40)}" is not a modality; use a comma-separated list of ${ASSET_KINDS.join(', ')}`);
  const skills = [...new Set(m.skills.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (skills.length > 50) throw new HttpError(400, 'invalid_request', 'message.skills: at most 50 skills and languages');
  const expiresAt = checkExpiry(m.expiresAt, now, 'the lease request');
  requireSignedBy(digestOf(() => leaseDigest(domain, m)), body.signature, m.annotator, 'the lease request is not signed by its annotator');
  return { annotator: m.annotator.toLowerCase(), kinds: kinds as AssetKind[], skills, max: m.max, nonce: BigInt(m.nonce).toString(), expiresAt };
}

export function verifyManifest(domain: TaggerDomain, body: z.infer<typeof publishBody>, now: number): PublishInput {
  const m: ProjectMessage = body.manifest;
  const requirements = { ...(body.requirements.skills ? { skills: body.requirements.skills } : {}), ...(body.requirements.minStake !== undefined ? { minStake: body.requirements.minStake } : {}) };
  if (requirements.minStake !== undefined) amountOf(requirements.minStake, 'requirements.minStake');
  if (m.assetCount !== body.assets.length) throw new HttpError(400, 'invalid_request', `the manifest names ${m.assetCount} assets but ${body.assets.length} were sent`);
  if (projectAssetsHash(body.assets) !== m.assetsHash.toLowerCase()) throw new HttpError(400, 'invalid_request', 'manifest.assetsHash does not match the assets sent (hash, size, kind, MIME type, name and difficulty of each, in order)');
  if (projectDetailsHash({ schema: body.schema, instructions: body.instructions, requirements }) !== m.detailsHash.toLowerCase()) throw new HttpError(400, 'invalid_request', 'manifest.detailsHash does not match the schema, instructions and requirements sent');
  const baseReward = amountOf(m.baseReward, 'manifest.baseReward');
  const budget = amountOf(m.budget, 'manifest.budget');
  const needed = amountOf(() => requiredBudgetMicro(m.redundancy, baseReward, body.assets), 'the budget');
  if (budget < needed) throw new HttpError(400, 'budget_too_small', `the budget of ${m.budget} TAG does not cover redundancy × Σ(base reward × difficulty) = ${formatTag(needed)} TAG (each term rounded down to a micro-TAG)`);
  checkExpiry(m.expiresAt, now, 'the manifest');
  requireSignedBy(digestOf(() => projectDigest(domain, m)), body.signature, m.requester, 'the manifest is not signed by its requester');
  return {
    name: m.name,
    schema: body.schema,
    instructions: body.instructions,
    requirements,
    redundancy: m.redundancy,
    baseReward,
    budget,
    minReputation: Number(m.minReputation),
    leaseMs: m.leaseSeconds * 1000,
    requester: m.requester.toLowerCase(),
    nonce: BigInt(m.nonce).toString(),
    signature: body.signature,
    assets: body.assets,
  };
}

/** A review-queue request may be valid for at most this long: it only reads, so its nonce is not kept, and a short
 *  life bounds what a copied request could still fetch. */
export const MAX_QUEUE_REQUEST_TTL_MS = 10 * 60 * 1000;

export function verifyReviewQueueRequest(domain: TaggerDomain, body: z.infer<typeof reviewQueueBody>, now: number): { validator: string; max: number } {
  const m: ReviewQueueMessage = body.message;
  checkExpiry(m.expiresAt, now, 'the review-queue request');
  if (Number(m.expiresAt) > now + MAX_QUEUE_REQUEST_TTL_MS) throw new HttpError(400, 'invalid_request', `the review-queue request is valid for more than ${MAX_QUEUE_REQUEST_TTL_MS / 60000} minutes; sign one that expires sooner`);
  requireSignedBy(digestOf(() => reviewQueueDigest(domain, m)), body.signature, m.validator, 'the review-queue request is not signed by its validator');
  return { validator: m.validator.toLowerCase(), max: m.max };
}
