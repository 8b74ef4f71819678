// The text formats through the real core: CoNLL and JSONL files imported as tasks with their spans, exported in
// every format, and read back onto the same tasks without duplicating anything.
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import { runExport, runImport } from './run.ts';

let core: Core | null = null;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-text-fmt-'));
afterEach(async () => { await core?.close(); core = null; });

const CONLL = '-DOCSTART- -X- -X- O\n\nPeter B-PER\nBlackburn I-PER\nin O\nKyoto B-LOC\n\n-DOCSTART- -X- -X- O\n\nBRUSSELS B-LOC\n';

describe('text import and formats', () => {
  it('imports CoNLL documents with their spans and round-trips them through every format', async () => {
    const dir = tmp();
    core = createCore({ dataDir: path.join(dir, 'data') });
    const project = core.projects.create({ name: 'T' });
    fs.writeFileSync(path.join(dir, 'news.conll'), CONLL);
    const r = await core.imports.importPaths(project.id, [path.join(dir, 'news.conll')]);
    expect(r).toMatchObject({ imported: 2, failed: [] });
    const tasks = core.tasks.list(project.id);
    expect(tasks.map((t) => t.name)).toEqual(['news.conll#1', 'news.conll#2']);
    const spans = core.annotations.list(tasks[0].id);
    expect(spans.map((o) => [o.label, o.geometry])).toEqual([['PER', { start: 0, end: 15 }], ['LOC', { start: 19, end: 24 }]]);
    expect(fs.readFileSync(core.media.pathOf(tasks[0].assetId), 'utf8')).toBe('Peter Blackburn in Kyoto');

    for (const f of ['conll', 'doccano', 'spacy', 'label-studio-text']) {
      const out = path.join(dir, `out.${f}`);
      const e = await runExport(core, project.id, f, out);
      expect(e).toMatchObject({ tasks: 2, objects: 3 });
      // Importing our own export onto the same tasks adds nothing: every span is already there.
      const back = await runImport(core, project.id, f, out);
      expect(back).toMatchObject({ objects: 0, skipped: [] });
    }
    // Onto an emptied task, the doccano export restores the spans.
    core.annotations.replaceAll(tasks[0].id, []);
    const back = await runImport(core, project.id, 'doccano', path.join(dir, 'out.doccano'));
    expect(back).toMatchObject({ tasks: 1, objects: 2 });
    expect(core.annotations.list(tasks[0].id).map((o) => o.label).sort()).toEqual(['LOC', 'PER']);
  });

  it('imports the valid JSONL lines and names each bad one (bad JSON, bad UTF-8, offsets outside the text)', async () => {
    const dir = tmp();
    core = createCore({ dataDir: path.join(dir, 'data') });
    const project = core.projects.create({ name: 'J' });
    const file = path.join(dir, 'docs.jsonl');
    const lines = [
      Buffer.from('{"text": "Kyoto 👩🏽‍💻 Cairo", "label": [[0, 5, "location"], [11, 16, "location"], "News"]}\n'),
      Buffer.from('{"text": "half\n'),
      Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
      Buffer.from('{"text": "short", "label": [[0, 50, "location"]]}\n'),
    ];
    fs.writeFileSync(file, Buffer.concat(lines));
    const r = await core.imports.importPaths(project.id, [file]);
    expect(r.imported).toBe(2);
    expect(r.failed.map((f) => f.path)).toEqual([`${file}:2`, `${file}:3`, `${file}:4`]);
    expect(r.failed[0].reason).toMatch(/line 2 is not valid JSON/);
    expect(r.failed[1].reason).toMatch(/line 3 is not valid UTF-8/);
    expect(r.failed[2].reason).toMatch(/does not fit the text/);
    const task = core.tasks.list(project.id)[0];
    const objs = core.annotations.list(task.id);
    const text = fs.readFileSync(core.media.pathOf(task.assetId), 'utf8');
    // Code-point offsets 11..16 in the file are UTF-16 14..19 in storage: "Cairo", after the 4-point, 7-unit emoji.
    const cairo = objs.find((o) => o.kind === 'span' && (o.geometry as { start: number }).start > 0)!;
    const g = cairo.geometry as { start: number; end: number };
    expect(g).toEqual({ start: 14, end: 19 });
    expect(text.slice(g.start, g.end)).toBe('Cairo');
    expect(objs.filter((o) => o.kind === 'doclabel').map((o) => o.label)).toEqual(['News']);
  });

  it('refuses a CoNLL file that is not UTF-8, naming the line', async () => {
    const dir = tmp();
    core = createCore({ dataDir: path.join(dir, 'data') });
    const project = core.projects.create({ name: 'B' });
    const file = path.join(dir, 'bad.conll');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('a O\nb O\n'), Buffer.from([0xff]), Buffer.from(' O\n')]));
    const r = await core.imports.importPaths(project.id, [file]);
    expect(r.imported).toBe(0);
    expect(r.failed[0].reason).toMatch(/not valid UTF-8 .*line 3/);
  });
});
