// What the image formats share: a project's image tasks as neutral records (export) and storing parsed records on
// the project's tasks (import). Import rules, chosen so no saved work is ever lost:
// - an image is matched to a task by file name (base name: exact, then case-insensitive, then without extension);
//   no match or two matches → the image is reported and skipped;
// - a task that already has objects keeps them; the file's objects are added beside them, except those already
//   there (same kind, label and geometry), so importing the same file twice changes nothing;
// - submitted/accepted tasks are frozen and skipped; an image whose size differs from the stored one is skipped
//   (its pixel coordinates would land in the wrong place);
// - a category the project's schema lacks becomes a new image label (said in the report's notes);
// - everything is stored in one transaction: a failure leaves the project exactly as it was.
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { AnnotationImportReport } from '../../shared/api/formats.ts';
import { isFrozenStatus, type AttributeDef, type ImportIssue, type ModalitySchema, type ObjectInput, type TaskSummary } from '../../shared/domain.ts';
import { newId } from '../../shared/ids.ts';
import { nextZ } from '../../shared/objects.ts';
import { validateGeometry } from '../../shared/geometry/validate.ts';
import { baseName, coerceAttribute, stem, type ExportCategory, type ImageObject, type ImageRecord, type ParsedImages } from '../../shared/formats/image/model.ts';
import { toInput } from '../store/repositories/annotations.ts';
import { shapeKey } from '../../shared/formats/shapeKey.ts';
import { classIds, mapsOntoLabels, slug, vocabulary, type LabelMapping } from '../../shared/formats/vocabulary.ts';
import { startingLabels } from './projectVocabulary.ts';
import { keptId, mergeNames } from '../../shared/formats/labelStudio.ts';

export interface ProjectImage { task: TaskSummary; fileName: string; width: number; height: number; objects: ImageObject[]; /** How the imported file referred to the image. */ ref?: string }

export interface ProjectExport { images: ProjectImage[]; categories: ExportCategory[]; warnings: string[]; objectCount: number }

/** The project's image tasks in queue order with their objects as records labelled by label NAME; categories carry
 *  the ids kept from the imported dataset (COCO starts new ids at 1, YOLO at 0). */
export function projectImages(core: CoreContext, projectId: string, ctx: JobContext, start: 0 | 1 = 1): ProjectExport {
  const schema = core.projects.get(projectId).schema.image ?? { labels: [], attributes: [] };
  const nameOf = new Map(schema.labels.map((l) => [l.id, l.name]));
  const ids = classIds(schema.labels, start);
  const categories: ExportCategory[] = schema.labels.map((l) => ({ name: l.name, id: ids.get(l.id)!, color: l.color, ...(l.supercategory ? { supercategory: l.supercategory } : {}) }));
  let nextId = Math.max(start - 1, ...categories.map((c) => c.id)) + 1;
  const unknown = new Set<string>();
  const tasks = core.tasks.list(projectId, { kind: ['image'] });
  let objectCount = 0;
  const images = tasks.map((task, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, tasks.length, task.name);
    const asset = core.assets.get(task.assetId);
    const objects: ImageObject[] = [];
    for (const o of core.annotations.list(task.id)) {
      if (o.kind !== 'box' && o.kind !== 'polygon') continue;
      let label = nameOf.get(o.label);
      if (label === undefined) {
        label = o.label;
        if (!unknown.has(label)) {
          unknown.add(label);
          if (!categories.some((c) => c.name === label)) categories.push({ name: label, id: nextId++ });
        }
      }
      objects.push({ kind: o.kind, geometry: o.geometry, label, attributes: o.attributes, z: o.z, origin: o.origin, id: o.id } as ImageObject);
    }
    objectCount += objects.length;
    return { task, fileName: asset.originalName, width: asset.width ?? 0, height: asset.height ?? 0, objects, ...(typeof asset.meta.sourceRef === 'string' ? { ref: asset.meta.sourceRef } : {}) };
  });
  const warnings = [...unknown].map((l) => `label id "${l}" is not in the project's image labels; it was written as a category of that name`);
  return { images, categories, warnings, objectCount };
}

/** File names made unique for formats that write one file per image (a.jpg in two folders → a.txt, a_2.txt). */
export function uniqueStems(images: ProjectImage[], warnings: string[]): string[] {
  const seen = new Map<string, number>();
  return images.map((im) => {
    // The same stem() the YOLO import matches label files with, so an exported name always finds its image again.
    const s = stem(im.fileName);
    const n = (seen.get(s.toLowerCase()) ?? 0) + 1;
    seen.set(s.toLowerCase(), n);
    if (n === 1) return s;
    warnings.push(`two images are named "${s}.*"; the second one's file is ${s}_${n} and will not match its image on import`);
    return `${s}_${n}`;
  });
}

export interface StoreOptions {
  /** Per-record size check (COCO/VOC store pixels; YOLO was scaled with the stored size already). */
  checkSize: boolean;
  /** Names in the file mapped onto labels the project has (--map-labels). */
  mapping?: LabelMapping;
  fixedVocabulary?: boolean;
}

/** Stores parsed records on the project's tasks (see the rules at the top of this file). */
export function storeRecords(core: CoreContext, projectId: string, parsed: ParsedImages, ctx: JobContext, opts: StoreOptions): AnnotationImportReport {
  const skipped: ImportIssue[] = parsed.issues.map((i) => ({ path: i.where, reason: i.reason }));
  const notes: string[] = [];
  const project = core.projects.get(projectId);
  const schema: ModalitySchema = structuredClone(project.schema.image ?? { labels: [], attributes: [] });

  const tasks = core.tasks.list(projectId, { kind: ['image'] });
  const exact = new Map<string, TaskSummary[]>();
  const folded = new Map<string, TaskSummary[]>();
  const stems = new Map<string, TaskSummary[]>();
  const add = (m: Map<string, TaskSummary[]>, k: string, t: TaskSummary) => m.set(k, [...(m.get(k) ?? []), t]);
  for (const t of tasks) {
    const b = baseName(t.name);
    add(exact, b, t);
    add(folded, b.toLowerCase(), t);
    add(stems, stem(b).toLowerCase(), t);
  }

  const start = startingLabels(core, projectId, 'image', parsed.categories.length > 0 && !mapsOntoLabels(opts.mapping));
  const vocab = opts.fixedVocabulary ? vocabulary(schema.labels, [], {}, [], true) : vocabulary(start.labels, parsed.categories, opts.mapping, start.reuse);
  const resolveLabel = vocab.resolve;
  const attrDefs = new Map<string, AttributeDef>();
  for (const a of schema.attributes) {
    attrDefs.set(a.id, a);
    if (!attrDefs.has(a.name.toLowerCase())) attrDefs.set(a.name.toLowerCase(), a);
  }
  // Attributes the file declares (CVAT's label attributes) and the project lacks are added, so export writes them back.
  const addedAttributes: AttributeDef[] = [];
  if (!opts.fixedVocabulary)
    for (const d of parsed.attributes ?? []) {
      if (attrDefs.has(d.name) || attrDefs.has(d.name.toLowerCase())) continue;
      let id = slug(d.name);
      for (let k = 2; attrDefs.has(id); k++) id = `${slug(d.name)}_${k}`;
      const def: AttributeDef = { id, name: d.name.slice(0, 200), type: d.type, ...(d.options ? { options: d.options } : {}), ...(d.default !== undefined ? { default: d.default } : {}), ...(d.labels ? { labels: d.labels.filter((n) => !vocab.skips(n)).map(resolveLabel) } : {}) };
      addedAttributes.push(def);
      attrDefs.set(id, def);
      attrDefs.set(d.name, def);
      if (!attrDefs.has(d.name.toLowerCase())) attrDefs.set(d.name.toLowerCase(), def);
    }
  const resolveAttributes = (attrs: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(attrs)) {
      const def = attrDefs.get(k) ?? attrDefs.get(k.toLowerCase());
      out[def?.id ?? k] = coerceAttribute(v, def?.type);
    }
    return out;
  };

  const writes: { task: TaskSummary; objects: ObjectInput[]; fresh: number }[] = [];
  const pending = new Map<string, number>();
  const shapeKeys = new Map<string, Set<string>>();
  let merged = 0, duplicates = 0, matched = 0;
  const refs = new Map<string, string>();
  const takenIds = new Map<string, Set<string>>();
  parsed.images.forEach((rec: ImageRecord, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, parsed.images.length, rec.fileName);
    if (!rec.objects.length) return;
    const b = baseName(rec.fileName);
    // Last resort: the name without extension (VOC files often say "dog" or "dog.jpeg" for dog.jpg).
    const found = exact.get(b) ?? folded.get(b.toLowerCase()) ?? stems.get(stem(b).toLowerCase()) ?? [];
    const where = `${rec.fileName}`;
    if (!found.length) return skipped.push({ path: where, reason: `no image named ${b} in this project; import the image first (its ${rec.objects.length} object(s) were not imported)` });
    if (found.length > 1) return skipped.push({ path: where, reason: `${found.length} images in this project are named ${b}; rename one so the annotations can be matched` });
    const task = found[0];
    if (isFrozenStatus(task.status)) return skipped.push({ path: where, reason: `the task of ${b} was ${task.status} and is frozen; its annotations were not changed` });
    const asset = core.assets.get(task.assetId);
    if (opts.checkSize && rec.width && rec.height && asset.width && asset.height && (rec.width !== asset.width || rec.height !== asset.height))
      return skipped.push({ path: where, reason: `the file says ${rec.width}×${rec.height} but ${b} is ${asset.width}×${asset.height}; the coordinates would not fit, so nothing was imported for it` });
    matched++;
    const at = pending.get(task.id);
    const entry = at === undefined ? { task, objects: core.annotations.list(task.id).map(toInput), fresh: 0 } : writes[at];
    if (at === undefined) {
      if (entry.objects.length) merged++;
      pending.set(task.id, writes.length);
      writes.push(entry);
    }
    let z = nextZ(entry.objects);
    if (rec.ref) refs.set(task.assetId, rec.ref);
    let keys = shapeKeys.get(task.id);
    if (!keys) shapeKeys.set(task.id, (keys = new Set(entry.objects.map((e) => shapeKey(e.kind, e.label, e.geometry)))));
    let outside = 0;
    // A file that gives a paint order (CVAT z_order) keeps it: z = base + z_order, plus a fraction below 1 that keeps
    // the file's order among equal z_orders (export writes the floor back). Otherwise the file's order from z.
    const ordered = rec.objects.some((o) => o.z !== undefined);
    const base = z;
    rec.objects.forEach((o, k) => {
      if (ordered) o.z = base + (o.z ?? 0) + k / rec.objects.length;
    });
    for (const o of rec.objects) {
      const label = vocab.resolveObject(o.label);
      if (label === null) continue; // the import's mapping skips this name
      // One geometry check for every write path (shared/geometry/validate.ts), here with the image's size: a shape
      // that is not a valid one of its kind, or lies outside the image, is named and skipped.
      const bad = validateGeometry(o.kind, o.geometry, { width: asset.width, height: asset.height });
      if (bad) {
        if (outside++ < 20) skipped.push({ path: where, reason: `a ${o.kind} labelled "${o.label}" was skipped: ${bad.message}` });
        continue;
      }
      const key = shapeKey(o.kind, label, o.geometry);
      if (keys.has(key)) {
        duplicates++;
        continue;
      }
      keys.add(key);
      let taken = takenIds.get(task.id);
      if (!taken) takenIds.set(task.id, (taken = new Set(entry.objects.map((e) => e.id))));
      entry.objects.push({ id: keptId(o.id, taken, () => newId('o')), kind: o.kind, label, geometry: o.geometry, attributes: resolveAttributes(o.attributes), origin: o.origin ?? 'human', z: ordered ? o.z! : z++, hidden: false, locked: false } as ObjectInput);
      entry.fresh++;
    }
    if (outside > 20) skipped.push({ path: where, reason: `${outside - 20} more invalid shape(s) were skipped` });
  });

  const changed = writes.filter((w) => w.fresh > 0);
  const added = vocab.added();
  core.db.transaction(() => {
    const keys = parsed.datasetKeys && JSON.stringify(parsed.datasetKeys) !== JSON.stringify(schema.datasetKeys) ? { datasetKeys: parsed.datasetKeys } : null;
    const ls = parsed.labelStudio && mergeNames(schema.labelStudio, parsed.labelStudio);
    const names = ls && JSON.stringify(ls) !== JSON.stringify(schema.labelStudio) ? { labelStudio: ls } : null;
    if (matched && (vocab.changed() || keys || names || addedAttributes.length))
      core.projects.update(projectId, { schema: { ...project.schema, image: { ...schema, labels: vocab.labels(), attributes: [...schema.attributes, ...addedAttributes], ...keys, ...names } } });
    // The file's reference to each image (Label Studio's data URL) is kept with the image for export.
    for (const [assetId, ref] of refs) core.assets.updateMeta(assetId, { meta: { ...core.assets.get(assetId).meta, sourceRef: ref } });
    for (const w of changed) core.annotations.replaceAll(w.task.id, w.objects);
  })();
  for (const w of changed) core.events.emit('task-changed', { taskId: w.task.id });

  if (added.length) notes.push(`added ${added.length} label(s) the project did not have: ${added.map((l) => l.name).join(', ')}`);
  notes.push(...vocab.mappingNotes());
  if (merged) notes.push(`${merged} task(s) already had objects; they were kept and the file's objects added beside them`);
  if (duplicates) notes.push(`${duplicates} object(s) were already there and were not added twice`);
  return { tasks: changed.length, objects: changed.reduce((n, w) => n + w.fresh, 0), skipped, notes };
}
