// Request bodies of the node API v1 (docs: /work/brief/NETWORK_API.md). Every field is bounded: the node is on
// a network and its clients are not trusted.
import { z } from 'zod';

export const MAX_ITEMS_PER_BATCH = 5000;
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address is 0x followed by 40 hex digits');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');
const kind = z.enum(['image', 'audio', 'text']);
const id = z.string().min(1).max(128);

const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, '0x followed by 64 hex digits');
/** TAG amounts are decimal strings in signed messages, so every signer and verifier reads the same number. */
const amount = z.string().regex(/^(0|[1-9][0-9]{0,17})(\.[0-9]{1,18})?$/, 'a decimal amount such as "2.5"');

export const MAX_PROJECT_ASSETS = 100_000;
export const MAX_ASSET_BYTES = 1024 * 1024 * 1024;

/** A project manifest signed by its requester (shared/signing/typedData.ts PROJECT_TYPES) and what it commits to. */
export const publishBody = z.object({
  manifest: z.object({
    name: z.string().max(200).refine((n) => n.trim().length > 0, 'a project name is required'),
    requester: address,
    detailsHash: hash32,
    assetsHash: hash32,
    assetCount: z.number().int().min(1).max(MAX_PROJECT_ASSETS),
    redundancy: z.number().int().min(1).max(100),
    baseReward: amount,
    budget: amount,
    minReputation: z.string().regex(/^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$/, 'a reputation from "0" to "1"'),
    leaseSeconds: z.number().int().min(1).max(30 * 24 * 3600),
    nonce: z.string().regex(/^[0-9]{1,78}$/, 'a decimal string of digits'),
    expiresAt: z.string().regex(/^[0-9]{1,20}$/, 'unix milliseconds as a decimal string'),
  }),
  signature: z.string().max(200),
  schema: z.record(z.string(), z.unknown()).default({}),
  instructions: z.string().max(100_000).default(''),
  requirements: z.object({ skills: z.array(z.string().trim().min(1).max(100)).max(50).optional(), minStake: amount.optional() }).strict().default({}),
  assets: z.array(z.object({
    sha256,
    size: z.number().int().min(0).max(MAX_ASSET_BYTES),
    kind,
    mime: z.string().min(1).max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type such as image/png'),
    name: z.string().min(1).max(500),
    difficulty: z.number().min(0.01).max(1000),
  }).strict()).min(1, 'a project needs at least one asset').max(MAX_PROJECT_ASSETS),
});

/** A lease request signed by the annotator (LEASE_TYPES). */
export const leaseBody = z.object({
  message: z.object({
    annotator: address,
    kinds: z.string().max(40),
    skills: z.string().max(2000),
    max: z.number().int().min(1).max(1000),
    nonce: z.string().regex(/^[0-9]{1,78}$/, 'a decimal string of digits'),
    expiresAt: z.string().regex(/^[0-9]{1,20}$/, 'unix milliseconds as a decimal string'),
  }),
  signature: z.string().max(200),
});

export const reviewQueueBody = z.object({
  message: z.object({
    validator: address,
    max: z.number().int().min(1).max(200),
    nonce: z.string().regex(/^[0-9]{1,78}$/, 'a decimal string of digits'),
    expiresAt: z.string().regex(/^[0-9]{1,20}$/, 'unix milliseconds as a decimal string'),
  }),
  signature: z.string().max(200),
});

export const submissionsEnvelope = z.object({ items: z.array(z.unknown()).min(1).max(MAX_ITEMS_PER_BATCH) });

const decimal = (max: number) => z.string().regex(/^[0-9]+$/, 'a decimal string of digits').max(max);

export const submissionItem = z.object({
  message: z.object({
    taskId: id,
    projectId: id,
    contentHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, '0x followed by 64 hex digits'),
    annotator: address,
    nonce: decimal(78),
    createdAt: decimal(20),
  }),
  signature: z.string().max(200),
  document: z.object({
    taskId: id,
    objects: z.array(z.object({
      id: z.string().max(200),
      kind: z.string().max(32),
      label: z.string().max(1000),
      geometry: z.unknown(),
      attributes: z.record(z.string(), z.unknown()),
      origin: z.string().max(32),
    })).max(1_000_000),
  }),
  /** Added: the domain the client signed for; lets the node name a wrong chainId/domain precisely. */
  domain: z.object({ name: z.string().max(100), version: z.string().max(100), chainId: z.number(), verifyingContract: z.string().max(100) }).optional(),
});

/** "items.3.message.nonce: a decimal string of digits" — short, names the field. */
export function describeZodError(e: z.ZodError, prefix = ''): string {
  return e.issues.slice(0, 3).map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`).join('; ');
}
