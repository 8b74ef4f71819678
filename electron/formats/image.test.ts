// COCO, YOLO and VOC through the real `tagger` command on real SQLite data directories: what one workstation
// exports, another imports onto the same images; bad files are reported by file and item and change nothing saved.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore } from '../core/createCore.ts';
import type { AnnotationObject, ObjectInput } from '../../shared/domain.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8', timeout: 60000 });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-img-fmt-'));

let work: string;
let images: string;
let source: string;

/** Objects of every task by image name, in z order, reduced to what formats carry. */
async function objectsByImage(dataDir: string): Promise<Record<string, Pick<AnnotationObject, 'kind' | 'label' | 'geometry' | 'attributes'>[]>> {
  const core = createCore({ dataDir });
  try {
    const project = core.projects.findByName('P')!;
    const out: Record<string, Pick<AnnotationObject, 'kind' | 'label' | 'geometry' | 'attributes'>[]> = {};
    for (const t of core.tasks.list(project.id)) out[t.name] = core.annotations.list(t.id).map((o) => ({ kind: o.kind, label: o.label, geometry: o.geometry, attributes: o.attributes }));
    return out;
  } finally {
    await core.close();
  }
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => close(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    return ka.join() === Object.keys(b).sort().join() && ka.every((k) => close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

beforeAll(async () => {
  work = tmp();
  images = path.join(work, 'images');
  fs.mkdirSync(images);
  const img = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#406080' } });
  await img(640, 480).png().toFile(path.join(images, 'street.png'));
  await img(320, 240).jpeg().toFile(path.join(images, 'park.jpg'));
  await img(100, 100).png().toFile(path.join(images, 'empty.png'));
  source = path.join(work, 'source');
  expect(tagger('import', '--data', source, '--project', 'P', images).status).toBe(0);
  // Annotate like a user would: undoable edits through the core.
  const core = createCore({ dataDir: source });
  const project = core.projects.findByName('P')!;
  const byName = Object.fromEntries(core.tasks.list(project.id).map((t) => [t.name, t.id]));
  const obj = (id: string, kind: 'box' | 'polygon', label: string, geometry: unknown, attributes: Record<string, unknown>, z: number) => ({ op: 'put' as const, object: { id, kind, label, geometry, attributes, origin: 'human' as const, z, hidden: false, locked: false } as ObjectInput });
  core.annotations.edit(byName['street.png'], {
    label: 'Draw',
    ops: [
      obj('a1', 'box', 'vehicle', { x: 10.5, y: 20.25, w: 200.125, h: 100.75 }, { occluded: true, truncated: false }, 0),
      obj('a2', 'polygon', 'person', { points: [300.5, 100, 400, 110.25, 390, 300, 310.125, 290] }, { truncated: true }, 1),
      obj('a3', 'box', 'animal', { x: 0.1, y: 0.2, w: 0.3, h: 0.7 }, {}, 2),
    ],
  });
  core.annotations.edit(byName['park.jpg'], { label: 'Draw', ops: [obj('b1', 'box', 'object', { x: 1, y: 2, w: 3, h: 4 }, { occluded: false }, 0)] });
  await core.close();
}, 120000);

describe('image formats through the CLI', () => {
  it.each([
    ['coco', 'out.json', true],
    ['yolo', 'yolo-out', false],
    ['voc', 'voc-out', true],
  ])('%s: export from one data dir, import onto the same images in another, objects equal', async (format, out, keepsAttributes) => {
    const outPath = path.join(work, out);
    const e = tagger('export', '--data', source, '--project', 'P', '--format', format, '--out', outPath);
    expect(e.stderr).toMatch(/Exported 4 object\(s\) of 3 task\(s\)/);
    expect(e.status).toBe(0);
    const target = path.join(work, `target-${format}`);
    const i = tagger('import', '--data', target, '--project', 'P', '--annotations', outPath, '--format', format, images);
    expect(i.stderr).toMatch(/Read 4 annotation\(s\) onto 2 task\(s\)/);
    expect(i.status).toBe(0);
    const want = await objectsByImage(source);
    const got = await objectsByImage(target);
    expect(Object.keys(got).sort()).toEqual(['empty.png', 'park.jpg', 'street.png']);
    for (const name of Object.keys(want)) {
      const w = want[name].map((o) => ({ ...o, attributes: keepsAttributes ? o.attributes : {} }));
      expect(close(got[name], w), `${format} ${name}: ${JSON.stringify(got[name])} vs ${JSON.stringify(w)}`).toBe(true);
    }
    // Importing the same file again onto the same tasks adds nothing and keeps everything.
    const again = tagger('import', '--data', target, '--project', 'P', '--annotations', outPath, '--format', format);
    expect(again.stderr).toMatch(/Read 0 annotation\(s\) onto 0 task\(s\).*0 skipped/);
    expect(again.stderr).toMatch(/4 object\(s\) were already there/);
    expect(await objectsByImage(target)).toEqual(got);
  }, 60000);

  it('writes the files other tools expect', () => {
    expect(fs.readFileSync(path.join(work, 'yolo-out', 'labels', 'street.txt'), 'utf8').split('\n')[0]).toMatch(/^2 0\.17\d* 0\.14\d* 0\.31\d* 0\.20\d*$/);
    expect(fs.readFileSync(path.join(work, 'yolo-out', 'labels', 'empty.txt'), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(work, 'yolo-out', 'data.yaml'), 'utf8')).toMatch(/nc: 5\nnames:\n {2}0: Object\n {2}1: Person\n/);
    expect(fs.readFileSync(path.join(work, 'voc-out', 'Annotations', 'street.xml'), 'utf8')).toMatch(/<name>Vehicle<\/name>[\s\S]*<occluded>1<\/occluded>/);
    const coco = JSON.parse(fs.readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(coco.images.map((i: { file_name: string }) => i.file_name).sort()).toEqual(['empty.png', 'park.jpg', 'street.png']);
    expect(coco.annotations.find((a: { bbox: number[] }) => a.bbox[0] === 10.5).attributes).toEqual({ occluded: true, truncated: false });
  });

  it('imports the valid parts of a bad COCO file, names each bad item, adds an unknown category as a label, keeps existing work', async () => {
    const target = path.join(work, 'target-bad');
    expect(tagger('import', '--data', target, '--project', 'P', images).status).toBe(0);
    // Existing work on street.png that the import must keep.
    const core = createCore({ dataDir: target });
    const project = core.projects.findByName('P')!;
    const street = core.tasks.list(project.id).find((t) => t.name === 'street.png')!;
    core.annotations.edit(street.id, { label: 'Draw', ops: [{ op: 'put', object: { id: 'keep', kind: 'box', label: 'object', geometry: { x: 5, y: 5, w: 5, h: 5 }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false } }] });
    await core.close();
    const bad = path.join(work, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({
      images: [{ id: 1, file_name: 'train/street.png', width: 640, height: 480 }, { id: 2, file_name: 'missing.jpg', width: 10, height: 10 }, { id: 3, file_name: 'park.jpg', width: 999, height: 240 }],
      categories: [{ id: 1, name: 'Vehicle' }, { id: 2, name: 'traffic light' }],
      annotations: [
        { id: 10, image_id: 1, category_id: 1, bbox: [1, 2, 30, 40] },
        { id: 11, image_id: 1, category_id: 2, segmentation: [[1, 1, 20, 1, 20, 20]], bbox: [1, 1, 19, 19] },
        { id: 12, image_id: 1, category_id: 1, bbox: [1, 2, 0, 40] },
        { id: 13, image_id: 2, category_id: 1, bbox: [1, 2, 3, 4] },
        { id: 14, image_id: 3, category_id: 1, bbox: [1, 2, 3, 4] },
        { id: 15, image_id: 1, category_id: 1, segmentation: [[1, 2, 3]] },
      ],
    }));
    const r = tagger('import', '--data', target, '--project', 'P', '--annotations', bad, '--format', 'coco');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Read 2 annotation\(s\) onto 1 task\(s\)/);
    expect(r.stderr).toMatch(/skipped bad\.json: annotations\[2\] \(id 12\) on train\/street\.png: the box has no area/);
    expect(r.stderr).toMatch(/skipped bad\.json: annotations\[5\] \(id 15\) on train\/street\.png: a polygon needs|odd number/);
    expect(r.stderr).toMatch(/skipped missing\.jpg: no image named missing\.jpg in this project/);
    expect(r.stderr).toMatch(/skipped park\.jpg: the file says 999×240 but park\.jpg is 320×240/);
    expect(r.stderr).toMatch(/note: added 1 label\(s\) the project did not have: traffic light/);
    expect(r.stderr).toMatch(/note: 1 task\(s\) already had objects; they were kept/);
    const got = await objectsByImage(target);
    expect(got['street.png'].map((o) => o.label)).toEqual(['object', 'vehicle', 'traffic_light']);
    expect(got['park.jpg']).toEqual([]);
    const c2 = createCore({ dataDir: target });
    expect(c2.projects.findByName('P')!.schema.image!.labels.at(-1)).toMatchObject({ id: 'traffic_light', name: 'traffic light' });
    await c2.close();
  }, 60000);

  it('changes nothing saved when the file cannot be read at all', async () => {
    const target = path.join(work, 'target-bad');
    const before = await objectsByImage(target);
    const broken = path.join(work, 'broken.json');
    fs.writeFileSync(broken, '{"images": [');
    const r = tagger('import', '--data', target, '--project', 'P', '--annotations', broken, '--format', 'coco');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/broken\.json is not valid JSON/);
    // A VOC file from another tool naming the image without its extension still finds it; nothing else changes.
    const vocDir = path.join(work, 'voc-foreign');
    fs.mkdirSync(vocDir);
    fs.writeFileSync(path.join(vocDir, 'p.xml'), '<annotation><filename>park</filename><size><width>320</width><height>240</height></size><object><name>dog</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object></annotation>');
    const v = tagger('import', '--data', target, '--project', 'P', '--annotations', vocDir, '--format', 'voc');
    expect(v.stderr).toMatch(/Read 1 annotation\(s\) onto 1 task\(s\)/);
    expect(v.status).toBe(0);
    const afterVoc = await objectsByImage(target);
    expect(afterVoc['park.jpg']).toEqual([{ kind: 'box', label: 'dog', geometry: { x: 1, y: 2, w: 29, h: 38 }, attributes: {} }]);
    before['park.jpg'] = afterVoc['park.jpg'];
    const yoloNoNames = path.join(work, 'yolo-nonames', 'labels');
    fs.mkdirSync(yoloNoNames, { recursive: true });
    fs.writeFileSync(path.join(yoloNoNames, 'street.txt'), '0 0.5 0.5 0.1 0.1\n');
    const y = tagger('import', '--data', target, '--project', 'P', '--annotations', path.dirname(yoloNoNames), '--format', 'yolo');
    expect(y.status).not.toBe(0);
    expect(y.stderr).toMatch(/no data\.yaml \(with names\) or classes\.txt/);
    expect(await objectsByImage(target)).toEqual(before);
  }, 60000);
});
