// Text formats for `tagger export/import --format`: CoNLL-2003 BIO, doccano JSONL, spaCy JSON, Label Studio JSON.
// Export writes every text task of a project into one file. Import matches each document to a task by its text
// (the asset id is the SHA-256 of the UTF-8 text) and adds the spans it does not already have, so importing the
// same file twice changes nothing and no stored annotation is ever replaced.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { registerFormats, type FormatAdapter } from './registry.ts';
import type { Core } from '../core/createCore.ts';
import type { JobContext } from '../core/jobs.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import type { ImportIssue } from '../../shared/domain.ts';
import { nextZ } from '../../shared/objects.ts';
import { TaggerError } from '../../shared/errors.ts';
import { writeConll, parseConll } from '../../shared/formats/text/conll.ts';
import { writeDoccano, parseDoccano } from '../../shared/formats/text/doccano.ts';
import { writeSpacy, parseSpacy } from '../../shared/formats/text/spacy.ts';
import { writeLabelStudio, parseLabelStudio } from '../../shared/formats/text/labelStudio.ts';
import { docToObjects, objectsToDoc } from '../../shared/formats/text/objects.ts';
import type { ParseResult, TextDoc } from '../../shared/formats/text/model.ts';
import { toInput } from '../store/repositories/annotations.ts';
import { decodeUtf8Strict } from '../import/importers/text.ts';

function projectDocs(core: Core, projectId: string, ctx: JobContext): TextDoc[] {
  const tasks = core.tasks.list(projectId, { kind: ['text'] });
  return tasks.map((t, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, tasks.length, t.name);
    const text = decodeUtf8Strict(fs.readFileSync(core.media.pathOf(t.assetId)), t.name);
    return objectsToDoc(t.name, text, core.annotations.list(t.id));
  });
}

function exporter(write: (docs: TextDoc[], core: Core, projectId: string) => { text: string; warnings: string[] }) {
  return async (core: Core, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> => {
    const docs = projectDocs(core, projectId, ctx);
    const { text, warnings } = write(docs, core, projectId);
    fs.writeFileSync(outPath, text);
    const objects = docs.reduce((n, d) => n + d.spans.length + d.relations.length + d.docLabels.length, 0);
    return { path: outPath, tasks: docs.length, objects, warnings };
  };
}

function importer(parse: (src: string) => ParseResult) {
  return async (core: Core, projectId: string, inPath: string, ctx: JobContext): Promise<AnnotationImportReport> => {
    const src = decodeUtf8Strict(fs.readFileSync(inPath), inPath);
    let parsed: ParseResult;
    try {
      parsed = parse(src);
    } catch (e) {
      throw new TaggerError('corrupt', `${inPath} could not be read: ${(e as Error).message}`);
    }
    const skipped: ImportIssue[] = parsed.warnings.map((w) => ({ path: w.line ? `${inPath}:${w.line}` : inPath, reason: w.reason }));
    let tasks = 0, objects = 0;
    parsed.docs.forEach((doc, i) => {
      ctx.throwIfCancelled();
      ctx.progress(i, parsed.docs.length);
      const sha = createHash('sha256').update(doc.text, 'utf8').digest('hex');
      const task = core.tasks.findByAsset(projectId, sha);
      if (!task) { skipped.push({ path: `${inPath} (${doc.name ?? `document ${i + 1}`})`, reason: 'no task in this project has this exact text; import the text first' }); return; }
      const existing = core.annotations.list(task.id);
      const have = new Set(existing.filter((o) => o.kind === 'span').map((o) => { const g = o.geometry as { start: number; end: number }; return `${g.start}:${g.end}:${o.label}`; }));
      const fresh = { ...doc, spans: doc.spans.filter((s) => !have.has(`${s.start}:${s.end}:${s.label}`)) };
      const haveLabels = new Set(existing.filter((o) => o.kind === 'doclabel').map((o) => o.label));
      fresh.docLabels = doc.docLabels.filter((l) => !haveLabels.has(l));
      const added = docToObjects(fresh, nextZ(existing));
      if (!added.length) return;
      core.annotations.replaceAll(task.id, [...existing.map(toInput), ...added]);
      tasks++;
      objects += added.length;
    });
    return { tasks, objects, skipped };
  };
}

const adapters: FormatAdapter[] = [
  { id: 'conll', label: 'CoNLL-2003 BIO', kind: 'text', output: 'file', extension: 'conll', export: exporter((d) => writeConll(d)), import: importer(parseConll) },
  {
    id: 'doccano', label: 'doccano JSONL', kind: 'text', output: 'file', extension: 'jsonl',
    export: exporter((d) => ({ text: writeDoccano(d), warnings: [] })), import: importer(parseDoccano),
  },
  {
    id: 'spacy', label: 'spaCy JSON (Doc.to_json)', kind: 'text', output: 'file', extension: 'json',
    export: exporter((d, core, projectId) => ({ text: writeSpacy(d, { cats: core.projects.get(projectId).schema.text?.documentLabels?.options }), warnings: [] })),
    import: importer(parseSpacy),
  },
  {
    id: 'label-studio-text', label: 'Label Studio JSON (text)', kind: 'text', output: 'file', extension: 'json',
    export: exporter((d) => ({ text: writeLabelStudio(d), warnings: [] })), import: importer(parseLabelStudio),
  },
];

registerFormats(...adapters);
