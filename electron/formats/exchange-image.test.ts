// Image datasets written the way other tools write them (Ultralytics data.yaml + labels, a labelme/mmdetection
// COCO file) go through `tagger import --annotations` and `tagger export` and come back as they were: the same
// class ids and names (case kept), no starter labels added, scores kept, and a --map-labels step when wanted.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore } from '../core/createCore.ts';
import { COCO_NAMES } from './testing/cocoNames.ts';
import { parseLabelMapping } from '../../shared/formats/vocabulary.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 60000 });
let work: string;
let images: string;

async function schemaOf(dataDir: string) {
  const core = createCore({ dataDir });
  try {
    return core.projects.findByName('P')!.schema.image!;
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-exchange-img-'));
  images = path.join(work, 'images');
  fs.mkdirSync(images);
  await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(images, '000000000139.jpg'));
  await sharp({ create: { width: 320, height: 200, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(images, '000000000285.jpg'));
});

describe('YOLO with an 80-class data.yaml (as Ultralytics writes it)', () => {
  it('comes back with the same data.yaml, the same class numbers and no starter labels', () => {
    const ds = path.join(work, 'coco8');
    fs.mkdirSync(path.join(ds, 'labels'), { recursive: true });
    const yaml = ['path: ../datasets/coco8', 'train: images/train', 'val: images/val', 'test:', 'names:', ...COCO_NAMES.map((n, i) => `  ${i}: ${n}`), ''].join('\n');
    fs.writeFileSync(path.join(ds, 'data.yaml'), yaml);
    const a = '45 0.479492 0.688771 0.955609 0.5955\n0 0.736516 0.247188 0.498875 0.476417\n';
    const b = '23 0.5 0.5 0.25 0.75\n';
    fs.writeFileSync(path.join(ds, 'labels', '000000000139.txt'), a);
    fs.writeFileSync(path.join(ds, 'labels', '000000000285.txt'), b);
    const data = path.join(work, 'yolo-data');
    const imp = tagger('import', '--data', data, '--project', 'P', images, '--annotations', ds, '--format', 'yolo');
    expect(imp.status, imp.stderr).toBe(0);
    const out = path.join(work, 'yolo-out');
    const exp = tagger('export', '--data', data, '--project', 'P', '--format', 'yolo', '--out', out);
    expect(exp.status, exp.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'data.yaml'), 'utf8')).toBe(yaml);
    expect(fs.readFileSync(path.join(out, 'labels', '000000000139.txt'), 'utf8').split('\n').map((l) => l.split(' ')[0])).toEqual(['45', '0', '']);
    expect(fs.readFileSync(path.join(out, 'labels', '000000000285.txt'), 'utf8')).toMatch(/^23 /);
  }, 120_000);

  it('keeps the names exactly as written and the class ids on the project', async () => {
    const schema = await schemaOf(path.join(work, 'yolo-data'));
    expect(schema.labels.map((l) => l.name)).toEqual(COCO_NAMES);
    expect(schema.labels.map((l) => l.classId)).toEqual(COCO_NAMES.map((_, i) => i));
  });
});

describe('COCO written by labelme / mmdetection', () => {
  const coco = {
    info: { description: 'labelme2coco' },
    licenses: [],
    images: [{ id: 139, file_name: 'JPEGImages/000000000139.jpg', width: 640, height: 480 }, { id: 285, file_name: '000000000285.jpg', width: 320, height: 200 }],
    annotations: [
      { id: 1, image_id: 139, category_id: 51, bbox: [10, 20, 30, 40], area: 1200, iscrowd: 0, segmentation: [], score: 0.87 },
      { id: 2, image_id: 139, category_id: 1, bbox: [100.5, 120.25, 50, 60], area: 3000, iscrowd: 0, segmentation: [] },
      { id: 3, image_id: 285, category_id: 88, bbox: [5, 5, 10, 10], area: 100, iscrowd: 0, segmentation: [[5, 5, 15, 5, 15, 15, 5, 15]] },
    ],
    categories: [
      { id: 1, name: 'person', supercategory: 'person' },
      { id: 51, name: 'bowl', supercategory: 'kitchen' },
      { id: 88, name: 'teddy bear', supercategory: 'indoor' },
    ],
  };

  it('keeps category ids, names (case as written), supercategories and scores', async () => {
    const file = path.join(work, 'instances.json');
    fs.writeFileSync(file, JSON.stringify(coco));
    const data = path.join(work, 'coco-data');
    const imp = tagger('import', '--data', data, '--project', 'P', images, '--annotations', file, '--format', 'coco');
    expect(imp.status, imp.stderr).toBe(0);
    const schema = await schemaOf(data);
    expect(schema.labels.map((l) => [l.name, l.classId])).toEqual([['person', 1], ['bowl', 51], ['teddy bear', 88]]);
    const out = path.join(work, 'coco-out.json');
    expect(tagger('export', '--data', data, '--project', 'P', '--format', 'coco', '--out', out).status).toBe(0);
    const back = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(back.categories).toEqual(coco.categories);
    const byCat = (anns: { category_id: number; bbox: number[]; score?: number }[]) => anns.map((a) => [a.category_id, a.bbox, a.score]).sort();
    expect(byCat(back.annotations)).toEqual(byCat(coco.annotations));
  }, 120_000);

  it('maps names onto the project\'s labels with --map-labels, and refuses a target the project lacks', async () => {
    const file = path.join(work, 'instances.json');
    const data = path.join(work, 'coco-mapped');
    const bad = tagger('import', '--data', data, '--project', 'P', images, '--annotations', file, '--format', 'coco', '--map-labels', 'person=Human');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/no label named "Human"/);
    const core = createCore({ dataDir: data });
    try {
      const p = core.projects.findByName('P')!;
      const { runImport: imp } = await import('./run.ts');
      const r = await imp(core, p.id, 'coco', file, { mapping: parseLabelMapping('person=Person,bowl=Object') });
      expect(r.objects).toBe(3);
      const names = core.projects.get(p.id).schema.image!.labels.map((l) => l.name);
      expect(names.slice(0, 5)).toEqual(['Object', 'Person', 'Vehicle', 'Animal', 'Other']);
      expect(names).toContain('teddy bear');
      const labels = core.tasks.list(p.id).flatMap((t) => core.annotations.list(t.id).map((o) => o.label)).sort();
      expect(labels).toEqual(['object', 'person', 'teddy_bear']);
    } finally {
      await core.close();
    }
    // on the command line, NAME=skip is the dialog's skip: that label's objects stay out and no label is made for it
    const skipData = path.join(work, 'coco-skip');
    const skipped = tagger('import', '--data', skipData, '--project', 'P', images, '--annotations', file, '--format', 'coco', '--map-labels', 'person=Person,bowl=skip');
    expect(skipped.status, skipped.stderr).toBe(0);
    const again = createCore({ dataDir: skipData });
    try {
      const p = again.projects.findByName('P')!;
      expect(again.tasks.list(p.id).flatMap((t) => again.annotations.list(t.id).map((o) => o.label)).sort()).toEqual(['person', 'teddy_bear']);
      expect(again.projects.get(p.id).schema.image!.labels.map((l) => l.name)).not.toContain('bowl');
    } finally {
      await again.close();
    }
    expect(parseLabelMapping('cat=skip, dog = Dog')).toEqual({ cat: null, dog: 'Dog' });
  }, 120_000);
});

describe('geometry checked on import', () => {
  it('names and skips a shape that is not valid or lies outside the image; the rest is stored and export works', async () => {
    const data = path.join(work, 'geom-data');
    const core = createCore({ dataDir: data });
    try {
      const p = core.projects.create({ name: 'P' });
      await core.imports.importPaths(p.id, [images]);
      const file = path.join(work, 'bad-geometry.json');
      fs.writeFileSync(file, JSON.stringify({
        images: [{ id: 1, file_name: '000000000285.jpg', width: 320, height: 200 }],
        categories: [{ id: 1, name: 'cat' }],
        annotations: [
          { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20] },
          { id: 2, image_id: 1, category_id: 1, bbox: [0, 0, 1e308, 5] },
          { id: 3, image_id: 1, category_id: 1, bbox: [5000, 10, 20, 20] },
          { id: 4, image_id: 1, category_id: 1, segmentation: [[1, 1, 2, 2, 'abc', 3]], bbox: [1, 1, 1, 1] },
        ],
      }));
      const { runImport: imp, runExport: exp } = await import('./run.ts');
      const r = await imp(core, p.id, 'coco', file);
      expect(r.objects).toBe(1);
      expect(r.skipped.map((s) => s.reason).join('\n')).toMatch(/outside the image[\s\S]*outside the image/);
      expect(r.skipped.length).toBe(3);
      const out = await exp(core, p.id, 'coco', path.join(work, 'geom-out.json'));
      expect(out.objects).toBe(1);
    } finally {
      await core.close();
    }
  });
});

describe('COCO multi-part instances and crowd masks', () => {
  it('keeps an instance with 2 or 4 rings as one object and an RLE crowd mask as a mask, and writes them back the same', async () => {
    const data = path.join(work, 'multi-data');
    const core = createCore({ dataDir: data });
    try {
      const p = core.projects.create({ name: 'P' });
      await core.imports.importPaths(p.id, [images]);
      const ring = (x: number, y: number) => [x, y, x + 20, y, x + 20, y + 15, x, y + 15];
      const coco = {
        images: [{ id: 139, file_name: '000000000139.jpg', width: 640, height: 480 }],
        categories: [{ id: 1, name: 'person', supercategory: 'person' }, { id: 3, name: 'car', supercategory: 'vehicle' }],
        annotations: [
          { id: 1, image_id: 139, category_id: 3, iscrowd: 0, bbox: [10, 10, 120, 15], area: 600, segmentation: [ring(10, 10), ring(110, 10)] },
          { id: 2, image_id: 139, category_id: 1, iscrowd: 0, bbox: [200, 200, 120, 115], area: 1200, segmentation: [ring(200, 200), ring(300, 200), ring(200, 300), ring(300, 300)] },
          // Crowd masks over the whole 480×640 image (column-major runs), as a list and as pycocotools' compressed string.
          { id: 3, image_id: 139, category_id: 1, iscrowd: 1, bbox: [0, 0, 2, 2], area: 4, segmentation: { size: [480, 640], counts: [0, 2, 478, 2, 306718] } },
          { id: 4, image_id: 139, category_id: 1, iscrowd: 1, bbox: [5, 1, 1, 3], area: 3, segmentation: { size: [480, 640], counts: 'Q[23ldY9' } },
        ],
      };
      const file = path.join(work, 'multi.json');
      fs.writeFileSync(file, JSON.stringify(coco));
      const { runImport: imp, runExport: exp } = await import('./run.ts');
      const r = await imp(core, p.id, 'coco', file);
      expect(r.skipped).toEqual([]);
      expect(r.objects).toBe(4);
      const out = path.join(work, 'multi-out.json');
      await exp(core, p.id, 'coco', out);
      const back = JSON.parse(fs.readFileSync(out, 'utf8'));
      const shape = (a: { category_id: number; iscrowd: number; bbox: number[]; area: number; segmentation: unknown }) => JSON.stringify([a.category_id, a.iscrowd, a.bbox, a.area, a.segmentation]);
      expect(back.annotations.map(shape).sort()).toEqual(coco.annotations.map(shape).sort());
      expect(back.annotations).toHaveLength(4);
    } finally {
      await core.close();
    }
  });
});
