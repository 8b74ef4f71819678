// Text datasets written the way other tools write them (doccano JSONL with meta, CoNLL-2003 with POS and chunk
// columns) go through `tagger import` and `tagger export` and come back as they were: label names as written, no
// starter labels, extra columns and metadata kept, texts repeated with different labels not lost; spaCy export
// in the shape Doc.from_json reads.
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { runExport, runImport } from './run.ts';
import { VersionRepository } from '../review/versions.ts';

let core: Core | null = null;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-exchange-text-'));
afterEach(async () => { await core?.close(); core = null; });

async function importFile(name: string, content: string) {
  const dir = tmp();
  core = createCore({ dataDir: path.join(dir, 'data') });
  const project = core.projects.create({ name: 'T' });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const report = await core.imports.importPaths(project.id, [file]);
  return { dir, projectId: project.id, report };
}

// CoNLL-2003 as distributed (eng.train): token, POS, chunk, NER; -DOCSTART- between documents.
const CONLL = [
  '-DOCSTART- -X- -X- O', '',
  'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP B-MISC', 'call NN I-NP O', 'to TO B-VP O', 'boycott VB I-VP O', 'British JJ B-NP B-MISC', 'lamb NN I-NP O', '. . O O', '',
  'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER', '',
  '',
].join('\n');

describe('CoNLL-2003', () => {
  it('comes back with its POS and chunk columns and its tags as written', async () => {
    const { dir, projectId, report } = await importFile('eng.conll', CONLL);
    expect(report).toMatchObject({ imported: 1, failed: [] });
    const labels = core!.projects.get(projectId).schema.text!.labels.map((l) => l.name);
    expect(labels).toEqual(['ORG', 'MISC', 'PER']);
    const out = path.join(dir, 'out.conll');
    await runExport(core!, projectId, 'conll', out);
    expect(fs.readFileSync(out, 'utf8')).toBe(CONLL);
  });
});

// doccano's JSONL export of a sequence-labeling project: id, text, label [[start, end, name]], meta.
const DOCCANO = [
  { id: 7, text: 'Kyoto is in Japan.', label: [[0, 5, 'city'], [12, 17, 'country']], meta: { source: 'wiki', split: 'train' } },
  { id: 8, text: 'Kyoto is in Japan.', label: [[0, 5, 'location']], meta: { source: 'news' } },
  { id: 9, text: 'Nothing here.', label: [], meta: {} },
];

describe('doccano JSONL', () => {
  it('keeps label names as written (no starter labels), meta, and every line of a repeated text', async () => {
    const { dir, projectId, report } = await importFile('export.jsonl', DOCCANO.map((d) => JSON.stringify(d)).join('\n') + '\n');
    expect(report.failed).toEqual([]);
    // The repeated text is one task (content-addressed); its second line is kept whole as another annotator's
    // version of it (shown side by side in Review), not merged into the first and not dropped.
    expect(report).toMatchObject({ imported: 2, duplicates: 0, versions: 1 });
    const task = core!.tasks.list(projectId)[0];
    const versions = new VersionRepository(core!.db, core!.tasks).list(task.id);
    expect(versions.map((v) => [v.annotator, v.meta])).toEqual([['line-8', { sourceName: '8', sourceMeta: { source: 'news' } }]]);
    const schema = core!.projects.get(projectId).schema.text!;
    expect(schema.labels.map((l) => l.name)).toEqual(['city', 'country', 'location']);
    const out = path.join(dir, 'out.jsonl');
    await runExport(core!, projectId, 'doccano', out);
    const back = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const norm = (d: { id?: number; text: string; meta?: unknown; label?: unknown[]; entities?: { start_offset: number; end_offset: number; label: string }[] }) => ({
      id: d.id, text: d.text, meta: d.meta ?? {},
      spans: (d.entities ? d.entities.map((e) => [e.start_offset, e.end_offset, e.label]) : (d.label ?? [])).sort(),
    });
    // Every line comes back, each with its own id, labels and meta.
    expect(back.map(norm)).toEqual(DOCCANO.map(norm));
    // Importing the same file again changes nothing.
    const again = await core!.imports.importPaths(projectId, [path.join(dir, 'export.jsonl')]);
    expect([again.imported, again.versions ?? 0]).toEqual([0, 0]);
    expect(new VersionRepository(core!.db, core!.tasks).list(task.id)).toHaveLength(1);
  });
});

describe('doccano JSONL as --annotations onto texts already in the project', () => {
  it('keeps the repeated line as a version and gives back every line', async () => {
    const dir = tmp();
    const c = (core = createCore({ dataDir: path.join(dir, 'data') }));
    const projectId = c.projects.create({ name: 'T' }).id;
    fs.writeFileSync(path.join(dir, 'a.txt'), DOCCANO[0].text);
    fs.writeFileSync(path.join(dir, 'b.txt'), DOCCANO[2].text);
    await c.imports.importPaths(projectId, [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);
    const file = path.join(dir, 'export.jsonl');
    fs.writeFileSync(file, DOCCANO.map((d) => JSON.stringify(d)).join('\n') + '\n');
    const r = await runImport(c, projectId, 'doccano', file);
    expect(r.notes).toContain("1 record(s) repeat a text of the file with other labels; each was kept as another annotator's version of its task");
    const out = path.join(dir, 'out.jsonl');
    await runExport(c, projectId, 'doccano', out);
    const back = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const spans = (d: { label?: unknown[]; entities?: { start_offset: number; end_offset: number; label: string }[] }) => (d.entities ? d.entities.map((e) => [e.start_offset, e.end_offset, e.label]) : (d.label ?? [])).sort();
    expect(back.map((d) => [d.id, d.text, spans(d), d.meta ?? {}])).toEqual(DOCCANO.map((d) => [d.id, d.text, spans(d), d.meta]));
    expect(((await runImport(c, projectId, 'doccano', file)).notes ?? []).join()).not.toMatch(/repeat/);
  });
});

describe('spaCy', () => {
  it('writes one Doc.to_json() object per line: tokens aligned with entities, float cats, nothing Doc.from_json rejects', async () => {
    const { dir, projectId } = await importFile('d.jsonl', JSON.stringify({ text: 'Ms. Lee moved to São Paulo', label: [[4, 7, 'PERSON'], [17, 26, 'GPE'], 'relocation'] }) + '\n');
    const out = path.join(dir, 'out.spacy.jsonl');
    await runExport(core!, projectId, 'spacy', out);
    const text = fs.readFileSync(out, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0]);
    // DocJSONSchema: only these keys; cats are floats (StrictFloat), so 1.0 and never 1.
    for (const k of Object.keys(doc)) expect(['text', 'ents', 'sents', 'cats', 'tokens', 'spans', '_']).toContain(k);
    expect(lines[0]).toMatch(/"cats":\{"relocation":1\.0\}/);
    expect(doc.ents).toEqual([{ start: 4, end: 7, label: 'PERSON' }, { start: 17, end: 26, label: 'GPE' }]);
    const starts = new Set(doc.tokens.map((t: { start: number }) => t.start));
    const ends = new Set(doc.tokens.map((t: { end: number }) => t.end));
    for (const e of doc.ents) expect(starts.has(e.start) && ends.has(e.end)).toBe(true);
    expect(doc.sents).toEqual([{ start: 0, end: 26 }]);
  });
});

// The same text imported into two projects from different files (another tagger's POS columns, another record id):
// the text is one shared asset, but what each file said about it belongs to that project's task.
describe('the same text in two projects', () => {
  it('each project exports the columns, id and meta of the file it imported, not the other project\'s', async () => {
    const dir = tmp();
    core = createCore({ dataDir: path.join(dir, 'data') });
    const a = core.projects.create({ name: 'A' }), b = core.projects.create({ name: 'B' });
    const conllB = CONLL.replace('EU NNP B-NP B-ORG', 'EU NN I-NP B-LOC').replace('lamb NN I-NP O', 'lamb NNS B-NP O');
    const jsonl = (id: number, source: string) => JSON.stringify({ id, text: 'Kyoto is in Japan.', label: [[0, 5, 'city']], meta: { source } }) + '\n';
    const files = { 'a.conll': CONLL, 'b.conll': conllB, 'a.jsonl': jsonl(7, 'wiki'), 'b.jsonl': jsonl(8, 'news') };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    await core.imports.importPaths(a.id, [path.join(dir, 'a.conll'), path.join(dir, 'a.jsonl')]);
    await core.imports.importPaths(b.id, [path.join(dir, 'b.conll'), path.join(dir, 'b.jsonl')]);
    // One asset per text, shared; it carries nothing of either file.
    expect(core.db.prepare("SELECT count(*) FROM assets WHERE kind = 'text'").pluck().get()).toBe(2);
    for (const m of core.db.prepare('SELECT meta_json FROM assets').pluck().all() as string[]) expect(Object.keys(JSON.parse(m)).sort()).toEqual(['chars', 'lines']);
    for (const [project, tag] of [[a, 'a'], [b, 'b']] as const) {
      await runExport(core, project.id, 'conll', path.join(dir, `out-${tag}.conll`));
      // Both of the project's texts are written; the CoNLL one first, exactly as its file had it.
      expect(fs.readFileSync(path.join(dir, `out-${tag}.conll`), 'utf8').startsWith(files[`${tag}.conll`])).toBe(true);
      await runExport(core, project.id, 'doccano', path.join(dir, `out-${tag}.jsonl`));
      const doc = JSON.parse(fs.readFileSync(path.join(dir, `out-${tag}.jsonl`), 'utf8').trim().split('\n').find((l) => l.includes('Kyoto'))!);
      expect({ id: doc.id, meta: doc.meta }).toEqual(tag === 'a' ? { id: 7, meta: { source: 'wiki' } } : { id: 8, meta: { source: 'news' } });
    }
  });
});
