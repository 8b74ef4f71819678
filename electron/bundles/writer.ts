// Writes a `.tagger` bundle: manifest.json (every file's SHA-256 and size), signature.json, the record files and
// the media, streamed into a temporary file beside the destination and renamed into place when complete, so a
// cancelled or failed export never leaves a half-written bundle under the chosen name.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { once } from 'node:events';
import * as tar from 'tar-stream';
import { TaggerError } from '../../shared/errors.ts';
import { BUNDLE_FORMAT_VERSION, MANIFEST_ENTRY, RECORD_FILES, SIGNATURE_ENTRY, mediaEntry, type BundleManifest, type ManifestFile, type RecordKind } from '../../shared/bundle/manifest.ts';
import type { Signer } from '../wallet/walletService.ts';
import type { MediaStore } from '../media/mediaStore.ts';
import type { Collected } from './collect.ts';
import { signManifest } from './signature.ts';

/** Media files up to this size are read whole instead of streamed. */
const SMALL_FILE = 1 << 20;

export interface WriteOptions {
  out: string;
  withMedia: boolean;
  signer: Signer;
  /** Where the media files are (the workstation's media store, or a node's asset files). */
  media: Pick<MediaStore, 'root' | 'pathOf'>;
  app: string;
  now: number;
  signal?: AbortSignal;
  progress?: (done: number, total: number) => void;
}

export interface WriteResult {
  path: string;
  bytes: number;
  manifest: BundleManifest;
}

export async function writeBundle(c: Collected, opts: WriteOptions): Promise<WriteResult> {
  const out = path.resolve(opts.out);
  if (!fs.existsSync(path.dirname(out))) throw new TaggerError('not_found', `The folder ${path.dirname(out)} does not exist. Create it or choose another --out.`, { path: out });
  const records = (Object.keys(RECORD_FILES) as RecordKind[]).map((k) => {
    const bytes = Buffer.from(JSON.stringify(c.records[k]));
    return { path: RECORD_FILES[k], bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
  });
  const media: { path: string; file: string; sha256: string; size: number }[] = [];
  if (opts.withMedia) {
    for (const a of c.records.assets) {
      const file = opts.media.pathOf(a.id);
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        throw new TaggerError('not_found', `The media file of asset ${a.id} (${a.originalName}) is missing from ${opts.media.root}. Import it again, or export with --no-media.`, { asset: a.id });
      }
      media.push({ path: mediaEntry(a.id), file, sha256: a.id, size });
    }
  }
  const files: ManifestFile[] = [...records.map((r) => ({ path: r.path, sha256: r.sha256, size: r.bytes.length })), ...media.map((m) => ({ path: m.path, sha256: m.sha256, size: m.size }))];
  const r = c.records;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT_VERSION,
    app: opts.app,
    exporter: opts.signer.address,
    createdAt: opts.now,
    project: c.project,
    withMedia: opts.withMedia,
    counts: { tasks: r.tasks.length, assets: r.assets.length, objects: r.objects.length, submissions: r.submissions.length, reviews: r.reviews.length },
    files,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const signatureBytes = Buffer.from(JSON.stringify({ signer: opts.signer.address, signature: signManifest(opts.signer, manifestBytes, manifest) }));
  const total = files.reduce((n, f) => n + f.size, manifestBytes.length + signatureBytes.length);

  const tmp = `${out}.partial-${crypto.randomBytes(4).toString('hex')}`;
  const pack = tar.pack();
  const sink = fs.createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 });
  const sinkDone = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(sink);
  let done = 0;
  const mtime = new Date(opts.now);
  const put = (name: string, bytes: Buffer) =>
    new Promise<void>((resolve, reject) => {
      pack.entry({ name, size: bytes.length, mtime, mode: 0o644 }, bytes, (e) => (e ? reject(e) : resolve()));
      done += bytes.length;
      opts.progress?.(done, total);
    });
  try {
    await put(MANIFEST_ENTRY, manifestBytes);
    await put(SIGNATURE_ENTRY, signatureBytes);
    for (const rec of records) await put(rec.path, rec.bytes);
    for (const m of media) {
      if (opts.signal?.aborted) throw new TaggerError('cancelled', 'The bundle export was cancelled; no file was written.');
      // A small file (a text, a thumbnail) is read in one call: a stream per file cost milliseconds each, which
      // made exporting 1,000 short documents take seconds.
      if (m.size <= SMALL_FILE) {
        const bytes = fs.readFileSync(m.file);
        if (bytes.length !== m.size) throw new TaggerError('io', `The media file of ${m.path} changed size while it was exported; export again.`, { path: m.file });
        await put(m.path, bytes);
        continue;
      }
      const entry = pack.entry({ name: m.path, size: m.size, mtime, mode: 0o644 });
      const entryDone = new Promise<void>((resolve, reject) => {
        entry.on('finish', resolve);
        entry.on('close', resolve);
        entry.on('error', reject);
      });
      for await (const chunk of fs.createReadStream(m.file, { highWaterMark: 1 << 20 })) {
        if (opts.signal?.aborted) throw new TaggerError('cancelled', 'The bundle export was cancelled; no file was written.');
        if (!entry.write(chunk as Buffer)) await once(entry, 'drain');
        done += (chunk as Buffer).length;
        opts.progress?.(done, total);
      }
      (entry as unknown as { end(): void }).end();
      await entryDone;
    }
    if (opts.signal?.aborted) throw new TaggerError('cancelled', 'The bundle export was cancelled; no file was written.');
    pack.finalize();
    await sinkDone;
    fs.renameSync(tmp, out);
  } catch (e) {
    pack.destroy();
    sink.destroy();
    fs.rmSync(tmp, { force: true });
    if (e instanceof TaggerError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new TaggerError('io', `The disk holding ${out} is full. Free some space and export again; no bundle was written.`, { path: out });
    throw new TaggerError('io', `Could not write the bundle ${out} (${code ?? (e as Error).message}).`, { path: out });
  }
  return { path: out, bytes: fs.statSync(out).size, manifest };
}
