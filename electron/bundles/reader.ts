// Streams a `.tagger` archive into a staging folder, treating every byte as hostile: entry names are checked but
// never used as paths (staged files are numbered), links and non-files are refused, each entry must be listed in
// the signed manifest with its exact size, and the bytes read (after gunzip, when the file is gzipped) may not pass
// what the manifest allows. Structural problems stop the read at once; hash mismatches are collected so
// `tagger bundle verify` can list them all.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { TaggerError } from '../../shared/errors.ts';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY, bundleManifest, bundleSignature, manifestVersion, type BundleManifest, type BundleSignature } from '../../shared/bundle/manifest.ts';
import { checkEntryName, checkFormatVersion, checkManifestFiles, expectedArchiveBytes, printable, type BundleLimits } from '../../shared/bundle/checks.ts';
import { problem, type BundleProblem } from '../../shared/bundle/problems.ts';
import { formatBytes } from '../../shared/bytes.ts';

const MAX_SIGNATURE_BYTES = 64 * 1024;

export interface StagedBundle {
  dir: string;
  manifest: BundleManifest;
  manifestBytes: Buffer;
  signature: BundleSignature;
  /** Archive path → staged file. */
  files: Map<string, string>;
}

export interface ReadOptions {
  stagingDir: string;
  limits: BundleLimits;
  signal?: AbortSignal;
  /** Bytes of the bundle file read so far, and its size. */
  progress?: (done: number, total: number) => void;
}

export type ReadResult = { staged: StagedBundle; problems: BundleProblem[] } | { staged: null; problems: BundleProblem[] };

/** Thrown inside the read to stop it with one clear reason. */
class Refusal extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}

export async function readBundle(file: string, opts: ReadOptions): Promise<ReadResult> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new TaggerError('not_found', `Cannot read the bundle ${file} (${(e as NodeJS.ErrnoException).code}).`, { path: file });
  }
  if (!st.isFile()) throw new TaggerError('invalid_argument', `${file} is not a file. Give the path of a .tagger bundle.`, { path: file });
  const gzipped = startsWithGzip(file);
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let readBytes = 0;
  input.on('data', (c) => {
    readBytes += c.length;
    opts.progress?.(readBytes, st.size);
  });
  // The expansion limit starts at what a manifest and a signature may take and widens once the manifest is known.
  let limit = Math.min(opts.limits.maxTotalBytes, opts.limits.maxManifestBytes + MAX_SIGNATURE_BYTES + 8192);
  let expanded = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      expanded += chunk.length;
      if (expanded > limit) cb(new Refusal(problem('too_large', `The bundle expands past ${formatBytes(limit)}, more than its manifest allows: it looks like an archive bomb and was not unpacked.`)));
      else cb(null, chunk);
    },
  });
  const source: Readable = gzipped ? input.pipe(zlib.createGunzip()) : input;
  const extract = tar.extract();
  const fail = (e: unknown) => extract.destroy(e instanceof Error ? e : new Error(String(e)));
  source.on('error', fail);
  counter.on('error', fail);
  input.on('error', fail);
  source.pipe(counter).pipe(extract as unknown as NodeJS.WritableStream);
  const onAbort = () => fail(new TaggerError('cancelled', 'Reading the bundle was cancelled.'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const problems: BundleProblem[] = [];
  const files = new Map<string, string>();
  let manifest: BundleManifest | null = null;
  let manifestBytes: Buffer | null = null;
  let signature: BundleSignature | null = null;
  let declared = new Map<string, { sha256: string; size: number }>();
  let index = 0;
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const name = h.name;
      if (h.type === 'symlink' || h.type === 'link')
        throw new Refusal(problem('link_entry', `The entry "${printable(name)}" is a ${h.type === 'symlink' ? 'symbolic' : 'hard'} link (to "${printable(h.linkname ?? '')}"); bundles hold only plain files, so it is refused.`, printable(name)));
      const badName = checkEntryName(name);
      if (badName) throw new Refusal(badName);
      if (h.type !== 'file') throw new Refusal(problem('not_a_file', `The entry "${printable(name)}" is a ${h.type}, not a file; bundles hold only plain files.`, printable(name)));
      if (index === 0) {
        if (name !== MANIFEST_ENTRY) throw new Refusal(problem('not_a_bundle', `The archive starts with "${printable(name)}", not ${MANIFEST_ENTRY}: it is not a Tagger bundle.`, printable(name)));
        manifestBytes = await readSmall(entry, opts.limits.maxManifestBytes, name);
        manifest = parseManifest(manifestBytes, opts.limits);
        declared = new Map(manifest.files.map((f) => [f.path, { sha256: f.sha256, size: f.size }]));
      } else if (index === 1) {
        if (name !== SIGNATURE_ENTRY) throw new Refusal(problem('bad_signature', `The bundle has no ${SIGNATURE_ENTRY} after its manifest: it is unsigned, so it is refused.`, printable(name)));
        const bytes = await readSmall(entry, MAX_SIGNATURE_BYTES, name);
        const parsed = bundleSignature.safeParse(parseJson(bytes, name));
        if (!parsed.success) throw new Refusal(problem('bad_signature', `${SIGNATURE_ENTRY} is malformed (${parsed.error.issues[0]?.message}).`, SIGNATURE_ENTRY));
        signature = parsed.data;
        limit = Math.min(opts.limits.maxTotalBytes, expectedArchiveBytes(manifest!, manifestBytes!.length, bytes.length));
      } else {
        if (name === MANIFEST_ENTRY || name === SIGNATURE_ENTRY || files.has(name))
          throw new Refusal(problem('duplicate_entry', `The entry "${printable(name)}" appears twice in the archive; which copy is meant cannot be told, so the bundle is refused.`, printable(name)));
        const want = declared.get(name);
        if (!want) throw new Refusal(problem('unlisted_entry', `The entry "${printable(name)}" is not listed in the signed manifest, so nothing vouches for it.`, printable(name)));
        if (h.size !== want.size)
          throw new Refusal(problem('size_mismatch', `The entry ${name} is ${h.size} bytes but the manifest declares ${want.size}${h.size > want.size ? ' (larger than declared)' : ''}.`, name));
        if (files.size + 3 > opts.limits.maxEntries) throw new Refusal(problem('too_large', `The bundle has more than ${opts.limits.maxEntries} entries.`));
        const staged = path.join(opts.stagingDir, String(index));
        const got = await stageEntry(entry, staged, want.size, name);
        files.set(name, staged);
        if (got !== want.sha256) problems.push(problem('bad_hash', `The SHA-256 of ${name} is ${got}, not ${want.sha256} as the signed manifest says: the file was altered or damaged.`, name));
      }
      index++;
    }
  } catch (e) {
    input.destroy();
    if (e instanceof Refusal) return { staged: null, problems: [...problems, e.problem] };
    if (e instanceof TaggerError && e.code === 'cancelled') throw e;
    if (opts.signal?.aborted) throw new TaggerError('cancelled', 'Reading the bundle was cancelled.');
    return { staged: null, problems: [...problems, problem('not_a_bundle', `${path.basename(file)} is not a readable bundle archive (${(e as Error).message}).`)] };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (!manifest || !manifestBytes) return { staged: null, problems: [problem('not_a_bundle', `${path.basename(file)} is empty or not a tar archive: it has no ${MANIFEST_ENTRY}.`)] };
  if (!signature) return { staged: null, problems: [problem('bad_signature', `The bundle has no ${SIGNATURE_ENTRY}: it is unsigned, so it is refused.`)] };
  for (const f of manifest.files) if (!files.has(f.path)) problems.push(problem('missing_entry', `The manifest lists ${f.path} but the archive does not contain it (the bundle is incomplete).`, f.path));
  return { staged: { dir: opts.stagingDir, manifest, manifestBytes, signature, files }, problems };
}

function startsWithGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return fs.readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new Refusal(problem(name === MANIFEST_ENTRY ? 'bad_manifest' : 'bad_signature', `${name} is not valid JSON (${(e as Error).message}).`, name));
  }
}

function parseManifest(bytes: Buffer, limits: BundleLimits): BundleManifest {
  const raw = parseJson(bytes, MANIFEST_ENTRY);
  const v = manifestVersion.safeParse(raw);
  if (!v.success) throw new Refusal(problem('bad_manifest', `${MANIFEST_ENTRY} has no valid format number.`, MANIFEST_ENTRY));
  const newer = checkFormatVersion(v.data.format);
  if (newer) throw new Refusal(newer);
  const m = bundleManifest.safeParse(raw);
  if (!m.success) {
    const i = m.error.issues[0];
    throw new Refusal(problem('bad_manifest', `${MANIFEST_ENTRY} is malformed at ${i?.path.join('.') || 'the top'}: ${i?.message}.`, MANIFEST_ENTRY));
  }
  const bad = checkManifestFiles(m.data, limits);
  if (bad.length) throw new Refusal(bad.find((p) => p.code === 'too_large') ?? bad[0]);
  return m.data;
}

async function readSmall(entry: AsyncIterable<unknown> & { header: { size?: number } }, max: number, name: string): Promise<Buffer> {
  if ((entry.header.size ?? 0) > max) throw new Refusal(problem('too_large', `${name} is ${formatBytes(entry.header.size ?? 0)}, more than the ${formatBytes(max)} allowed.`, name));
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of entry) {
    const c = chunk as Buffer;
    n += c.length;
    if (n > max) throw new Refusal(problem('too_large', `${name} is larger than the ${formatBytes(max)} allowed.`, name));
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/** Copies one entry to its staged file while hashing it; never writes more than the declared size. */
async function stageEntry(entry: AsyncIterable<unknown>, dest: string, declared: number, name: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(dest, 'wx');
  let n = 0;
  try {
    for await (const chunk of entry) {
      const c = chunk as Buffer;
      n += c.length;
      if (n > declared) throw new Refusal(problem('size_mismatch', `The entry ${name} holds more bytes than the ${declared} declared (larger than declared).`, name));
      hash.update(c);
      let off = 0;
      while (off < c.length) off += fs.writeSync(fd, c, off);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (n !== declared) throw new Refusal(problem('size_mismatch', `The entry ${name} ends after ${n} of its ${declared} declared bytes (truncated).`, name));
  return hash.digest('hex');
}
