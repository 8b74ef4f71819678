// A dense image through the image formats: 100,000 polygons on one image imported from COCO (new objects, then the
// same file again, where every object is found already there), exported as COCO and YOLO. Import and dedupe are a
// hash lookup per object, so this scales linearly; before, each new object was compared with every stored one.
// Then the same objects through a signed bundle (export, verify, import), the other path that moves them in bulk.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempDataDir } from '../support/server.ts';
import { printTable } from './table.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { runExport, runImport } from '../../electron/formats/run.ts';
import { KEYS, openStation } from '../../electron/bundles/testing/stations.ts';

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

// The same 100,000 objects through a signed bundle: export (with the image), verify, import on another station.
const lead = await openStation(KEYS.lead);
const bp = lead.core.projects.create({ name: 'Dense bundle' });
await lead.core.imports.importPaths(bp.id, [image]);
const task = lead.core.tasks.list(bp.id)[0];
lead.core.annotations.replaceAll(task.id, annotations.map((a) => ({ id: `o${a.id}`, kind: 'polygon', label: `c${a.category_id}`, geometry: { points: a.segmentation[0] }, attributes: {}, origin: 'human', z: a.id, hidden: false, locked: false })));
lead.net.submissions.submit(task.id);
const bundle = path.join(work, 'dense.tagger');
await time('bundle export (signed submission included)', async () => ({ objects: (await lead.bundles.exportBundle({ projectId: bp.id, out: bundle, withMedia: true })).objects }));
const other = await openStation(KEYS.ann1);
other.bundles.trusted.trust(lead.address);
await time('bundle verify', async () => { const v = await other.bundles.verify(bundle); if (!v.ok) throw new Error(v.problems[0]?.message); return { objects: N }; });
await time('bundle import (verify + merge)', async () => ({ objects: (await other.bundles.importBundle(bundle)).objects.added }));
await other.close();
await lead.close();
printTable(`${N.toLocaleString('en')} polygons on one image (goal: each under 10 s)`, ['operation', 'ms', 'objects'], rows);
fs.rmSync(work, { recursive: true, force: true });
