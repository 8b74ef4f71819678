// What a verifiable dataset export carries (`GET /v1/chain/export` on a node, checked by `tagger verify`): every
// signed submission with its document and signature, its reward inputs, and where it is anchored (epoch and
// Merkle proof); the epochs' roots as the node says it posted them; the published reward rules; and where the
// contracts are, so a verifier with an RPC can compare the roots with the chain instead of trusting the file.
import { z } from 'zod';

export const EXPORT_FORMAT = 'tagger-verifiable-export';

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, '0x followed by 64 hex digits');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address is 0x followed by 40 hex digits');
const decimal = z.string().regex(/^[0-9]{1,78}$/, 'a decimal string of digits');

const anchor = z.object({ epoch: z.number().int().min(1), proof: z.array(hex32).max(64) }).nullable();

/** A validator's signed Review of the label, what it set (the label's quality), its reward and where it is anchored. */
const exportReview = z.object({
  id: hex32,
  message: z.object({
    taskId: z.string().max(128), submissionIds: z.array(hex32).min(1).max(1000), verdict: z.enum(['accept', 'reject', 'rework']),
    consensusHash: hex32, reviewer: address, nonce: decimal, createdAt: decimal,
  }),
  signature: z.string().max(200),
  /** The consensus document an accepting review signed (its content hash is the message's consensusHash). */
  document: z.unknown().nullable(),
  /** The quality the review set for this label: agreement of the label with the consensus (0 unless accepted). */
  quality: z.number(),
  validatorReward: z.number(),
  units: decimal,
  anchor,
});

export const verifiableExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  node: z.string().max(200),
  exportedAt: z.number(),
  domain: z.object({ name: z.literal('Tagger'), version: z.string().max(100), chainId: z.number().int(), verifyingContract: address }),
  project: z.object({ id: z.string().min(1).max(128), key: hex32 }),
  rules: z.union([
    z.object({ version: z.literal(1), formula: z.literal('baseReward * difficulty * quality'), roundingDecimals: z.literal(6), tokenDecimals: z.literal(18), defaultQuality: z.literal(1) }).strict(),
    z.object({ version: z.literal(2), formula: z.literal('baseReward * difficulty * quality'), unit: z.literal('micro-TAG'), rounding: z.literal('down'), factorDecimals: z.literal(6), tokenDecimals: z.literal(18), defaultQuality: z.literal(1) }).strict(),
  ]),
  chain: z.object({
    chainId: z.number().int(),
    tag: address, escrow: address, distributor: address, anchors: address, staking: address,
  }).nullable(),
  epochs: z.array(z.object({ epoch: z.number().int().min(1), anchorRoot: hex32, rulesHash: hex32, anchorCount: z.number().int(), anchorTx: z.string().nullable() })),
  labels: z.array(z.object({
    id: hex32,
    message: z.object({ taskId: z.string().max(128), projectId: z.string().max(128), contentHash: hex32, annotator: address, nonce: decimal, createdAt: decimal }),
    signature: z.string().max(200),
    document: z.unknown(),
    reward: z.object({ baseReward: z.number(), difficulty: z.number(), quality: z.number(), units: decimal }),
    anchor,
    /** The signed reviews of the label, in the order the node recorded them (the last one set its quality). */
    reviews: z.array(exportReview).max(100).default([]),
  })),
});

export type VerifiableExport = z.infer<typeof verifiableExport>;
export type ExportLabel = VerifiableExport['labels'][number];
export type ExportReview = ExportLabel['reviews'][number];
