// Text formats for `tagger export/import --format`: CoNLL-2003 BIO, doccano JSONL, spaCy JSON, Label Studio JSON.
// Export writes every text task of a project into one file. Import matches each document to a task by its text
// (the asset id is the SHA-256 of the UTF-8 text) and adds the spans it does not already have, so importing the
// same file twice changes nothing and no stored annotation is ever replaced.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { registerFormats, type FormatAdapter, type ImportOptions } from './registry.ts';
import { startingLabels } from './projectVocabulary.ts';
import { fileClasses, mapsOntoLabels, vocabulary } from '../../shared/formats/vocabulary.ts';
import { defaultSchema } from '../../shared/defaultSchema.ts';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import { isFrozenStatus, type ImportIssue, type ObjectInput } from '../../shared/domain.ts';
import { nextZ } from '../../shared/objects.ts';
import { TaggerError } from '../../shared/errors.ts';
import { writeConll, parseConll, packColumns, unpackColumns } from '../../shared/formats/text/conll.ts';
import { writeDoccano, parseDoccano } from '../../shared/formats/text/doccano.ts';
import { writeSpacy, parseSpacy } from '../../shared/formats/text/spacy.ts';
import { writeLabelStudio, parseLabelStudio } from '../../shared/formats/text/labelStudio.ts';
import { docToObjects, objectsToDoc } from '../../shared/formats/text/objects.ts';
import { mergeNames } from '../../shared/formats/labelStudio.ts';
import type { ParseResult, TextDoc } from '../../shared/formats/text/model.ts';
import { toInput } from '../store/repositories/annotations.ts';
import type { TaskSource } from '../store/repositories/tasks.ts';
import { REPEAT_SOURCE, VersionRepository } from '../review/versions.ts';
import { decodeUtf8Strict } from '../import/importers/text.ts';

/** The project's text tasks as documents with label NAMES, and what the source file said about each document
 *  (its name or id, doccano meta, CoNLL columns: kept with the project's task at import). */
function projectDocs(core: CoreContext, projectId: string, ctx: JobContext): TextDoc[] {
  const tasks = core.tasks.list(projectId, { kind: ['text'] });
  const nameOf = new Map((core.projects.get(projectId).schema.text?.labels ?? []).map((l) => [l.id, l.name]));
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  const asDoc = (name: string, text: string, objects: Parameters<typeof objectsToDoc>[2], m: TaskSource | Record<string, unknown>): TextDoc => {
    const doc = objectsToDoc(typeof m.sourceName === 'string' ? m.sourceName : name, text, objects);
    return {
      ...doc,
      spans: doc.spans.map((sp) => ({ ...sp, label: nameOf.get(sp.label) ?? sp.label })),
      ...(m.sourceMeta && typeof m.sourceMeta === 'object' ? { meta: m.sourceMeta as Record<string, unknown> } : {}),
      ...(unpackColumns(m.conllColumns) ? { columns: unpackColumns(m.conllColumns)! } : {}),
    };
  };
  return tasks.flatMap((t, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, tasks.length, t.name);
    const source = core.tasks.source(t.id);
    const text = decodeUtf8Strict(fs.readFileSync(core.media.pathOf(t.assetId)), t.name);
    // Records of the source that repeated this text with other labels (kept as versions at import) follow it.
    const repeats = versions
      .list(t.id)
      .filter((v) => v.source === REPEAT_SOURCE)
      .sort((a, b) => String(a.meta.sourceName ?? a.annotator).localeCompare(String(b.meta.sourceName ?? b.annotator), undefined, { numeric: true }))
      .map((v) => asDoc(t.name, text, versions.objectsOf(v.annotator).list(t.id), { ...v.meta, ...(v.meta.sourceName === undefined ? { sourceMeta: v.meta.sourceMeta ?? source.sourceMeta } : {}) }));
    return [asDoc(t.name, text, core.annotations.list(t.id), source), ...repeats];
  });
}

function exporter(write: (docs: TextDoc[], core: CoreContext, projectId: string) => { text: string; warnings: string[] }) {
  return async (core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> => {
    const docs = projectDocs(core, projectId, ctx);
    const { text, warnings } = write(docs, core, projectId);
    fs.writeFileSync(outPath, text);
    const objects = docs.reduce((n, d) => n + d.spans.length + d.relations.length + d.docLabels.length, 0);
    return { path: outPath, tasks: docs.length, objects, warnings };
  };
}

type TextParser = (src: string) => ParseResult;

function readParsed(parse: TextParser, inPath: string): ParseResult {
  const src = decodeUtf8Strict(fs.readFileSync(inPath), inPath);
  try {
    return parse(src);
  } catch (e) {
    throw new TaggerError('corrupt', `${inPath} could not be read: ${(e as Error).message}`);
  }
}

/** Import and the mapping step's list of span labels, for one text format. */
function reading(parse: TextParser): Pick<FormatAdapter, 'import' | 'inspect'> {
  return {
    import: importer(parse),
    inspect: async (_core, _projectId, inPath) => fileClasses([], readParsed(parse, inPath).docs.flatMap((d) => d.spans.map((sp) => sp.label))),
  };
}

function importer(parse: TextParser) {
  return async (core: CoreContext, projectId: string, inPath: string, ctx: JobContext, options: ImportOptions = {}): Promise<AnnotationImportReport> => {
    const parsed = readParsed(parse, inPath);
    const skipped: ImportIssue[] = parsed.warnings.map((w) => ({ path: w.line ? `${inPath}:${w.line}` : inPath, reason: w.reason }));
    // Span labels are names as the file writes them; the project's labels are matched exactly (or via the mapping).
    const hasSpans = parsed.docs.some((d) => d.spans.length);
    const start = startingLabels(core, projectId, 'text', hasSpans && !mapsOntoLabels(options.mapping));
    const vocab = options.fixedVocabulary ? vocabulary(core.projects.get(projectId).schema.text?.labels ?? [], [], {}, [], true) : vocabulary(start.labels, [], options.mapping, start.reuse);
    // Labels as the vocabulary resolves them; spans the mapping skips go, with the relations that join them.
    const mapDoc = (doc: TextDoc): TextDoc => {
      const spans = doc.spans.flatMap((sp) => {
        const label = vocab.resolveObject(sp.label);
        return label === null ? [] : [{ ...sp, label }];
      });
      const ids = new Set(spans.map((sp) => sp.id));
      return { ...doc, spans, relations: doc.relations.filter((r) => ids.has(r.from) && ids.has(r.to)) };
    };
    const writes: { taskId: string; objects: ObjectInput[]; added: number }[] = [];
    const pending = new Map<string, number>();
    const firstName = new Map<string, string | undefined>();
    const repeats: { taskId: string; doc: TextDoc }[] = [];
    const sources: { taskId: string; source: TaskSource }[] = [];
    parsed.docs.forEach((doc, i) => {
      ctx.throwIfCancelled();
      ctx.progress(i, parsed.docs.length);
      const where = `${inPath} (${doc.name ?? `document ${i + 1}`})`;
      const sha = createHash('sha256').update(doc.text, 'utf8').digest('hex');
      const task = core.tasks.findByAsset(projectId, sha);
      if (!task) { skipped.push({ path: where, reason: 'no task in this project has this exact text; import the text first' }); return; }
      if (isFrozenStatus(task.status)) { skipped.push({ path: where, reason: `the task was ${task.status} and is frozen; its annotations were not changed` }); return; }
      const at = pending.get(task.id);
      // A second record of the same text in this file with its own id (a repeated doccano line) is kept whole as
      // another annotator's version, as the file importer does, instead of being merged into the first.
      if (at !== undefined && doc.name !== undefined && doc.name !== firstName.get(task.id)) {
        repeats.push({ taskId: task.id, doc: mapDoc(doc) });
        return;
      }
      if (at === undefined) {
        firstName.set(task.id, doc.name);
        // The record's own id and metadata (doccano id/meta) are kept with the task, as the file importer does.
        const m = core.tasks.source(task.id, { columns: false });
        if ((doc.name !== undefined && m.sourceName === undefined) || (doc.meta && m.sourceMeta === undefined))
          sources.push({ taskId: task.id, source: { ...(doc.name !== undefined && m.sourceName === undefined ? { sourceName: doc.name } : {}), ...(doc.meta && m.sourceMeta === undefined ? { sourceMeta: doc.meta } : {}) } });
      }
      const entry = at === undefined ? { taskId: task.id, objects: core.annotations.list(task.id).map(toInput), added: 0 } : writes[at];
      if (at === undefined) { pending.set(task.id, writes.length); writes.push(entry); }
      const have = new Set(entry.objects.filter((o) => o.kind === 'span').map((o) => { const g = o.geometry as { start: number; end: number }; return `${g.start}:${g.end}:${o.label}`; }));
      const mappedDoc = mapDoc(doc);
      const fresh = { ...mappedDoc, spans: mappedDoc.spans.filter((sp) => !have.has(`${sp.start}:${sp.end}:${sp.label}`)) };
      const haveLabels = new Set(entry.objects.filter((o) => o.kind === 'doclabel').map((o) => o.label));
      fresh.docLabels = doc.docLabels.filter((l) => !haveLabels.has(l));
      const added = docToObjects(fresh, nextZ(entry.objects), parsed.labelStudio ? new Set(entry.objects.map((o) => o.id)) : undefined);
      entry.objects.push(...added);
      entry.added += added.length;
    });
    const changed = writes.filter((w) => w.added > 0);
    const project = core.projects.get(projectId);
    let repeated = 0;
    const text = project.schema.text ?? { labels: [], attributes: [] };
    const kept = parsed.labelStudio && mergeNames(text.labelStudio, parsed.labelStudio);
    const namesChanged = !!kept && JSON.stringify(kept) !== JSON.stringify(text.labelStudio);
    core.db.transaction(() => {
      if ((changed.length || repeats.length) && (vocab.changed() || namesChanged)) core.projects.update(projectId, { schema: { ...project.schema, text: { ...text, labels: vocab.labels(), ...(kept ? { labelStudio: kept } : {}) } } });
      for (const w of changed) core.annotations.replaceAll(w.taskId, w.objects);
      for (const src of sources) core.tasks.setSource(src.taskId, src.source);
      const versions = new VersionRepository(core.db, core.tasks, core.now);
      for (const r of repeats)
        if (versions.addRepeat(r.taskId, docToObjects(r.doc), { sourceName: r.doc.name, ...(r.doc.meta ? { sourceMeta: r.doc.meta } : {}), ...(r.doc.columns ? { conllColumns: packColumns(r.doc.columns) } : {}) })) repeated++;
    })();
    for (const w of changed) core.events.emit('task-changed', { taskId: w.taskId });
    const notes = changed.length && vocab.added().length ? [`added ${vocab.added().length} label(s) the project did not have: ${vocab.added().map((l) => l.name).join(', ')}`] : [];
    notes.push(...vocab.mappingNotes());
    if (repeated) notes.push(`${repeated} record(s) repeat a text of the file with other labels; each was kept as another annotator's version of its task`);
    return { tasks: changed.length, objects: changed.reduce((n, w) => n + w.added, 0), skipped, notes };
  };
}

/** The document-label options spaCy lists in every doc's cats: the project's own, not the starter ones. */
function catOptions(options: string[] | undefined): string[] {
  const starter = defaultSchema().text?.documentLabels?.options ?? [];
  return options && JSON.stringify(options) !== JSON.stringify(starter) ? options : [];
}

const adapters: FormatAdapter[] = [
  { id: 'conll', label: 'CoNLL-2003 BIO', kind: 'text', output: 'file', extension: 'conll', export: exporter((d) => writeConll(d)), ...reading(parseConll) },
  {
    id: 'doccano', label: 'doccano JSONL', kind: 'text', output: 'file', extension: 'jsonl',
    export: exporter((d) => ({ text: writeDoccano(d), warnings: [] })), ...reading(parseDoccano),
  },
  {
    id: 'spacy', label: 'spaCy JSON Lines (Doc.to_json per line)', kind: 'text', output: 'file', extension: 'jsonl',
    export: exporter((d, core, projectId) => ({ text: writeSpacy(d, { cats: catOptions(core.projects.get(projectId).schema.text?.documentLabels?.options) }), warnings: [] })),
    ...reading(parseSpacy),
  },
  {
    id: 'label-studio-text', label: 'Label Studio JSON (text)', kind: 'text', output: 'file', extension: 'json',
    export: exporter((d, core, projectId) => ({ text: writeLabelStudio(d, core.projects.get(projectId).schema.text?.labelStudio), warnings: [] })), ...reading(parseLabelStudio),
  },
];

registerFormats(...adapters);
