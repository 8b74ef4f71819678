// The records a bundle carries, one JSON array per kind (see RECORD_FILES). Validated field by field on import:
// everything in a bundle is hostile input until checked.
import { z } from 'zod';
import * as s from '../api/schemas.ts';

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 0x and 64 hex digits');
const signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'expected a 65-byte signature');
const annotator = z.string().min(1).max(128);

export const bundleAsset = z.object({
  id: s.sha256,
  kind: s.assetKind,
  mime: z.string().min(1).max(200),
  originalName: z.string().max(1000),
  size: z.number().int().min(0),
  width: z.number().int().min(0).nullable(),
  height: z.number().int().min(0).nullable(),
  durationMs: z.number().int().min(0).nullable(),
  meta: z.record(z.string().max(200), s.json),
});
export type BundleAsset = z.infer<typeof bundleAsset>;

export const bundleTask = z.object({
  id: s.id,
  assetId: s.sha256,
  status: s.taskStatus,
  difficulty: z.number().finite(),
  assignee: z.string().max(200).nullable(),
  position: z.number().int(),
  /** How an imported file referred to the item (Label Studio's data URL), kept per project task for export. */
  sourceRef: z.string().max(10_000).nullable().optional(),
  /** What the file a text came from said about it (its record's id or name, doccano meta, the CoNLL columns of
   *  every token), kept per project task so an export on the receiving side writes them back. */
  source: z.object({
    sourceName: z.string().max(10_000).optional(),
    sourceMeta: z.record(z.string().max(200), s.json).optional(),
    conllColumns: z.string().optional(),
  }).strict().optional(),
});
export type BundleTask = z.infer<typeof bundleTask>;

/** One annotation object of one annotator (an address, or the exporter's for its own working copy). */
export const bundleObject = z.object({
  id: s.id,
  taskId: s.id,
  annotator,
  kind: s.objectKind,
  label: z.string().max(200),
  geometry: s.json,
  attributes: z.record(z.string().max(200), s.json),
  origin: z.enum(['human', 'model']),
  z: z.number().finite(),
});
export type BundleObject = z.infer<typeof bundleObject>;

const domain = z.object({ name: z.literal('Tagger'), version: z.string().max(20), chainId: z.number().int().min(0), verifyingContract: z.string().regex(/^0x[0-9a-fA-F]{40}$/) });

/** A signed submission exactly as the outbox holds it: the EIP-712 message and domain, the signature, the document. */
export const bundleSubmission = z.object({
  id: hex32,
  taskId: s.id,
  message: z.object({ taskId: z.string().max(200), projectId: z.string().max(200), contentHash: hex32, annotator: z.string().regex(/^0x[0-9a-fA-F]{40}$/), nonce: z.string().regex(/^[0-9]{1,78}$/), createdAt: z.string().regex(/^[0-9]{1,20}$/) }),
  domain,
  signature,
  document: z.object({ taskId: z.string().max(200), objects: z.array(s.json).max(1_000_000) }),
  state: z.enum(['queued', 'accepted', 'rejected']),
  createdAt: z.number().int().min(0),
});
export type BundleSubmission = z.infer<typeof bundleSubmission>;

/** A review verdict; signed ones carry the EIP-712 Review message, domain and signature. */
export const bundleReview = z.object({
  id: z.string().min(1).max(200),
  taskId: s.id,
  reviewer: z.string().min(1).max(200),
  verdict: z.string().min(1).max(20),
  comment: z.string().max(100_000),
  submissionIds: z.array(hex32).max(10_000),
  consensusHash: hex32.nullable(),
  reason: z.string().max(100_000),
  payload: z.object({ message: z.record(z.string(), s.json), domain }).nullable(),
  signature: signature.nullable(),
  createdAt: z.number().int().min(0),
});
export type BundleReview = z.infer<typeof bundleReview>;

/** Where an annotator's version of a task came from (review mode's task_versions). */
export const bundleVersion = z.object({
  taskId: s.id,
  annotator,
  source: z.string().min(1).max(200),
  signer: z.string().regex(/^0x[0-9a-fA-F]{40}$/).nullable(),
  submissionId: hex32.nullable(),
  contentHash: hex32,
  createdAt: z.number().int().min(0),
});
export type BundleVersion = z.infer<typeof bundleVersion>;

export const RECORD_SCHEMAS = {
  assets: z.array(bundleAsset),
  tasks: z.array(bundleTask),
  objects: z.array(bundleObject),
  submissions: z.array(bundleSubmission),
  reviews: z.array(bundleReview),
  versions: z.array(bundleVersion),
};

export interface BundleRecords {
  assets: BundleAsset[];
  tasks: BundleTask[];
  objects: BundleObject[];
  submissions: BundleSubmission[];
  reviews: BundleReview[];
  versions: BundleVersion[];
}
