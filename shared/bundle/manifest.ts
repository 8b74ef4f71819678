// The `.tagger` bundle: one tar archive whose first entry is manifest.json (every other file's path, SHA-256 and
// size, what the bundle carries), whose second is signature.json (the exporting wallet's EIP-712 signature over
// keccak256 of the manifest's exact bytes), then the record files and media the manifest lists.
import { z } from 'zod';
import * as s from '../api/schemas.ts';

/** The format this code writes; a manifest with a higher number is refused (an older app cannot read it). */
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'signature.json';
export const BUNDLE_EXTENSION = '.tagger';

/** Record files, always present (possibly empty arrays), each listed in the manifest with its hash. */
export const RECORD_FILES = {
  assets: 'records/assets.json',
  tasks: 'records/tasks.json',
  objects: 'records/objects.json',
  submissions: 'records/submissions.json',
  reviews: 'records/reviews.json',
  versions: 'records/versions.json',
} as const;
export type RecordKind = keyof typeof RECORD_FILES;

/** Media files are named by their SHA-256: media/<sha256>. */
export function mediaEntry(sha: string): string {
  return `media/${sha}`;
}
export const MEDIA_ENTRY_RE = /^media\/([0-9a-f]{64})$/;

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address');

export const manifestFile = z.object({
  path: z.string().min(1).max(4096),
  sha256: s.sha256,
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type ManifestFile = z.infer<typeof manifestFile>;

export const bundleProject = z.object({
  id: s.id,
  name: s.name,
  schema: s.labelSchema,
  instructions: z.string().max(200_000),
  policy: s.projectPolicy,
});
export type BundleProject = z.infer<typeof bundleProject>;

/** Only the version is read before the rest is validated, so a newer format is refused as such, not as "malformed". */
export const manifestVersion = z.object({ format: z.number().int().min(1) });

export const bundleManifest = z.object({
  format: z.number().int().min(1),
  app: z.string().max(100),
  exporter: address,
  createdAt: z.number().int().min(0),
  project: bundleProject,
  /** What the exporter chose, for people reading `tagger bundle verify`. */
  withMedia: z.boolean(),
  counts: z.object({ tasks: z.number().int().min(0), assets: z.number().int().min(0), objects: z.number().int().min(0), submissions: z.number().int().min(0), reviews: z.number().int().min(0) }),
  files: z.array(manifestFile).max(2_000_000),
});
export type BundleManifest = z.infer<typeof bundleManifest>;

export const bundleSignature = z.object({
  signer: address,
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'expected a 65-byte signature'),
});
export type BundleSignature = z.infer<typeof bundleSignature>;
