// Generates the hostile-bundle corpus from one good bundle: each case breaks exactly one rule and names the refusal
// it must get. Run as a script to write the cases to a folder (`node --import tsx tests/unit/bundles/hostileCorpus.ts
// GOOD.tagger OUTDIR`), or import buildCorpus from a test. Cases that need a valid signature are re-signed with
// the lead's key, so the check under test, not the signature, is what refuses them.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { Wallet } from 'ethers';
import * as tar from 'tar-stream';
import { rawTar, type RawEntry } from './rawTar.ts';
import { manifestDigest } from '../../../electron/bundles/signature.ts';
import type { ReviewMessage, TaggerDomain } from '../../../shared/signing/typedData.ts';
import { reviewDigest } from '../../../shared/signing/reviewDigest.ts';
import type { BundleManifest } from '../../../shared/bundle/manifest.ts';
import type { BundleProblemCode } from '../../../shared/bundle/problems.ts';
import type { BundleLimits } from '../../../shared/bundle/checks.ts';

export interface HostileCase {
  name: string;
  expect: BundleProblemCode;
  bytes: Buffer;
  /** Tighter limits for the case (bombs), so it is refused in milliseconds. */
  limits?: Partial<BundleLimits>;
}

type Entries = { name: string; data: Buffer }[];

export async function readEntries(file: string): Promise<Entries> {
  const out: Entries = [];
  const ex = tar.extract();
  fs.createReadStream(file).pipe(ex as unknown as NodeJS.WritableStream);
  for await (const e of ex) {
    const chunks: Buffer[] = [];
    for await (const c of e) chunks.push(c as Buffer);
    out.push({ name: e.header.name, data: Buffer.concat(chunks) });
  }
  return out;
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

export function buildCorpus(good: Entries, keys: { lead: string; stranger: string }): HostileCase[] {
  const lead = new Wallet(keys.lead);
  const stranger = new Wallet(keys.stranger);
  const manifest = JSON.parse(good[0].data.toString()) as BundleManifest;
  const clone = (): Entries => good.map((e) => ({ name: e.name, data: Buffer.from(e.data) }));
  const get = (es: Entries, name: string) => es.find((e) => e.name === name)!;
  const firstMedia = manifest.files.find((f) => f.path.startsWith('media/'))!.path;

  /** Rewrites the manifest (after `edit`), rehashes the listed files from the entries and signs it with `signer`. */
  const signed = (es: Entries, edit: (m: BundleManifest) => void = () => undefined, signer: Wallet = lead, rehash = true): Entries => {
    const m = JSON.parse(es[0].data.toString()) as BundleManifest;
    if (rehash) for (const f of m.files) {
      const e = es.find((x) => x.name === f.path);
      if (e) Object.assign(f, { sha256: sha(e.data), size: e.data.length });
    }
    m.exporter = signer.address;
    edit(m);
    const bytes = json(m);
    es[0] = { name: es[0].name, data: bytes };
    es[1] = { name: es[1].name, data: json({ signer: signer.address, signature: signer.signingKey.sign(manifestDigest(bytes, m)).serialized }) };
    return es;
  };
  const tarOf = (es: (RawEntry | { name: string; data: Buffer })[], opts?: { endBlocks?: boolean }) => rawTar(es as RawEntry[], opts);
  /** A good bundle plus one extra entry, listed (signed) in the manifest unless told otherwise. */
  const withExtra = (extra: RawEntry, listed = true): Buffer => {
    const es = clone();
    const data = extra.data ?? Buffer.alloc(0);
    const s = signed(es, (m) => { if (listed) m.files.push({ path: extra.name, sha256: sha(data), size: data.length }); });
    return tarOf([...s, extra]);
  };
  const editRecord = (name: string, edit: (v: unknown[]) => void, resign = true): Buffer => {
    const es = clone();
    const e = get(es, name);
    const v = JSON.parse(e.data.toString()) as unknown[];
    edit(v);
    e.data = json(v);
    return tarOf(resign ? signed(es) : es);
  };

  const cases: HostileCase[] = [];
  const add = (name: string, expect: BundleProblemCode, bytes: Buffer, limits?: Partial<BundleLimits>) => cases.push({ name, expect, bytes, limits });

  // Paths that escape the target, listed and signed in the manifest so only the name check can refuse them.
  const escapes: [string, string][] = [
    ['dotdot', '../evil.txt'], ['dotdot-deep', '../../../../../../tmp/evil.txt'], ['dotdot-middle', 'records/../../evil.txt'], ['dotdot-end', 'media/..'],
    ['bare-dotdot', '..'], ['absolute', '/etc/passwd'], ['absolute-tmp', '/tmp/tagger-evil'], ['drive-letter', 'C:/Windows/evil.dll'],
    ['drive-relative', 'c:evil.txt'], ['backslash-dotdot', '..\\..\\evil.txt'], ['backslash-drive', 'D:\\evil.txt'], ['nul', 'records/a\u0000.json'],
    ['control-char', 'media/\u001b[31mred'], ['dot-segment', './records/x.json'], ['empty-segment', 'media//x'], ['long-name', `media/${'a'.repeat(400)}`],
  ];
  for (const [n, p] of escapes) add(`path-${n}`, 'path_escape', withExtra({ name: p, data: Buffer.from('x') }));

  // Links and other non-files.
  add('symlink-etc', 'link_entry', withExtra({ name: 'media/link', type: 'symlink', linkname: '/etc/passwd' }, false));
  add('symlink-relative', 'link_entry', withExtra({ name: 'records/extra.json', type: 'symlink', linkname: '../../outside' }, false));
  add('symlink-over-record', 'link_entry', tarOf([...clone().slice(0, 2), { name: 'records/assets.json', type: 'symlink', linkname: '/etc/shadow' }]));
  add('hardlink-manifest', 'link_entry', withExtra({ name: 'media/hard', type: 'link', linkname: 'manifest.json' }, false));
  add('hardlink-outside', 'link_entry', withExtra({ name: 'media/hard2', type: 'link', linkname: '../../../etc/passwd' }, false));
  add('directory', 'not_a_file', withExtra({ name: 'media/dir', type: 'directory' }, false));
  add('fifo', 'not_a_file', withExtra({ name: 'media/fifo', type: 'fifo' }, false));
  add('char-device', 'not_a_file', withExtra({ name: 'media/tty', type: 'char' }, false));
  add('block-device', 'not_a_file', withExtra({ name: 'media/sda', type: 'block' }, false));

  // Duplicates.
  add('duplicate-record', 'duplicate_entry', tarOf([...clone(), get(clone(), 'records/tasks.json')]));
  add('duplicate-media', 'duplicate_entry', tarOf([...clone(), get(clone(), firstMedia)]));
  add('duplicate-manifest', 'duplicate_entry', tarOf([...clone(), clone()[0]]));
  add('duplicate-signature', 'duplicate_entry', tarOf([...clone(), clone()[1]]));
  add('manifest-lists-twice', 'duplicate_entry', tarOf(signed(clone(), (m) => m.files.push({ ...m.files[0] }))));

  // Sizes that lie.
  {
    const es = clone();
    const big = get(es, firstMedia);
    add('entry-larger-than-declared', 'size_mismatch', tarOf([...es.filter((e) => e !== big), { name: big.name, data: Buffer.concat([big.data, Buffer.from('more')]) }]));
    add('entry-smaller-than-declared', 'size_mismatch', tarOf([...es.filter((e) => e !== big), { name: big.name, data: big.data.subarray(1) }]));
    const t = tarOf(clone(), { endBlocks: false });
    add('truncated-mid-entry', 'not_a_bundle', t.subarray(0, t.length - 700));
    add('header-size-lies', 'size_mismatch', tarOf([...es.filter((e) => e !== big), { name: big.name, data: big.data, headerSize: big.data.length + 1_000_000 }]));
  }

  // Bombs and limits.
  {
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    add('gzip-bomb-tail', 'too_large', zlib.gzipSync(Buffer.concat([tarOf(clone()), zeros]), { level: 9 }));
    add('gzip-bomb-manifest', 'too_large', zlib.gzipSync(tarOf([{ name: 'manifest.json', data: Buffer.concat([Buffer.from('{"format":1,"x":"'), Buffer.alloc(8 * 1024 * 1024, 0x61), Buffer.from('"}')]) }])), { maxManifestBytes: 1024 * 1024 });
    add('declares-past-limit', 'too_large', tarOf(signed(clone(), (m) => m.files.push({ path: 'media/' + 'f'.repeat(64), sha256: 'f'.repeat(64), size: 2 ** 40 }), lead, false)));
    add('too-many-entries', 'too_large', tarOf(signed(clone(), (m) => { for (let i = 0; i < 50; i++) m.files.push({ path: `records/pad-${i}.json`, sha256: sha(Buffer.alloc(0)), size: 0 }); })), { maxEntries: 20 });
    add('gzip-bomb-small-limit', 'too_large', zlib.gzipSync(tarOf(clone())), { maxTotalBytes: 4096 });
  }

  // Hashes.
  {
    const es = clone();
    get(es, firstMedia).data[0] ^= 0xff;
    add('media-bytes-altered', 'bad_hash', tarOf(es));
    const es2 = clone();
    const tasks = get(es2, 'records/tasks.json');
    tasks.data = Buffer.from(tasks.data.toString().replace('"todo"', '"done"')); // same size, other bytes
    add('record-bytes-altered', 'bad_hash', tarOf(es2));
    add('media-named-wrong-hash', 'bad_hash', tarOf(signed(clone(), (m) => { const f = m.files.find((x) => x.path === firstMedia)!; f.path = `media/${'0'.repeat(64)}`; }, lead, false)));
  }

  // Signatures and signers.
  add('signed-by-stranger', 'unknown_signer', tarOf(signed(clone(), undefined, stranger)));
  {
    const es = clone();
    es[0] = { name: es[0].name, data: json({ ...JSON.parse(es[0].data.toString()), createdAt: 1 }) };
    add('manifest-altered-after-signing', 'bad_signature', tarOf(es));
    const es2 = clone();
    const s = JSON.parse(es2[1].data.toString());
    s.signature = s.signature.slice(0, 10) + (s.signature[10] === 'a' ? 'b' : 'a') + s.signature.slice(11);
    es2[1].data = json(s);
    add('signature-bits-flipped', 'bad_signature', tarOf(es2));
    const es3 = clone();
    es3[1].data = json({ signer: lead.address, signature: stranger.signingKey.sign(manifestDigest(es3[0].data, JSON.parse(es3[0].data.toString()))).serialized });
    add('signature-of-another-key', 'bad_signature', tarOf(es3));
    add('signature-missing', 'bad_signature', tarOf([clone()[0], ...clone().slice(2)]));
    const es4 = clone();
    es4[1].data = Buffer.from('{not json');
    add('signature-not-json', 'bad_signature', tarOf(es4));
    const es5 = clone();
    es5[1].data = json({ signer: lead.address, signature: '0x1234' });
    add('signature-malformed', 'bad_signature', tarOf(es5));
    add('unsigned-archive', 'bad_signature', tarOf([clone()[0]]));
  }

  // Signed work inside the bundle.
  add('submission-document-altered', 'bad_hash', editRecord('records/submissions.json', (v) => ((v[0] as { document: { objects: { label: string }[] } }).document.objects[0].label = 'FORGED')));
  add('submission-message-altered', 'bad_signature', editRecord('records/submissions.json', (v) => ((v[0] as { message: { nonce: string } }).message.nonce = '1')));
  add('submission-signed-by-other', 'bad_signature', editRecord('records/submissions.json', (v) => {
    const x = v[0] as { id: string; signature: string };
    x.signature = stranger.signingKey.sign(x.id).serialized;
  }));
  add('review-verdict-forged', 'bad_signature', editRecord('records/reviews.json', (v) => {
    const x = v[0] as { payload: { message: { verdict: string } } };
    x.payload.message.verdict = 'reject';
  }));
  add('review-signed-by-other', 'bad_signature', editRecord('records/reviews.json', (v) => {
    const x = v[0] as { payload: { message: ReviewMessage; domain: TaggerDomain }; signature: string };
    x.signature = stranger.signingKey.sign(reviewDigest(x.payload.domain, x.payload.message)).serialized;
  }));

  // Format versions and manifests.
  add('format-2', 'format_too_new', tarOf(signed(clone(), (m) => (m.format = 2))));
  add('format-99-unsigned-rest', 'format_too_new', tarOf([{ name: 'manifest.json', data: json({ format: 99, whatever: true }) }]));
  add('manifest-not-json', 'bad_manifest', tarOf([{ name: 'manifest.json', data: Buffer.from('{"format": 1,') }, ...clone().slice(1)]));
  add('manifest-missing-fields', 'bad_manifest', tarOf([{ name: 'manifest.json', data: json({ format: 1 }) }, ...clone().slice(1)]));
  add('manifest-lists-itself', 'bad_manifest', tarOf(signed(clone(), (m) => m.files.push({ path: 'manifest.json', sha256: '0'.repeat(64), size: 1 }), lead, false)));
  add('manifest-not-first', 'not_a_bundle', tarOf([...clone().slice(2), ...clone().slice(0, 2)]));
  add('counts-lie', 'bad_manifest', tarOf(signed(clone(), (m) => (m.counts.tasks += 1))));
  add('empty-file', 'not_a_bundle', Buffer.alloc(0));
  add('random-bytes', 'not_a_bundle', crypto.randomBytes(4096));
  add('zip-file', 'not_a_bundle', Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(600)]));
  add('gzip-garbage', 'not_a_bundle', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), crypto.randomBytes(600)]));

  // Entries the manifest does not account for.
  add('unlisted-entry', 'unlisted_entry', withExtra({ name: 'records/extra.json', data: Buffer.from('[]') }, false));
  add('missing-entry', 'missing_entry', tarOf(clone().filter((e) => e.name !== firstMedia)));

  // Records that do not hang together (re-signed, so only the record checks can refuse them).
  add('task-without-asset', 'bad_record', editRecord('records/tasks.json', (v) => ((v[0] as { assetId: string }).assetId = 'e'.repeat(64))));
  add('record-not-json', 'bad_record', (() => { const es = clone(); get(es, 'records/objects.json').data = Buffer.from('[{"id":'); return tarOf(signed(es)); })());
  add('record-wrong-shape', 'bad_record', editRecord('records/objects.json', (v) => v.push({ id: 'x', geometry: 5 })));
  // a geometry nested 100,000 lists deep: refused by its depth with a reason, not by a stack overflow
  add('record-nested-deep', 'bad_record', (() => {
    const es = clone();
    const e = get(es, 'records/objects.json');
    e.data = Buffer.from(e.data.toString().replace('"geometry":', `"geometry":${'['.repeat(100_000)}${']'.repeat(100_000)},"was":`));
    return tarOf(signed(es));
  })());
  add('duplicate-task-record', 'bad_record', editRecord('records/tasks.json', (v) => v.push(v[0])));
  return cases;
}

// As a script: write every case to OUTDIR, named after the check it must trip.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [good, outDir] = process.argv.slice(2);
  if (!good || !outDir) {
    console.error('usage: node --import tsx tests/unit/bundles/hostileCorpus.ts GOOD.tagger OUTDIR   (keys: TAGGER_LEAD_KEY, TAGGER_STRANGER_KEY)');
    process.exit(2);
  }
  const cases = buildCorpus(await readEntries(good), { lead: process.env.TAGGER_LEAD_KEY ?? '', stranger: process.env.TAGGER_STRANGER_KEY ?? '0x' + '4d'.repeat(32) });
  fs.mkdirSync(outDir, { recursive: true });
  for (const c of cases) fs.writeFileSync(path.join(outDir, `${c.name}.${c.expect}.tagger`), c.bytes);
  console.log(`${cases.length} hostile bundles written to ${outDir}`);
}
