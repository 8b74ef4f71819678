// Pure checks on what a bundle declares: entry names, the manifest's file list and limits, the records' references.
// The archive reader (electron/bundles) applies them while streaming; nothing here touches a file.
import { BUNDLE_FORMAT_VERSION, MANIFEST_ENTRY, MEDIA_ENTRY_RE, RECORD_FILES, SIGNATURE_ENTRY, type BundleManifest } from './manifest.ts';
import { problem, type BundleProblem } from './problems.ts';
import type { BundleRecords } from './records.ts';
import { formatBytes } from '../bytes.ts';

export interface BundleLimits {
  /** Most bytes the archive may expand to (all entries and tar headers together). */
  maxTotalBytes: number;
  /** Most bytes of manifest.json and signature.json, read before anything is known. */
  maxManifestBytes: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxTotalBytes: 64 * 1024 ** 3,
  maxManifestBytes: 256 * 1024 ** 2,
  maxEntries: 2_000_000,
};

/** A tar entry costs its data rounded up to 512 bytes plus a 512-byte header (and a pax header for long names). */
export function tarBytes(size: number): number {
  return 1536 + Math.ceil(size / 512) * 512;
}

/**
 * Refuses names that could land outside the target or mean different files on different systems: `..`, absolute
 * paths, drive letters, backslashes, NUL and control characters, empty or `.` segments. Entries are never written
 * under these names (staging uses numbers), but a bundle that contains one is hostile and refused whole.
 */
export function checkEntryName(name: string): BundleProblem | null {
  const bad = (why: string) => problem('path_escape', `The entry "${printable(name)}" ${why}; a bundle never contains such a path, so this file is refused.`, printable(name));
  if (name.length === 0) return bad('has an empty name');
  if (name.length > 300) return bad('has a name longer than 300 characters');
  if (/[\u0000-\u001f\u007f]/.test(name)) return bad('contains a NUL or control character');
  if (name.includes('\\')) return bad('contains a backslash');
  if (name.startsWith('/')) return bad('is an absolute path');
  if (/^[A-Za-z]:/.test(name)) return bad('starts with a drive letter');
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return bad('climbs out of the bundle with ".."');
  if (parts.some((p) => p === '' || p === '.')) return bad('has an empty or "." path segment');
  return null;
}

export function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).slice(0, 300);
}

/** The format number alone, checked before the rest of the manifest is read. */
export function checkFormatVersion(format: number): BundleProblem | null {
  if (format > BUNDLE_FORMAT_VERSION)
    return problem('format_too_new', `This bundle was written in bundle format ${format}; this Tagger Workstation reads format ${BUNDLE_FORMAT_VERSION} and older. Update the app on this machine, then import it again.`, MANIFEST_ENTRY);
  return null;
}

/** Checks the manifest's file list against itself and the limits; returns every problem found. */
export function checkManifestFiles(manifest: BundleManifest, limits: BundleLimits): BundleProblem[] {
  const out: BundleProblem[] = [];
  const seen = new Set<string>();
  let total = tarBytes(0) * 3;
  for (const f of manifest.files) {
    const bad = checkEntryName(f.path);
    if (bad) out.push(bad);
    if (f.path === MANIFEST_ENTRY || f.path === SIGNATURE_ENTRY) out.push(problem('bad_manifest', `The manifest lists ${f.path} among its files; it cannot hash itself.`, f.path));
    if (seen.has(f.path)) out.push(problem('duplicate_entry', `The manifest lists ${printable(f.path)} twice.`, printable(f.path)));
    seen.add(f.path);
    const media = MEDIA_ENTRY_RE.exec(f.path);
    if (media && media[1] !== f.sha256) out.push(problem('bad_hash', `The manifest names ${f.path} but gives it the hash ${f.sha256}: media files are named by their SHA-256.`, f.path));
    total += tarBytes(f.size);
  }
  for (const rec of Object.values(RECORD_FILES)) if (!seen.has(rec)) out.push(problem('bad_manifest', `The manifest does not list ${rec}, which every bundle has.`, rec));
  if (manifest.files.length + 2 > limits.maxEntries) out.push(problem('too_large', `The bundle has ${manifest.files.length} files, more than the ${limits.maxEntries} allowed.`));
  if (total > limits.maxTotalBytes)
    out.push(problem('too_large', `The bundle would expand to ${formatBytes(total)}, past the limit of ${formatBytes(limits.maxTotalBytes)}. It was not unpacked.`));
  return out;
}

/** Most bytes a well-formed archive of this manifest can be once decompressed (anything past it is a bomb). */
export function expectedArchiveBytes(manifest: BundleManifest, manifestSize: number, signatureSize: number): number {
  let total = tarBytes(manifestSize) + tarBytes(signatureSize) + 10240; // end blocks and record padding
  for (const f of manifest.files) total += tarBytes(f.size);
  return total;
}

/** References between records, and what the manifest says the bundle holds. */
export function checkRecords(manifest: BundleManifest, r: BundleRecords, mediaInBundle: ReadonlySet<string>): BundleProblem[] {
  const out: BundleProblem[] = [];
  const dup = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) out.push(problem('bad_record', `The ${kind} record ${id} appears twice in the bundle.`, id));
      seen.add(id);
    }
  };
  dup('asset', r.assets.map((a) => a.id));
  dup('task', r.tasks.map((t) => t.id));
  dup('object', r.objects.map((o) => `${o.taskId}/${o.annotator}/${o.id}`));
  dup('submission', r.submissions.map((x) => x.id));
  dup('review', r.reviews.map((x) => x.id));
  const assets = new Map(r.assets.map((a) => [a.id, a]));
  const tasks = new Set(r.tasks.map((t) => t.id));
  for (const t of r.tasks) if (!assets.has(t.assetId)) out.push(problem('bad_record', `Task ${t.id} refers to asset ${t.assetId}, which the bundle does not describe.`, t.id));
  for (const o of r.objects) if (!tasks.has(o.taskId)) out.push(problem('bad_record', `Object ${o.id} belongs to task ${o.taskId}, which is not in the bundle.`, o.id));
  for (const x of r.submissions) if (!tasks.has(x.taskId)) out.push(problem('bad_record', `Submission ${x.id} is for task ${x.taskId}, which is not in the bundle.`, x.id));
  for (const x of r.versions) if (!tasks.has(x.taskId)) out.push(problem('bad_record', `A version by ${x.annotator} is for task ${x.taskId}, which is not in the bundle.`, x.taskId));
  dup('version', r.versions.map((x) => `${x.taskId}/${x.annotator}`));
  for (const x of r.reviews) if (!tasks.has(x.taskId)) out.push(problem('bad_record', `Review ${x.id} is for task ${x.taskId}, which is not in the bundle.`, x.id));
  for (const sha of mediaInBundle) {
    const a = assets.get(sha);
    if (!a) out.push(problem('bad_record', `media/${sha} is in the bundle but no asset record describes it.`, `media/${sha}`));
  }
  const sizes = new Map(manifest.files.map((f) => [f.path, f.size]));
  for (const a of r.assets) {
    const size = sizes.get(`media/${a.id}`);
    if (size !== undefined && size !== a.size) out.push(problem('bad_record', `Asset ${a.id} says it is ${a.size} bytes but its media file is ${size}.`, a.id));
  }
  const c = manifest.counts;
  const got = { tasks: r.tasks.length, assets: r.assets.length, objects: r.objects.length, submissions: r.submissions.length, reviews: r.reviews.length };
  for (const k of Object.keys(got) as (keyof typeof got)[])
    if (c[k] !== got[k]) out.push(problem('bad_manifest', `The manifest counts ${c[k]} ${k} but the bundle holds ${got[k]}.`, k));
  return out;
}
