// The Import dialog's mapping step through the contract: formats.inspect lists a file's classes (declared ids and
// object counts) without storing anything; formats.import applies a mapping (map onto a label, skip, keep as new)
// in one transaction, says what it mapped and skipped, and remembers the mapping per project and format.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import type { AnnotationImportReport, ImportPreview } from '../../shared/api/formats.ts';

let work: string;
let core: Core;
let projectId: string;
let file: string;
async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
const labelsOnTasks = () => core.tasks.list(projectId).flatMap((t) => core.annotations.list(t.id).map((o) => o.label)).sort();

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-mapping-'));
  await sharp({ create: { width: 200, height: 100, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(work, 'street.jpg'));
  core = createCore({ dataDir: path.join(work, 'data') });
  projectId = core.projects.create({ name: 'Mapped' }).id;
  await core.imports.importPaths(projectId, [path.join(work, 'street.jpg')]);
  // As mmdetection writes it: category ids that are COCO's (1 person, 3 car, 18 dog), one declared but unused.
  file = path.join(work, 'instances.json');
  fs.writeFileSync(file, JSON.stringify({
    images: [{ id: 7, file_name: 'street.jpg', width: 200, height: 100 }],
    categories: [{ id: 1, name: 'person', supercategory: 'person' }, { id: 3, name: 'car', supercategory: 'vehicle' }, { id: 18, name: 'dog', supercategory: 'animal' }, { id: 20, name: 'sheep', supercategory: 'animal' }],
    annotations: [
      { id: 1, image_id: 7, category_id: 1, bbox: [10, 10, 20, 40], area: 800, iscrowd: 0 },
      { id: 2, image_id: 7, category_id: 1, bbox: [40, 10, 20, 40], area: 800, iscrowd: 0 },
      { id: 3, image_id: 7, category_id: 3, bbox: [80, 50, 60, 30], area: 1800, iscrowd: 0 },
      { id: 4, image_id: 7, category_id: 18, bbox: [150, 60, 20, 20], area: 400, iscrowd: 0 },
    ],
  }));
});

afterAll(async () => {
  await core.close();
});

describe('label mapping on import', () => {
  it('lists the file\'s classes with their ids and object counts, and stores nothing', async () => {
    const before = JSON.stringify(core.projects.get(projectId));
    const p = await call<ImportPreview>('formats.inspect', [projectId, 'coco', file]);
    expect(p.classes).toEqual([
      { name: 'person', id: 1, count: 2 },
      { name: 'car', id: 3, count: 1 },
      { name: 'dog', id: 18, count: 1 },
      { name: 'sheep', id: 20, count: 0 },
    ]);
    expect(p.remembered).toEqual({});
    expect(JSON.stringify(core.projects.get(projectId))).toBe(before);
    expect(labelsOnTasks()).toEqual([]);
  });

  it('a mapping onto a label the project lacks is refused and changes nothing', async () => {
    const before = JSON.stringify(core.projects.get(projectId));
    await expect(call('formats.import', [projectId, 'coco', file, { mapping: { person: 'pedestrian' }, remember: true }])).rejects.toThrow(/no label named "pedestrian"/);
    expect(JSON.stringify(core.projects.get(projectId))).toBe(before);
    expect(labelsOnTasks()).toEqual([]);
  });

  it('maps, skips and keeps as chosen, says so in the report, and remembers the choice for this format', async () => {
    const r = await call<AnnotationImportReport>('formats.import', [projectId, 'coco', file, { mapping: { person: 'person', car: 'vehicle', dog: null }, remember: true }]);
    expect(r.objects).toBe(3);
    expect(r.notes).toEqual(expect.arrayContaining([
      'mapped "person" onto the label "Person": 2 object(s)',
      'mapped "car" onto the label "Vehicle": 1 object(s)',
      'skipped "dog" as chosen: 1 object(s) not imported',
    ]));
    expect(labelsOnTasks()).toEqual(['person', 'person', 'vehicle']);
    const labels = core.projects.get(projectId).schema.image!.labels;
    // "sheep" was kept as a new label (the file's vocabulary, with its id); "dog" was skipped, so not added.
    expect(labels.map((l) => l.name)).toEqual(['Object', 'Person', 'Vehicle', 'Animal', 'Other', 'sheep']);
    expect(labels.find((l) => l.name === 'sheep')!.classId).toBe(20);
    const again = await call<ImportPreview>('formats.inspect', [projectId, 'coco', file]);
    expect(again.remembered).toEqual({ person: 'person', car: 'vehicle', dog: null });
    // Another format of the same modality has its own (none yet).
    const voc = path.join(work, 'street.xml');
    fs.writeFileSync(voc, '<annotation><filename>street.jpg</filename><size><width>200</width><height>100</height></size><object><name>car</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object></annotation>');
    expect((await call<ImportPreview>('formats.inspect', [projectId, 'voc', voc])).remembered).toEqual({});
  });

  it('a remembered target that is no longer a label of the project is not offered again', async () => {
    const p = core.projects.get(projectId);
    core.projects.update(projectId, { schema: { ...p.schema, image: { ...p.schema.image!, labels: p.schema.image!.labels.filter((l) => l.id !== 'vehicle') } } });
    expect((await call<ImportPreview>('formats.inspect', [projectId, 'coco', file])).remembered).toEqual({ person: 'person', dog: null });
  });

  it('text formats list their span labels, and a skipped label takes its spans away', async () => {
    const text = 'Ada Lovelace met Babbage in London.';
    fs.writeFileSync(path.join(work, 'note.txt'), text);
    await core.imports.importPaths(projectId, [path.join(work, 'note.txt')]);
    const jsonl = path.join(work, 'ner.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: 1, text, label: [[0, 12, 'PER'], [17, 24, 'PER'], [28, 34, 'LOC']] })}\n`);
    const p = await call<ImportPreview>('formats.inspect', [projectId, 'doccano', jsonl]);
    expect(p.classes).toEqual([{ name: 'PER', id: null, count: 2 }, { name: 'LOC', id: null, count: 1 }]);
    const r = await call<AnnotationImportReport>('formats.import', [projectId, 'doccano', jsonl, { mapping: { PER: 'person', LOC: null } }]);
    expect(r.objects).toBe(2);
    const task = core.tasks.list(projectId, { kind: ['text'] })[0];
    expect(core.annotations.list(task.id).map((o) => o.label)).toEqual(['person', 'person']);
    expect(r.notes).toContain('skipped "LOC" as chosen: 1 object(s) not imported');
  });
});
