// Signed `.tagger` bundles in and out, and the trusted-keys list that decides whose bundles are imported.
// Paths are on the machine the core runs on (as for format import/export).
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { BundleProblem } from '../bundle/problems.ts';

export interface BundleExportReport {
  path: string;
  bytes: number;
  tasks: number;
  assets: number;
  objects: number;
  submissions: number;
  reviews: number;
  withMedia: boolean;
  signer: string;
}

export interface BundleSignerSummary {
  address: string;
  submissions: number;
  reviews: number;
}

export interface BundleVerifyReport {
  file: string;
  ok: boolean;
  problems: BundleProblem[];
  signer?: string;
  trusted?: boolean;
  project?: { id: string; name: string };
  format?: number;
  createdAt?: number;
  counts?: { tasks: number; assets: number; objects: number; submissions: number; reviews: number };
  withMedia?: boolean;
  signers: BundleSignerSummary[];
}

export interface BundleImportReport {
  projectId: string;
  projectName: string;
  projectCreated: boolean;
  signer: string;
  tasks: { added: number; existing: number };
  assets: { added: number; existing: number };
  objects: { added: number; existing: number; keptLocal: number };
  submissions: { added: number; existing: number };
  reviews: { added: number; existing: number };
  /** Tasks flagged for review: one annotator signed two different versions (both are kept). */
  flagged: { taskId: string; annotator: string; versions: number }[];
}

export interface TrustedKeyInfo {
  address: string;
  name: string;
  addedAt: number;
}

export const address = z.string().trim().regex(/^0x[0-9a-fA-F]{40}$/, 'a wallet address is 0x followed by 40 hex digits');

export const bundlesApi = {
  export: returns<BundleExportReport>()(z.tuple([s.id, s.localPath('write'), z.object({ withMedia: z.boolean(), taskIds: z.array(s.id).max(1_000_000).optional() }).strict()])),
  verify: returns<BundleVerifyReport>()(z.tuple([s.localPath('read')])),
  import: returns<BundleImportReport>()(z.tuple([s.localPath('read')])),
  trustedKeys: returns<TrustedKeyInfo[]>()(z.tuple([])),
  trust: returns<TrustedKeyInfo[]>()(z.tuple([address, z.string().max(200).optional()])),
  untrust: returns<TrustedKeyInfo[]>()(z.tuple([address])),
  /** Bundle files the app was asked to open (double-click, or named on the command line), each returned once. */
  opened: returns<string[]>()(z.tuple([])),
};
