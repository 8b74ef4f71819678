// A dense image through the image formats: 100,000 polygons on one image imported from COCO (new objects, then the
// same file again, where every object is found already there), exported as COCO and YOLO. Import and dedupe are a
// hash lookup per object, so this scales linearly; before, each new object was compared with every stored one.
// Then the same objects through signed bundles (export, verify, import), the other path that moves them in bulk.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempDataDir } from '../support/server.ts';
import { printTable } from './table.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { runExport, runImport } from '../../electron/formats/run.ts';
import { KEYS, insertSignedReview, openStation, seedProject, type Station } from '../../electron/bundles/testing/stations.ts';
import { BundleService } from '../../electron/bundles/bundleService.ts';
import { referenceItemChecks } from '../../electron/bundles/testing/referenceCrypto.ts';

const N = Number(process.env.DENSE_BENCH_OBJECTS ?? 100_000);
const work = tempDataDir('tagger-bench-dense-');
const image = path.join(work, 'dense.png');
await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#777' } }).png().toFile(image);
const annotations = Array.from({ length: N }, (_, i) => {
  const x = (i * 37) % 3990, y = Math.floor(i / 100) % 2990;
  return { id: i + 1, image_id: 1, category_id: 1 + (i % 3), bbox: [x, y, 8, 8], area: 32, iscrowd: 0, segmentation: [[x, y, x + 8, y, x + 8, y + 8, x, y + 4]] };
});
const file = path.join(work, 'dense.json');
fs.writeFileSync(file, JSON.stringify({ images: [{ id: 1, file_name: 'dense.png', width: 4000, height: 3000 }], annotations, categories: [1, 2, 3].map((id) => ({ id, name: `c${id}` })) }));

const core = createCore({ dataDir: path.join(work, 'data') });
const p = core.projects.create({ name: 'Dense' });
await core.imports.importPaths(p.id, [image]);
const rows: (string | number)[][] = [];
const time = async (what: string, fn: () => Promise<{ objects: number }>) => {
  const t0 = performance.now();
  const r = await fn();
  rows.push([what, performance.now() - t0, r.objects]);
};
await time('COCO import (all new)', () => runImport(core, p.id, 'coco', file));
await time('COCO import again (all already there)', () => runImport(core, p.id, 'coco', file));
await time('COCO export', () => runExport(core, p.id, 'coco', path.join(work, 'out.json')));
await time('YOLO export', () => runExport(core, p.id, 'yolo', path.join(work, 'yolo')));
await core.close();

// The same 100,000 objects through signed bundles, twice: as one signed submission on one image, and spread over
// 1,000 text tasks with a signed submission and a signed review each (where checking signatures counts). Verify and
// import run twice on each bundle: ours (hand-built EIP-712 digests, native keccak and secp256k1), and beside it
// the ethers reference (generic TypedDataEncoder, JS recovery, JS keccak), which is how bundles were checked before.
printTable(`${N.toLocaleString('en')} polygons on one image (goal: each under 10 s)`, ['operation', 'ms', 'objects'], rows);

const bundleRows: (string | number)[][] = [];
const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
};
/** A station's BundleService, with the ethers reference checks when asked. */
const serviceOf = (st: Station, reference: boolean) => reference
  ? new BundleService({ db: st.core.db, media: st.core.media, trusted: st.bundles.trusted, now: st.core.now, appVersion: 'bench', signer: () => st.net.wallet.signer(), localAddress: () => st.net.wallet.address(), itemChecks: referenceItemChecks })
  : st.bundles;

async function benchBundle(what: string, lead: Station, projectId: string) {
  const bundle = path.join(work, `${what.replace(/\W+/g, '-')}.tagger`);
  const [exportMs, exported] = await timed(() => lead.bundles.exportBundle({ projectId, out: bundle, withMedia: true }));
  bundleRows.push([`${what}: export`, exportMs, '', '', exported.objects]);
  const verify: number[] = [], imports: number[] = [];
  let added = 0;
  for (const reference of [false, true]) {
    const other = await openStation(reference ? KEYS.ann2 : KEYS.ann1);
    other.bundles.trusted.trust(lead.address);
    const service = serviceOf(other, reference);
    const [vMs, v] = await timed(() => service.verify(bundle));
    if (!v.ok) throw new Error(`the bench bundle did not verify: ${v.problems[0]?.message}`);
    const [iMs, imported] = await timed(() => service.importBundle(bundle));
    verify.push(vMs);
    imports.push(iMs);
    added = imported.objects.added;
    await other.close();
  }
  bundleRows.push([`${what}: verify`, verify[0], verify[1], verify[1] / verify[0], exported.objects]);
  bundleRows.push([`${what}: import (verify + merge)`, imports[0], imports[1], imports[1] / imports[0], added]);
}

{
  const lead = await openStation(KEYS.lead);
  const bp = lead.core.projects.create({ name: 'Dense bundle' });
  await lead.core.imports.importPaths(bp.id, [image]);
  const task = lead.core.tasks.list(bp.id)[0];
  lead.core.annotations.replaceAll(task.id, annotations.map((a) => ({ id: `o${a.id}`, kind: 'polygon', label: `c${a.category_id}`, geometry: { points: a.segmentation[0] }, attributes: {}, origin: 'human', z: a.id, hidden: false, locked: false })));
  lead.net.submissions.submit(task.id);
  await benchBundle('1 image, 1 submission', lead, bp.id);
  await lead.close();
}
{
  const TASKS = 1000;
  const per = Math.ceil(N / TASKS);
  const lead = await openStation(KEYS.lead);
  const { projectId, taskIds } = seedProject(lead.core, TASKS, 'Signed spans');
  for (const [t, taskId] of taskIds.entries()) {
    lead.core.annotations.replaceAll(taskId, Array.from({ length: per }, (_, k) => ({ id: `s${t}-${k}`, kind: 'span', label: k % 2 ? 'PER' : 'ORG', geometry: { start: k % 40, end: (k % 40) + 5 }, attributes: {}, origin: 'human', z: k, hidden: false, locked: false })));
    const { submissionId } = lead.net.submissions.submit(taskId);
    insertSignedReview(lead.core, KEYS.lead, taskId, [submissionId]);
  }
  await benchBundle(`${TASKS} tasks, ${TASKS} submissions + ${TASKS} reviews`, lead, projectId);
  await lead.close();
}
printTable(`${N.toLocaleString('en')} objects through signed bundles, ours beside the ethers reference (goal: each under 10 s)`, ['operation', 'ours ms', 'ethers path ms', '× slower', 'objects'], bundleRows);
fs.rmSync(work, { recursive: true, force: true });
