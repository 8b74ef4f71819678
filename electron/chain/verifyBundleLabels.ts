// `tagger verify` on a signed bundle (.tagger): the bundle's own checks (electron/bundles/verify.ts: manifest
// signature, file hashes, every submission's and review's signature), reported label by label like an export:
// who made each signed label and who reviewed it. A bundle carries no anchors or rewards; the report says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBundle, type VerifyReport as BundleReport } from '../bundles/verify.ts';
import type { BundleProblem } from '../../shared/bundle/problems.ts';

export interface BundleLabel {
  id: string;
  taskId: string;
  ok: boolean;
  signer: string | null;
  reviews: { reviewer: string; verdict: string }[];
  problems: string[];
}

export interface BundleLabelsReport {
  ok: boolean;
  bundle: BundleReport;
  labels: BundleLabel[];
  /** Problems not about one label (the archive, the manifest, its signature, unsigned reviews). */
  problems: BundleProblem[];
}

/** Reads the bundle into a temporary staging directory (removed after) and reports it label by label. */
export async function verifyBundleLabels(file: string): Promise<BundleLabelsReport> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-verify-'));
  try {
    // a third party's check: who signed the bundle is reported, not judged against this machine's trusted keys
    const { report, records } = await verifyBundle(file, { stagingDir: path.join(staging, 'bundle'), isTrusted: () => true });
    const about = new Map<string, string[]>();
    const general: BundleProblem[] = [];
    for (const p of report.problems) {
      const m = /^(submission|review) (0x[0-9a-fA-F]+|\S+)$/.exec(p.where ?? '');
      if (m) about.set(p.where!, [...(about.get(p.where!) ?? []), p.message]);
      else general.push(p);
    }
    const labels = (records?.submissions ?? []).map((s): BundleLabel => {
      const reviews = records!.reviews.filter((r) => r.signature && r.submissionIds.some((id) => id.toLowerCase() === s.id.toLowerCase()));
      const problems = [...(about.get(`submission ${s.id}`) ?? []), ...reviews.flatMap((r) => about.get(`review ${r.id}`) ?? [])];
      return {
        id: s.id,
        taskId: s.message.taskId,
        ok: problems.length === 0,
        signer: about.has(`submission ${s.id}`) ? null : s.message.annotator.toLowerCase(),
        reviews: reviews.map((r) => ({ reviewer: r.reviewer.toLowerCase(), verdict: r.verdict })),
        problems,
      };
    });
    // problems of reviews that name no label of the bundle still fail it
    const shown = new Set(labels.flatMap((l) => l.problems));
    for (const [where, msgs] of about) if (where.startsWith('review ')) for (const m of msgs) if (!shown.has(m)) general.push({ code: 'bad_signature', message: m, where });
    return { ok: report.ok, bundle: report, labels, problems: general };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Whether a file is a bundle (a gzip or tar archive) rather than a JSON export. */
export function looksLikeBundle(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = fs.readSync(fd, head, 0, 512, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
    return n >= 262 && head.toString('latin1', 257, 262) === 'ustar';
  } finally {
    fs.closeSync(fd);
  }
}
