// COCO object detection JSON (images, annotations, categories). Boxes are [x, y, w, h] in pixels; polygons are
// segmentation rings; a box has an empty segmentation. Object attributes travel in "attributes" (as CVAT writes them).
import { boxProblem, polygonArea, polygonBounds, polygonProblem, type CategoryDef, type ExportCategory, type FormatIssue, type ImageObject, type ImageRecord, type ParsedImages } from './model.ts';

export interface CocoImage { id: number; file_name: string; width: number; height: number }
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  bbox: [number, number, number, number];
  area: number;
  iscrowd: 0 | 1;
  segmentation: number[][] | { counts: unknown; size: unknown };
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
      const base = { id: annId++, image_id: imageId, category_id, iscrowd: 0 as const };
      const { score, ...rest } = o.attributes;
      const attributes = { ...(Object.keys(rest).length ? { attributes: rest } : {}), ...(typeof score === 'number' ? { score } : {}) };
      if (o.kind === 'box') {
        const g = o.geometry;
        out.annotations.push({ ...base, bbox: [g.x, g.y, g.w, g.h], area: g.w * g.h, segmentation: [], ...attributes });
      } else {
        const b = polygonBounds(o.geometry.points);
        out.annotations.push({ ...base, bbox: [b.x, b.y, b.w, b.h], area: polygonArea(o.geometry.points), segmentation: [o.geometry.points.slice()], ...attributes });
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
    const push = (o: ImageObject) => rec.objects.push(o);
    const seg = a.segmentation;
    if (Array.isArray(seg) && seg.length) {
      seg.forEach((ring: unknown, k: number) => {
        const pts = Array.isArray(ring) ? ring : [];
        const bad = Array.isArray(ring) ? polygonProblem(pts) : 'a segmentation ring must be a list of numbers';
        if (bad) return issue(`${where} on ${rec.fileName}${seg.length > 1 ? `, ring ${k}` : ''}`, bad);
        push({ kind: 'polygon', geometry: { points: (pts as number[]).slice() }, label, attributes: { ...attributes } });
      });
      return;
    }
    const bb = a.bbox;
    if (!Array.isArray(bb) || bb.length !== 4) return issue(`${where} on ${rec.fileName}`, 'no usable "bbox" ([x, y, width, height]) or polygon segmentation');
    const box = { x: bb[0] as number, y: bb[1] as number, w: bb[2] as number, h: bb[3] as number };
    const bad = boxProblem(box);
    if (bad) return issue(`${where} on ${rec.fileName}`, bad);
    if (isObj(seg)) issue(`${where} on ${rec.fileName}`, 'an RLE mask cannot be edited here; it was imported as its bounding box');
    push({ kind: 'box', geometry: box, label, attributes });
  });

  return { images: order, categories: declared, issues };
}
