// A dense image through the image formats: 100,000 polygons on one image imported from COCO (new objects, then the
// same file again, where every object is found already there), exported as COCO and YOLO. Import and dedupe are a
// hash lookup per object, so this scales linearly; before, each new object was compared with every stored one.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempDataDir } from '../support/server.ts';
import { printTable } from './table.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { runExport, runImport } from '../../electron/formats/run.ts';

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
printTable(`${N.toLocaleString('en')} polygons on one image`, ['operation', 'ms', 'objects'], rows);
fs.rmSync(work, { recursive: true, force: true });
