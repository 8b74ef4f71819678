// Image formats for `tagger export/import --format` and the Import/Export dialog: COCO JSON (one file), YOLO
// (a folder: labels/*.txt, data.yaml, classes.txt) and Pascal VOC (a folder: Annotations/*.xml). The converters
// are pure (shared/formats/image); this module does the files and hands parsed records to storeRecords.
import fs from 'node:fs';
import path from 'node:path';
import { registerFormats, type FormatAdapter, type ImportOptions } from './registry.ts';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import { TaggerError } from '../../shared/errors.ts';
import { fromCoco, toCoco } from '../../shared/formats/image/coco.ts';
import { dataYamlKeys, fromClassesTxt, fromDataYaml, fromYoloLabels, toClassesTxt, toDataYaml, toYoloLabels } from '../../shared/formats/image/yolo.ts';
import { fromVocXml, toVocXml } from '../../shared/formats/image/voc.ts';
import { fromCvatXml, toCvatXml } from '../../shared/formats/image/cvat.ts';
import { fromLabelStudioImages, toLabelStudioImages } from '../../shared/formats/image/labelStudio.ts';
import { readLsTasks, withoutUploadPrefix } from '../../shared/formats/labelStudio.ts';
import { baseName, stem, type FormatIssue, type ImageRecord, type ParsedImages } from '../../shared/formats/image/model.ts';
import { projectImages, storeRecords, uniqueStems, type ProjectExport } from './imageProject.ts';
import { fileClasses } from '../../shared/formats/vocabulary.ts';
import { decodeUtf8Strict } from '../import/importers/text.ts';

/** Writes via a temporary file and a rename, so an interrupted export never leaves a half file under the name. */
function writeAtomic(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new TaggerError('io', `Could not write ${file} (${code === 'ENOSPC' ? 'the disk is full' : (code ?? (e as Error).message)}).`, { path: file });
  }
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TaggerError(code === 'ENOENT' ? 'not_found' : 'io', `Cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code}).`, { path: file });
  }
  return decodeUtf8Strict(bytes, file);
}

function outputDir(dir: string) {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new TaggerError('invalid_argument', `${dir} is a file; this format writes a folder. Choose a folder path.`);
  fs.mkdirSync(dir, { recursive: true });
}

/** A warning for formats that hold one outline per shape, when some objects have several (COCO multi-ring). */
function multiPartWarning(p: ProjectExport, how: string): string[] {
  const n = p.images.reduce((k, im) => k + im.objects.filter((o) => o.kind === 'polygon' && o.geometry.rings?.length).length, 0);
  return n ? [`${n} object(s) have several outlines (a multi-part COCO instance); this format holds one per shape, so ${how} (COCO keeps them as one instance)`] : [];
}

// ---- COCO ----

async function exportCoco(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  const p = projectImages(core, projectId, ctx);
  const coco = toCoco(p.images, p.categories, new Date(core.now()).toISOString());
  writeAtomic(outPath, JSON.stringify(coco));
  return { path: outPath, tasks: p.images.length, objects: p.objectCount, warnings: p.warnings };
}

async function parseCoco(core: CoreContext, projectId: string, inPath: string, _ctx: JobContext): Promise<ParsedImages> {
  const text = readText(inPath);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TaggerError('corrupt', `${inPath} is not valid JSON (${(e as Error).message}). Nothing was imported.`, { path: inPath });
  }
  const parsed = fromCoco(json, baseName(inPath));
  if (!parsed.images.length && parsed.issues.length) throw new TaggerError('corrupt', `${parsed.issues[0].where}: ${parsed.issues[0].reason}. Nothing was imported.`, { path: inPath });
  return parsed;
}

// ---- YOLO ----

async function exportYolo(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  outputDir(outPath);
  const p = projectImages(core, projectId, ctx, 0);
  const warnings = [...p.warnings];
  // YOLO classes are the positions 0..n-1 of the names list: kept ids when they are exactly that, else renumbered.
  const ordered = [...p.categories].sort((a, b) => a.id - b.id);
  const dense = ordered.every((c, i) => c.id === i);
  if (!dense) warnings.push(`the label ids (${ordered.map((c) => c.id).slice(0, 5).join(', ')}${ordered.length > 5 ? ' …' : ''}) are not 0..${ordered.length - 1}, as YOLO needs; classes were numbered in that order from 0`);
  const names = ordered.map((c) => c.name);
  const classIndex = new Map(names.map((c, i) => [c, i]));
  const stems = uniqueStems(p.images, warnings);
  let mixed = 0, withAttributes = 0;
  p.images.forEach((im, i) => {
    ctx.throwIfCancelled();
    if (!im.width || !im.height) {
      warnings.push(`${im.fileName} has no known size, so its objects cannot be normalised; it was left out`);
      return;
    }
    const kinds = new Set(im.objects.map((o) => o.kind));
    if (kinds.size > 1) mixed++;
    withAttributes += im.objects.filter((o) => Object.keys(o.attributes).length).length;
    // Images without objects get an empty file: YOLO reads that as "background, nothing here".
    writeAtomic(path.join(outPath, 'labels', `${stems[i]}.txt`), toYoloLabels(im.objects, im.width, im.height, classIndex));
  });
  writeAtomic(path.join(outPath, 'data.yaml'), toDataYaml(names, core.projects.get(projectId).schema.image?.datasetKeys));
  writeAtomic(path.join(outPath, 'classes.txt'), toClassesTxt(names));
  warnings.push(...multiPartWarning(p, 'each outline was written as its own line'));
  if (mixed) warnings.push(`${mixed} image(s) have both boxes and polygons; both were written, but a YOLO trainer uses one kind per dataset`);
  if (withAttributes) warnings.push(`YOLO has no attributes: those of ${withAttributes} object(s) were not written (use COCO or VOC to keep them)`);
  warnings.push('images are not copied: put them in images/ beside labels/ to train');
  return { path: outPath, tasks: p.images.length, objects: p.objectCount, warnings };
}

function yoloClassNames(dir: string): { names: string[]; keys?: [string, string][] } {
  const txt = path.join(dir, 'classes.txt');
  const yaml = ['data.yaml', 'dataset.yaml', 'data.yml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (yaml) {
    const text = readText(yaml);
    const names = fromDataYaml(text);
    if (names?.length) return { names, keys: dataYamlKeys(text) };
  }
  if (fs.existsSync(txt)) return { names: fromClassesTxt(readText(txt)) };
  throw new TaggerError('invalid_argument', `${dir} has no data.yaml (with names) or classes.txt, so YOLO class numbers cannot be named. Nothing was imported.`, { path: dir });
}

async function parseYolo(core: CoreContext, projectId: string, inPath: string, ctx: JobContext): Promise<ParsedImages> {
  if (!fs.existsSync(inPath)) throw new TaggerError('not_found', `${inPath} does not exist.`, { path: inPath });
  // Accept the dataset folder, its labels/ folder, or one label file inside it.
  const isDir = fs.statSync(inPath).isDirectory();
  const root = isDir ? (path.basename(inPath) === 'labels' ? path.dirname(inPath) : inPath) : path.dirname(path.dirname(inPath));
  const labelsDir = isDir ? (fs.existsSync(path.join(root, 'labels')) ? path.join(root, 'labels') : inPath) : path.dirname(inPath);
  const { names, keys } = yoloClassNames(fs.existsSync(path.join(root, 'classes.txt')) || fs.existsSync(path.join(root, 'data.yaml')) ? root : labelsDir);
  const files = isDir ? fs.readdirSync(labelsDir).filter((f) => f.endsWith('.txt') && f !== 'classes.txt').sort() : [path.basename(inPath)];
  // YOLO coordinates are fractions of the image size, so the stored image must be known before reading a line.
  const byStem = new Map<string, { name: string; width: number; height: number }[]>();
  for (const t of core.tasks.list(projectId, { kind: ['image'] })) {
    const a = core.assets.get(t.assetId);
    const key = stem(t.name);
    byStem.set(key, [...(byStem.get(key) ?? []), { name: t.name, width: a.width ?? 0, height: a.height ?? 0 }]);
  }
  const issues: FormatIssue[] = [];
  const images: ImageRecord[] = [];
  files.forEach((f, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, files.length, f);
    const s = f.slice(0, -4);
    const match = byStem.get(s) ?? [];
    if (match.length !== 1) {
      const text = readText(path.join(labelsDir, f));
      if (!text.trim()) return;
      return issues.push({ where: `labels/${f}`, reason: match.length ? `${match.length} images in this project are named ${s}.*; rename one so the labels can be matched` : `no image named ${s}.* in this project; import the image first` });
    }
    const im = match[0];
    const r = fromYoloLabels(readText(path.join(labelsDir, f)), `labels/${f}`, im.width, im.height, names);
    issues.push(...r.issues);
    images.push({ fileName: im.name, width: im.width, height: im.height, objects: r.objects });
  });
  return { images, categories: names.map((name, id) => ({ name, id })), issues, datasetKeys: keys };
}

// ---- Pascal VOC ----

async function exportVoc(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  outputDir(outPath);
  const p = projectImages(core, projectId, ctx);
  const warnings = [...p.warnings];
  const stems = uniqueStems(p.images, warnings);
  let polygons = 0;
  p.images.forEach((im, i) => {
    ctx.throwIfCancelled();
    polygons += im.objects.filter((o) => o.kind === 'polygon').length;
    writeAtomic(path.join(outPath, 'Annotations', `${stems[i]}.xml`), toVocXml({ ...im, fileName: baseName(im.fileName) }, 'JPEGImages'));
  });
  writeAtomic(path.join(outPath, 'ImageSets', 'Main', 'default.txt'), stems.join('\n') + (stems.length ? '\n' : ''));
  warnings.push(...multiPartWarning(p, 'the <bndbox> covers every outline and the <polygon> element holds the first'));
  if (polygons) warnings.push(`VOC has no polygons: ${polygons} polygon(s) were written as their bounding box plus a <polygon> element that standard VOC readers ignore`);
  return { path: outPath, tasks: p.images.length, objects: p.objectCount, warnings };
}

async function parseVoc(core: CoreContext, projectId: string, inPath: string, ctx: JobContext): Promise<ParsedImages> {
  if (!fs.existsSync(inPath)) throw new TaggerError('not_found', `${inPath} does not exist.`, { path: inPath });
  let files: string[];
  if (fs.statSync(inPath).isDirectory()) {
    const dir = fs.existsSync(path.join(inPath, 'Annotations')) ? path.join(inPath, 'Annotations') : inPath;
    files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.xml')).sort().map((f) => path.join(dir, f));
    if (!files.length) throw new TaggerError('invalid_argument', `${dir} has no .xml files. Point at a VOC folder (with Annotations/) or one .xml file.`, { path: dir });
  } else files = [inPath];
  const issues: FormatIssue[] = [];
  const images: ImageRecord[] = [];
  files.forEach((f, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, files.length, path.basename(f));
    const r = fromVocXml(readText(f), path.basename(f));
    issues.push(...r.issues);
    if (r.record) images.push(r.record);
  });
  return { images, categories: [], issues };
}

// ---- CVAT for images 1.1 ----

async function exportCvat(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  const project = core.projects.get(projectId);
  const schema = project.schema.image ?? { labels: [], attributes: [] };
  const p = projectImages(core, projectId, ctx, 0);
  const labelName = new Map(schema.labels.map((l) => [l.id, l.name]));
  const attributes = schema.attributes.map((a) => ({ name: a.name, type: a.type, options: a.options, default: a.default, labels: a.labels?.map((id) => labelName.get(id) ?? id) }));
  // Objects carry attribute ids; CVAT names them. Shape fields (occluded, source …) keep their own names.
  const attrName = new Map(schema.attributes.filter((a) => !['occluded', 'rotation', 'group_id', 'source'].includes(a.id)).map((a) => [a.id, a.name]));
  const records = p.images.map((im) => ({
    ...im,
    objects: im.objects.map((o) => ({ ...o, attributes: Object.fromEntries(Object.entries(o.attributes).map(([k, v]) => [attrName.get(k) ?? k, v])) })),
  }));
  // Declared: attributes scoped to labels (as CVAT declares them) or used by an object; occluded is a CVAT shape
  // field, and the starter flags nothing uses would add declarations the dataset never had.
  const used = new Set(records.flatMap((im) => im.objects.flatMap((o) => Object.keys(o.attributes))));
  const declared = attributes.filter((a) => a.name.toLowerCase() !== 'occluded' && (a.labels || used.has(a.name)));
  writeAtomic(outPath, toCvatXml(records, p.categories, declared, { name: project.name, dumped: new Date(core.now()).toISOString() }));
  return { path: outPath, tasks: p.images.length, objects: p.objectCount, warnings: [...p.warnings, ...multiPartWarning(p, 'only the first outline was written')] };
}

async function parseCvat(core: CoreContext, projectId: string, inPath: string, _ctx: JobContext): Promise<ParsedImages> {
  const parsed = fromCvatXml(readText(inPath), baseName(inPath));
  if (!parsed.images.length && parsed.issues.length) throw new TaggerError('corrupt', `${parsed.issues[0].where}: ${parsed.issues[0].reason}. Nothing was imported.`, { path: inPath });
  return parsed;
}

// ---- Label Studio JSON (images) ----

async function exportLabelStudio(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  const p = projectImages(core, projectId, ctx);
  const r = toLabelStudioImages(p.images, core.projects.get(projectId).schema.image?.labelStudio);
  writeAtomic(outPath, r.text);
  return { path: outPath, tasks: p.images.length, objects: p.objectCount, warnings: [...p.warnings, ...r.warnings, ...multiPartWarning(p, 'only the first outline was written')] };
}

async function parseLabelStudio(core: CoreContext, projectId: string, inPath: string, _ctx: JobContext): Promise<ParsedImages> {
  let parsed: ParsedImages;
  try {
    parsed = fromLabelStudioImages(readLsTasks(readText(inPath)), baseName(inPath));
  } catch (e) {
    throw new TaggerError('corrupt', `${inPath}: ${(e as Error).message}. Nothing was imported.`, { path: inPath });
  }
  // Uploaded files are named "6b1ad2a6-cat.jpg" in Label Studio; the project knows them as "cat.jpg".
  const names = new Set(core.tasks.list(projectId, { kind: ['image'] }).map((t) => baseName(t.name)));
  for (const rec of parsed.images) {
    const plain = withoutUploadPrefix(rec.fileName);
    if (!names.has(rec.fileName) && plain && names.has(plain)) rec.fileName = plain;
  }
  return parsed;
}

type ImageParser = (core: CoreContext, projectId: string, inPath: string, ctx: JobContext) => Promise<ParsedImages>;

/** Import stores what the parser read (checkSize: the file's own image sizes are checked against the stored ones;
 *  YOLO was scaled with the stored size already); inspect lists the file's classes for the mapping step. */
function reading(parse: ImageParser, checkSize: boolean): Pick<FormatAdapter, 'import' | 'inspect'> {
  return {
    import: async (core, projectId, inPath, ctx, options: ImportOptions = {}): Promise<AnnotationImportReport> => storeRecords(core, projectId, await parse(core, projectId, inPath, ctx), ctx, { ...options, checkSize }),
    inspect: async (core, projectId, inPath, ctx) => {
      const parsed = await parse(core, projectId, inPath, ctx);
      return fileClasses(parsed.categories, parsed.images.flatMap((im) => im.objects.map((o) => o.label)));
    },
  };
}

const adapters: FormatAdapter[] = [
  { id: 'coco', label: 'COCO JSON', kind: 'image', output: 'file', extension: 'json', export: exportCoco, ...reading(parseCoco, true) },
  { id: 'yolo', label: 'YOLO (detection + segmentation)', kind: 'image', output: 'directory', export: exportYolo, ...reading(parseYolo, false) },
  { id: 'voc', label: 'Pascal VOC XML', kind: 'image', output: 'directory', export: exportVoc, ...reading(parseVoc, true) },
  { id: 'label-studio-image', label: 'Label Studio JSON (images)', kind: 'image', output: 'file', extension: 'json', export: exportLabelStudio, ...reading(parseLabelStudio, true) },
  { id: 'cvat', label: 'CVAT for images 1.1 XML', kind: 'image', output: 'file', extension: 'xml', export: exportCvat, ...reading(parseCvat, true) },
];

registerFormats(...adapters);
