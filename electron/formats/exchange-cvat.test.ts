// A CVAT for images 1.1 job export (as CVAT 2.x writes it) goes into a project and comes back out with every
// shape as it was: labels with their colours and attribute declarations, boxes and polygons to the hundredth,
// attribute values, occluded, z_order, source, rotation and group_id.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import { runExport, runImport } from './run.ts';
import { parseXml, child, childText, type XmlElement } from '../../shared/formats/image/xml.ts';
import { CVAT_JOB_XML } from '../../shared/formats/image/cvatFixture.test-util.ts';

let work: string;
let core: Core;
let projectId: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-exchange-cvat-'));
  const images = path.join(work, 'images');
  fs.mkdirSync(images);
  await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(images, '000000000139.jpg'));
  await sharp({ create: { width: 320, height: 200, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(images, '000000000285.jpg'));
  core = createCore({ dataDir: path.join(work, 'data') });
  projectId = core.projects.create({ name: 'P' }).id;
  await core.imports.importPaths(projectId, [images]);
});

afterAll(async () => {
  await core?.close();
});

/** Every image's shapes (element, XML attributes, attribute children), order-free, and the declared labels. */
function dataset(xml: string) {
  const root = parseXml(xml);
  const labels = (el: XmlElement | undefined): unknown[] =>
    (el?.children ?? []).map((l) => ({
      name: childText(l, 'name'),
      color: childText(l, 'color'),
      attributes: (child(l, 'attributes')?.children ?? []).map((a) => ['name', 'input_type', 'default_value', 'values'].map((k) => childText(a, k))),
    }));
  const meta = child(root, 'meta')!;
  const holder = child(meta, 'job') ?? child(meta, 'task')!;
  const images = root.children
    .filter((c) => c.name === 'image')
    .map((im) => ({
      name: im.attrs.name,
      size: [im.attrs.width, im.attrs.height],
      shapes: im.children.map((s) => JSON.stringify([s.name, s.attrs, s.children.map((a) => [a.attrs.name, a.text])])).sort(),
    }));
  return { labels: labels(child(holder, 'labels')), images };
}

describe('CVAT for images 1.1 through a project', () => {
  it('comes back with the same labels, attribute declarations and shapes', async () => {
    const file = path.join(work, 'annotations.xml');
    fs.writeFileSync(file, CVAT_JOB_XML);
    const r = await runImport(core, projectId, 'cvat', file);
    expect(r.skipped).toEqual([]);
    expect(r.objects).toBe(4);
    const schema = core.projects.get(projectId).schema.image!;
    expect(schema.labels.map((l) => [l.name, l.color])).toEqual([['car', '#fa3253'], ['Person', '#33ddff'], ['traffic sign', '#ff6037']]);
    const out = path.join(work, 'back.xml');
    await runExport(core, projectId, 'cvat', out);
    expect(dataset(fs.readFileSync(out, 'utf8'))).toEqual(dataset(CVAT_JOB_XML));
  });

  it('importing the same file again adds nothing', async () => {
    const r = await runImport(core, projectId, 'cvat', path.join(work, 'annotations.xml'));
    expect(r.objects).toBe(0);
  });
});
