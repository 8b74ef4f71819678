// What both stores say and build the same way: refusals of a publish or lease request, and a lease from a row.
import type { AssetKind } from '../../shared/domain.ts';
import { HttpError } from '../errors.ts';
import type { Lease, LeaseRequest, PublishAsset, PublishInput } from './NodeStore.ts';
import { formatTag, isMicroTag, MAX_MICRO_TAG, microToTag } from '../../shared/microTag.ts';

/** A task as the lease queries read it (baseReward in micro-TAG). */
export type LeaseRow = { seq: number; taskId: string; projectId: string; difficulty: number; assetName: string; name: string; schema: string; instructions: string; baseReward: number; leaseMs: number; sha256: string; kind: AssetKind; mime: string; size: number | null };

/** The lease as the API answers it: the base reward in TAG (at most six decimals, see shared/microTag.ts). */
export function leaseFromRow(r: LeaseRow, expires: number, schemas = new Map<string, unknown>()): Lease {
  if (!schemas.has(r.schema)) schemas.set(r.schema, JSON.parse(r.schema));
  return {
    taskId: r.taskId,
    projectId: r.projectId,
    project: { name: r.name, schema: schemas.get(r.schema), instructions: r.instructions },
    asset: { sha256: r.sha256, kind: r.kind, mime: r.mime, name: r.assetName, size: r.size === null ? null : Number(r.size) },
    difficulty: r.difficulty,
    baseReward: microToTag(r.baseReward),
    leaseExpiresAt: expires,
  };
}

export const replayedManifest = (input: PublishInput, projectId: string) =>
  new HttpError(409, 'replayed', `this manifest was already published as project ${projectId} (requester ${input.requester}, nonce ${input.nonce}); sign a new manifest with a fresh nonce to publish again`);

export const replayedLease = (req: LeaseRequest) =>
  new HttpError(409, 'replayed', `this lease request was already used (annotator ${req.annotator}, nonce ${req.nonce}); sign a new request with a fresh nonce`);

export const insufficientBalance = (input: { requester: string; budget: number }, balance: number) =>
  new HttpError(402, 'insufficient_balance', `requester ${input.requester} has ${formatTag(balance)} TAG, the project's budget is ${formatTag(input.budget)} TAG; ask the node operator to credit the requester (tagger node requesters credit ${input.requester} AMOUNT)`);

/** Refuses a manifest that gives a known asset another size (a SHA-256 names one byte string, so one size). */
export function checkPublishAssets(assets: PublishAsset[], knownSize: (sha256: string) => number | null): void {
  for (const a of assets) {
    const size = knownSize(a.sha256);
    if (size !== null && Number(size) !== a.size) throw new HttpError(400, 'invalid_request', `asset ${a.sha256} (${a.name}) is ${size} bytes on this node, not ${a.size} as the manifest says`);
  }
}

/** Refuses an operator's credit that is not a whole positive micro-TAG amount or would take a balance past the cap. */
export function checkCredit(amount: number, balance: number): void {
  if (!isMicroTag(amount) || amount === 0) throw new HttpError(400, 'invalid_request', `a credit is a positive whole number of micro-TAG, not ${amount}`);
  if (balance + amount > MAX_MICRO_TAG) throw new HttpError(400, 'invalid_request', `the balance would pass ${formatTag(MAX_MICRO_TAG)} TAG, the most this node keeps`);
}

/** A sum read as a bigint (better-sqlite3 safeIntegers) as an exact number, refused rather than rounded if it is not. */
export function safeMicro(v: bigint | number): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`an amount of ${v} micro-TAG is past what the node can count exactly`);
  return n;
}
