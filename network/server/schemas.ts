// Request bodies of the node API v1 (docs: /work/brief/NETWORK_API.md). Every field is bounded: the node is on
// a network and its clients are not trusted.
import { z } from 'zod';

export const MAX_ITEMS_PER_BATCH = 5000;
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'an address is 0x followed by 40 hex digits');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');
const kind = z.enum(['image', 'audio', 'text']);
const id = z.string().min(1).max(128);

export const publishBody = z.object({
  name: z.string().trim().min(1, 'a project name is required').max(200),
  schema: z.record(z.string(), z.unknown()).default({}),
  instructions: z.string().max(100_000).default(''),
  redundancy: z.number().int().min(1).max(100),
  baseReward: z.number().min(0).max(1e12),
  /** Added: annotators below this reputation (0..1) are not offered the project's tasks. */
  minReputation: z.number().min(0).max(1).default(0),
  /** Added: how long a lease lasts before the task is re-offered (default 30 minutes). */
  leaseSeconds: z.number().min(1).max(30 * 24 * 3600).default(1800),
  assets: z.array(z.object({
    sha256,
    kind,
    mime: z.string().min(1).max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'a MIME type such as image/png'),
    name: z.string().min(1).max(500),
    difficulty: z.number().min(0.01).max(1000).default(1),
  })).min(1, 'a project needs at least one asset').max(100_000),
});

export const leaseBody = z.object({
  annotator: address,
  kinds: z.array(kind).min(1).max(3),
  max: z.number().int().min(1).max(1000),
  /** Advisory only: the node matches against its own record of the annotator's reputation. */
  reputation: z.number().min(0).max(1).optional(),
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
