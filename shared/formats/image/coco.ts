// COCO object detection JSON (images, annotations, categories). Boxes are [x, y, w, h] in pixels; a polygon is an
// instance's segmentation rings (several rings stay one object); a box has an empty segmentation; an RLE mask is
// kept whole (attribute "mask") on a box at its bbox, with iscrowd. Object attributes travel in "attributes" (as
// CVAT writes them).
import { polygonRings, multiPolygonBounds } from '../../geometry/polygon.ts';
import { rleAreaAndBox, rleProblem, type CocoRle } from './rle.ts';
import { boxProblem, polygonArea, polygonProblem, type CategoryDef, type ExportCategory, type FormatIssue, type ImageObject, type ImageRecord, type ParsedImages } from './model.ts';

export interface CocoImage { id: number; file_name: string; width: number; height: number }
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0 | 1;
  segmentation: number[][] | CocoRle;
  attributes?: Record<string, unknown>;
  score?: number;
}
export interface CocoCategory { id: number; name: string; supercategory: string }
export interface CocoFile {
  info: { description: string; version: string; date_created: string };
  licenses: unknown[];
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
}

/** Writes records as COCO with the categories' own ids, in the order given; a record's objects keep their order.
 *  A "score" attribute (a detector's confidence) is written as COCO's top-level score field. */
export function toCoco(records: ImageRecord[], categories: ExportCategory[], createdAt = new Date(0).toISOString()): CocoFile {
  const catId = new Map(categories.map((c) => [c.name, c.id]));
  const out: CocoFile = {
    info: { description: 'Exported by Tagger Workstation', version: '1.0', date_created: createdAt },
    licenses: [],
    images: [],
    annotations: [],
    categories: categories.map((c) => ({ id: c.id, name: c.name, supercategory: c.supercategory ?? '' })),
  };
  let annId = 1;
  records.forEach((r, i) => {
    const imageId = i + 1;
    out.images.push({ id: imageId, file_name: r.fileName, width: r.width, height: r.height });
    for (const o of r.objects) {
      const category_id = catId.get(o.label);
      if (category_id === undefined) throw new Error(`category "${o.label}" is not in the category list`);
      const { score, iscrowd, mask, ...rest } = o.attributes;
      const base = { id: annId++, image_id: imageId, category_id, iscrowd: (iscrowd === 1 || iscrowd === true ? 1 : 0) as 0 | 1 };
      const attributes = { ...(Object.keys(rest).length ? { attributes: rest } : {}), ...(typeof score === 'number' ? { score } : {}) };
      if (o.kind === 'box' && mask && !rleProblem(mask)) {
        const g = o.geometry;
        out.annotations.push({ ...base, bbox: [g.x, g.y, g.w, g.h], area: rleAreaAndBox(mask as CocoRle).area, segmentation: mask as CocoRle, ...attributes });
      } else if (o.kind === 'box') {
        const g = o.geometry;
        out.annotations.push({ ...base, bbox: [g.x, g.y, g.w, g.h], area: g.w * g.h, segmentation: [], ...attributes });
      } else {
        const rings = polygonRings(o.geometry);
        const b = multiPolygonBounds(o.geometry);
        const area = rings.reduce((n, r) => n + polygonArea(r), 0);
        out.annotations.push({ ...base, bbox: [b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY], area, segmentation: rings.map((r) => r.slice()), ...attributes });
      }
    }
  });
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads COCO JSON (already parsed). Every unusable item is an issue naming `source` and the item; the rest is kept. */
export function fromCoco(json: unknown, source: string): ParsedImages {
  const issues: FormatIssue[] = [];
  const issue = (where: string, reason: string) => issues.push({ where: `${source}: ${where}`, reason });
  if (!isObj(json) || !Array.isArray(json.images) || !Array.isArray(json.annotations) || !Array.isArray(json.categories))
    return { images: [], categories: [], issues: [{ where: source, reason: 'not a COCO file (it needs "images", "annotations" and "categories" lists)' }] };

  const cats = new Map<number, string>();
  const declared: CategoryDef[] = [];
  json.categories.forEach((c: unknown, i: number) => {
    if (!isObj(c) || !isNum(c.id) || typeof c.name !== 'string' || !c.name.trim()) return issue(`categories[${i}]`, 'a category needs a numeric "id" and a "name"');
    if (cats.has(c.id)) return issue(`categories[${i}]`, `category id ${c.id} is used twice`);
    cats.set(c.id, c.name);
    declared.push({ name: c.name, ...(Number.isInteger(c.id) && c.id >= 0 ? { id: c.id } : {}), ...(typeof c.supercategory === 'string' && c.supercategory ? { supercategory: c.supercategory } : {}) });
  });

  const images = new Map<number, ImageRecord>();
  const order: ImageRecord[] = [];
  json.images.forEach((im: unknown, i: number) => {
    if (!isObj(im) || !isNum(im.id) || typeof im.file_name !== 'string' || !im.file_name) return issue(`images[${i}]`, 'an image needs a numeric "id" and a "file_name"');
    if (images.has(im.id)) return issue(`images[${i}] (${im.file_name})`, `image id ${im.id} is used twice`);
    const rec: ImageRecord = { fileName: im.file_name, width: isNum(im.width) ? im.width : 0, height: isNum(im.height) ? im.height : 0, objects: [] };
    images.set(im.id, rec);
    order.push(rec);
  });

  json.annotations.forEach((a: unknown, i: number) => {
    const where = `annotations[${i}]${isObj(a) && a.id !== undefined ? ` (id ${String(a.id)})` : ''}`;
    if (!isObj(a)) return issue(where, 'an annotation must be an object');
    const rec = isNum(a.image_id) ? images.get(a.image_id) : undefined;
    if (!rec) return issue(where, `image_id ${String(a.image_id)} is not in "images"`);
    const label = isNum(a.category_id) ? cats.get(a.category_id) : undefined;
    if (!label) return issue(`${where} on ${rec.fileName}`, `category_id ${String(a.category_id)} is not in "categories"`);
    let attributes: Record<string, unknown> = {};
    if (a.attributes !== undefined) {
      if (isObj(a.attributes)) attributes = { ...a.attributes };
      else issue(`${where} on ${rec.fileName}`, '"attributes" is not an object; the shape was imported without them');
    }
    if (isNum(a.score)) attributes.score = a.score;
    if (a.iscrowd === 1) attributes.iscrowd = 1;
    const push = (o: ImageObject) => rec.objects.push(o);
    const seg = a.segmentation;
    const at = `${where} on ${rec.fileName}`;
    if (Array.isArray(seg) && seg.length) {
      // Every ring of one instance belongs to that one object (a multi-part outline), never one object per ring.
      const rings: number[][] = [];
      seg.forEach((ring: unknown, k: number) => {
        const pts = Array.isArray(ring) ? ring : [];
        const bad = Array.isArray(ring) ? polygonProblem(pts) : 'a segmentation ring must be a list of numbers';
        if (bad) return issue(`${at}${seg.length > 1 ? `, ring ${k}` : ''}`, seg.length > 1 ? `${bad}; the instance was kept without this ring` : bad);
        rings.push((pts as number[]).slice());
      });
      if (rings.length) push({ kind: 'polygon', geometry: rings.length > 1 ? { points: rings[0], rings: rings.slice(1) } : { points: rings[0] }, label, attributes });
      return;
    }
    const bb = a.bbox;
    if (isObj(seg)) {
      // An RLE mask (usually a crowd) is kept as it is, on a box at its bbox, so export writes it back unchanged.
      const bad = rleProblem(seg);
      if (bad) return issue(at, bad);
      const { area, bbox } = rleAreaAndBox(seg as unknown as CocoRle);
      const b = Array.isArray(bb) && bb.length === 4 && bb.every(isNum) ? (bb as number[]) : bbox;
      const box = { x: b[0], y: b[1], w: b[2], h: b[3] };
      if (boxProblem(box) || !area) return issue(at, 'the RLE mask is empty');
      push({ kind: 'box', geometry: box, label, attributes: { ...attributes, mask: { size: (seg as { size: number[] }).size.slice(), counts: seg.counts } } });
      return;
    }
    if (!Array.isArray(bb) || bb.length !== 4) return issue(at, 'no usable "bbox" ([x, y, width, height]) or polygon segmentation');
    const box = { x: bb[0] as number, y: bb[1] as number, w: bb[2] as number, h: bb[3] as number };
    const bad = boxProblem(box);
    if (bad) return issue(at, bad);
    push({ kind: 'box', geometry: box, label, attributes });
  });

  return { images: order, categories: declared, issues };
}
