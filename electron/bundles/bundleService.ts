// Export, verify and import of signed bundles for one data directory. Import verifies everything into a staging
// folder first and writes the store (one transaction) only when no check failed; a refused bundle leaves the
// store as it was, byte for byte, and its staging folder is removed whatever happens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { MediaStore } from '../media/mediaStore.ts';
import type { Signer } from '../wallet/walletService.ts';
import type { JobContext } from '../core/jobs.ts';
import type { BundleExportReport, BundleImportReport, BundleVerifyReport } from '../../shared/api/bundles.ts';
import { DEFAULT_LIMITS, type BundleLimits } from '../../shared/bundle/checks.ts';
import { collectProject } from './collect.ts';
import { writeBundle } from './writer.ts';
import { refusal, verifyBundle, type VerifyReport } from './verify.ts';
import { applyMerge, planMerge } from './merge.ts';
import { sameAddress } from './signature.ts';
import type { TrustedKeys } from './trustedKeys.ts';
import type { SignedItemChecks } from './signedItems.ts';

export interface BundleDeps {
  db: Db;
  media: MediaStore;
  trusted: TrustedKeys;
  now: () => number;
  appVersion: string;
  /** The unlocked wallet (throws 'locked' with a message saying to unlock it). */
  signer: () => Signer;
  /** The local wallet's address, readable while locked; null without a wallet. */
  localAddress: () => string | null;
  limits?: BundleLimits;
  /** How signed items are checked (the native kit by default; the bench passes the ethers reference beside it). */
  itemChecks?: SignedItemChecks;
}

export interface ExportOptions {
  projectId: string;
  out: string;
  withMedia: boolean;
  taskIds?: string[];
}

export class BundleService {
  constructor(private readonly d: BundleDeps) {}

  get trusted(): TrustedKeys {
    return this.d.trusted;
  }

  isTrusted = (address: string): boolean => {
    const local = this.d.localAddress();
    return (local !== null && sameAddress(local, address)) || this.d.trusted.has(address);
  };

  async exportBundle(opts: ExportOptions, ctx?: JobContext): Promise<BundleExportReport> {
    const signer = this.d.signer(); // a locked wallet fails before any work
    const collected = collectProject(this.d.db, opts.projectId, signer.address, opts.taskIds);
    const r = await writeBundle(collected, {
      out: opts.out, withMedia: opts.withMedia, signer, media: this.d.media, app: `tagger-workstation ${this.d.appVersion}`, now: this.d.now(),
      signal: ctx?.signal, progress: ctx ? (done, total) => ctx.progress(done, total, 'Writing bundle') : undefined,
    });
    const c = r.manifest.counts;
    return { path: r.path, bytes: r.bytes, ...c, withMedia: opts.withMedia, signer: signer.address };
  }

  /** Checks a bundle completely without writing anything to the store. */
  async verify(file: string, ctx?: JobContext): Promise<BundleVerifyReport> {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-verify-'));
    try {
      const v = await verifyBundle(path.resolve(file), this.verifyOptions(staging, ctx));
      return summarize(v.report);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  async importBundle(file: string, ctx?: JobContext): Promise<BundleImportReport> {
    // Staging sits inside the media store so verified media move into place by rename, on the same disk.
    const staging = path.join(this.d.media.root, 'tmp', `bundle-${crypto.randomBytes(6).toString('hex')}`);
    try {
      const v = await verifyBundle(path.resolve(file), this.verifyOptions(staging, ctx));
      if (!v.report.ok || !v.staged || !v.records) throw refusal(v.report);
      ctx?.throwIfCancelled();
      const deps = { db: this.d.db, media: this.d.media, now: this.d.now, localAddress: this.d.localAddress() };
      const blocked = planMerge(deps, v.staged.manifest, v.records, v.staged);
      if (blocked.length) throw refusal({ ...v.report, ok: false, problems: blocked });
      ctx?.throwIfCancelled();
      // Past this point the import runs to the end: the transaction is short and all-or-nothing.
      const merged = applyMerge(deps, v.staged.manifest, v.records, v.staged);
      return { ...merged, signer: v.report.signer! };
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }

  private verifyOptions(stagingDir: string, ctx?: JobContext) {
    return { stagingDir, isTrusted: this.isTrusted, limits: this.d.limits ?? DEFAULT_LIMITS, checks: this.d.itemChecks, signal: ctx?.signal, progress: ctx ? (done: number, total: number) => ctx.progress(done, total, 'Checking bundle') : undefined };
  }
}

export function summarize(r: VerifyReport): BundleVerifyReport {
  const m = r.manifest;
  return {
    file: r.file, ok: r.ok, problems: r.problems, signer: r.signer, trusted: r.trusted, signers: r.signers,
    ...(m ? { project: { id: m.project.id, name: m.project.name }, format: m.format, createdAt: m.createdAt, counts: m.counts, withMedia: m.withMedia } : {}),
  };
}
