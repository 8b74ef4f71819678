// The one verification path for bundles, used by `tagger bundle verify`, the app's import and `tagger node import`:
// read the archive into staging (reader.ts), then check the manifest's signature and signer, the records, every
// submission's and review's signature. Returns every problem found; the caller writes nothing unless there is none.
import fs from 'node:fs';
import { TaggerError } from '../../shared/errors.ts';
import { DEFAULT_LIMITS, checkRecords, type BundleLimits } from '../../shared/bundle/checks.ts';
import { MEDIA_ENTRY_RE, RECORD_FILES, type BundleManifest, type RecordKind } from '../../shared/bundle/manifest.ts';
import { RECORD_SCHEMAS, type BundleRecords } from '../../shared/bundle/records.ts';
import { problem, type BundleProblem } from '../../shared/bundle/problems.ts';
import { readBundle, type StagedBundle } from './reader.ts';
import { manifestDigest, recoverSigner, sameAddress } from './signature.ts';
import { nativeItemChecks, type SignedItemChecks } from './signedItems.ts';

export interface SignerSummary {
  address: string;
  submissions: number;
  reviews: number;
}

export interface VerifyReport {
  file: string;
  ok: boolean;
  problems: BundleProblem[];
  /** Present once the manifest could be read. */
  manifest?: BundleManifest;
  /** Who signed the bundle (recovered from the signature), and whether this store trusts them. */
  signer?: string;
  trusted?: boolean;
  /** Who signed the work inside. */
  signers: SignerSummary[];
}

export interface VerifyOptions {
  stagingDir: string;
  /** Is this address on the trusted-keys list (or the local wallet)? */
  isTrusted: (address: string) => boolean;
  limits?: BundleLimits;
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
  /** How signed items are checked: the native kit unless a test or the bench passes the ethers reference. */
  checks?: SignedItemChecks;
}

export interface Verified {
  report: VerifyReport;
  staged: StagedBundle | null;
  records: BundleRecords | null;
}

/** Reads and checks a bundle into opts.stagingDir (created if missing); the caller removes it. */
export async function verifyBundle(file: string, opts: VerifyOptions): Promise<Verified> {
  fs.mkdirSync(opts.stagingDir, { recursive: true });
  const read = await readBundle(file, { stagingDir: opts.stagingDir, limits: opts.limits ?? DEFAULT_LIMITS, signal: opts.signal, progress: opts.progress });
  const problems = [...read.problems];
  const report: VerifyReport = { file, ok: false, problems, signers: [] };
  if (!read.staged) return { report, staged: null, records: null };
  const staged = read.staged;
  report.manifest = staged.manifest;

  const who = recoverSigner(manifestDigest(staged.manifestBytes, staged.manifest), staged.signature.signature);
  if (!who || !sameAddress(who, staged.signature.signer) || !sameAddress(who, staged.manifest.exporter)) {
    problems.push(problem('bad_signature', `The bundle's signature does not match its manifest${who ? ` (it recovers to ${who}, the manifest names ${staged.manifest.exporter})` : ''}: the manifest was altered after signing, or the signature is not the exporter's.`, 'signature.json'));
  } else {
    report.signer = who;
    report.trusted = opts.isTrusted(who);
    if (!report.trusted)
      problems.push(problem('unknown_signer', `The bundle is signed by ${who}, which is not on this machine's trusted-keys list. If you know this wallet, run \`tagger keys trust ${who}\` (or add it under Import/Export → Trusted keys) and import again.`, 'signature.json'));
  }

  const records = loadRecords(staged, problems);
  if (records) {
    const media = new Set<string>();
    for (const p of staged.files.keys()) {
      const m = MEDIA_ENTRY_RE.exec(p);
      if (m) media.add(m[1]);
    }
    problems.push(...checkRecords(staged.manifest, records, media));
    const checks = opts.checks ?? nativeItemChecks;
    const bySigner = new Map<string, SignerSummary>();
    const tally = (address: string, k: 'submissions' | 'reviews') => {
      const key = address.toLowerCase();
      const s = bySigner.get(key) ?? { address, submissions: 0, reviews: 0 };
      s[k]++;
      bySigner.set(key, s);
    };
    for (const x of records.submissions) {
      const bad = checks.submission(x);
      if (bad) problems.push(bad);
      else tally(x.message.annotator, 'submissions');
    }
    for (const x of records.reviews) {
      const bad = checks.review(x);
      if (bad) problems.push(bad);
      else if (x.signature) tally(x.reviewer, 'reviews');
    }
    report.signers = [...bySigner.values()];
  }
  report.ok = problems.length === 0;
  return { report, staged, records: records ?? null };
}

function loadRecords(staged: StagedBundle, problems: BundleProblem[]): BundleRecords | null {
  // Records whose hash did not match are not parsed: their bytes are not what the exporter signed.
  if (problems.some((p) => p.code === 'bad_hash' || p.code === 'missing_entry')) return null;
  const out: Partial<BundleRecords> = {};
  for (const k of Object.keys(RECORD_FILES) as RecordKind[]) {
    const file = staged.files.get(RECORD_FILES[k]);
    if (!file) {
      problems.push(problem('missing_entry', `The bundle has no ${RECORD_FILES[k]}.`, RECORD_FILES[k]));
      return null;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(problem('bad_record', `${RECORD_FILES[k]} is not valid JSON (${(e as Error).message}).`, RECORD_FILES[k]));
      return null;
    }
    const parsed = RECORD_SCHEMAS[k].safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const at = i?.path.length ? `${i.path.slice(0, 12).join('.')}${i.path.length > 12 ? '.…' : ''}` : 'the top';
      problems.push(problem('bad_record', `${RECORD_FILES[k]} is malformed at ${at}: ${i?.message}.`, RECORD_FILES[k]));
      return null;
    }
    (out as Record<string, unknown>)[k] = parsed.data;
  }
  return out as BundleRecords;
}

/** One line per problem, for error messages and the CLI. */
export function describeProblems(problems: BundleProblem[]): string {
  return problems.map((p) => `[${p.code}] ${p.message}`).join('\n');
}

export function refusal(report: VerifyReport): TaggerError {
  const first = report.problems[0];
  const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more problem(s): run \`tagger bundle verify\` to list them)` : '';
  return new TaggerError('corrupt', `The bundle was refused, nothing was imported: ${first?.message ?? 'it failed verification.'}${more}`, { problems: report.problems });
}
