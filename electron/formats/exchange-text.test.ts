// Text datasets written the way other tools write them (doccano JSONL with meta, CoNLL-2003 with POS and chunk
// columns) go through `tagger import` and `tagger export` and come back as they were: label names as written, no
// starter labels, extra columns and metadata kept, texts repeated with different labels not lost; spaCy export
// in the shape Doc.from_json reads.
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { runExport } from './run.ts';

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
  it('keeps label names as written (no starter labels), meta, and the labels of a repeated text', async () => {
    const { dir, projectId, report } = await importFile('export.jsonl', DOCCANO.map((d) => JSON.stringify(d)).join('\n') + '\n');
    expect(report.failed).toEqual([]);
    // The repeated text is one task (content-addressed); its second labelling is added to it, not dropped.
    expect(report).toMatchObject({ imported: 2, duplicates: 0, merged: 1 });
    const schema = core!.projects.get(projectId).schema.text!;
    expect(schema.labels.map((l) => l.name)).toEqual(['city', 'country', 'location']);
    const out = path.join(dir, 'out.jsonl');
    await runExport(core!, projectId, 'doccano', out);
    const back = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const norm = (d: { text: string; meta?: unknown; label?: unknown[]; entities?: { start_offset: number; end_offset: number; label: string }[] }) => ({
      text: d.text, meta: d.meta ?? {},
      spans: (d.entities ? d.entities.map((e) => [e.start_offset, e.end_offset, e.label]) : (d.label ?? [])).sort(),
    });
    const want = [{ ...norm(DOCCANO[0]), spans: [...norm(DOCCANO[0]).spans, ...norm(DOCCANO[1]).spans].sort() }, norm(DOCCANO[2])];
    expect(back.map(norm)).toEqual(want);
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
