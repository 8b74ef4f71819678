// Audio format adapters through the formats contract, against a real data folder: export a project (a folder of
// files named after the assets, or one RTTM file), Praat reads the TextGrid we write, import back into a fresh
// project finds the same segments, unknown speakers become tiers, a broken file is refused naming its line.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createCore, type Core } from '../core/createCore.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import type { ObjectInput, LabelSchema } from '../../shared/domain.ts';
import { writeWav } from '../audio/testing/synth.ts';

let dir: string;
let core: Core;

const schema: LabelSchema = {
  audio: {
    labels: [{ id: 'speech', name: 'Speech', color: '#ff0000' }, { id: 'music', name: 'Music', color: '#00ff00' }],
    attributes: [{ id: 'language', name: 'Language', type: 'select', options: ['en', 'de'] }],
    tiers: [{ id: 'speaker_a', name: 'Speaker A' }, { id: 'speaker_b', name: 'Speaker B' }],
  },
};

const seg = (id: string, start: number, end: number, tier: string, label: string, transcript: string, extra: Record<string, unknown> = {}): ObjectInput => ({
  id, kind: 'segment', label, geometry: { start, end, tier }, attributes: { transcript, ...extra }, origin: 'human', z: 1, hidden: false, locked: false,
});

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function projectWith(name: string, files: string[]): Promise<{ projectId: string; tasks: Record<string, string> }> {
  const projectId = core.projects.create({ name, schema }).id;
  await core.imports.importPaths(projectId, files);
  const tasks = Object.fromEntries(core.tasks.list(projectId, {}).map((t) => [t.name, t.id]));
  return { projectId, tasks };
}

function segmentsOf(taskId: string) {
  return core.annotations
    .list(taskId)
    .map((o) => ({ ...(o.geometry as { start: number; end: number; tier: string }), label: o.label, transcript: o.attributes.transcript }))
    .sort((a, b) => a.start - b.start);
}

let interview: string;
let street: string;
let source: { projectId: string; tasks: Record<string, string> };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-audiofmt-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  interview = path.join(dir, 'interview.wav');
  street = path.join(dir, 'street noise.wav');
  writeWav(interview, { sampleRate: 8000, channels: 1, seconds: 6, signal: (t) => 0.1 * Math.sin(t * 2000) });
  writeWav(street, { sampleRate: 8000, channels: 1, seconds: 3, signal: (t) => 0.2 * Math.sin(t * 900) });
  source = await projectWith('Source', [interview, street]);
  core.annotations.edit(source.tasks['interview.wav'], {
    label: 'seed',
    ops: [
      seg('a', 0.25, 1.5, 'speaker_a', 'speech', 'Good "morning", Zoë.', { language: 'en' }),
      seg('b', 1.25, 2.75, 'speaker_b', 'speech', 'Guten Morgen'),
      seg('c', 3, 4.5, 'speaker_a', 'music', ''),
    ].map((object) => ({ op: 'put' as const, object })),
  });
  core.annotations.edit(source.tasks['street noise.wav'], { label: 'seed', ops: [{ op: 'put', object: seg('d', 0.5, 1, 'speaker_b', 'speech', 'hey') }] });
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audio format adapters', () => {
  it('lists the audio formats in the formats contract', async () => {
    const list = await call<{ id: string; kind: string; canImport: boolean; canExport: boolean }[]>('formats.list', []);
    for (const id of ['rttm', 'textgrid', 'audacity', 'webvtt', 'srt', 'audio-json']) expect(list.find((f) => f.id === id)).toMatchObject({ kind: 'audio', canImport: true, canExport: true });
  });

  it('writes one TextGrid per task named after the asset, which Praat reads with our tiers and texts', async () => {
    const out = path.join(dir, 'tg');
    const r = await call<ExportReport>('formats.export', [source.projectId, 'textgrid', out]);
    expect(r).toMatchObject({ tasks: 2, objects: 4 });
    expect(fs.readdirSync(out).sort()).toEqual(['interview.TextGrid', 'street noise.TextGrid']);
    const script = path.join(dir, 'read.praat');
    fs.writeFileSync(script, [
      `Read from file: "${path.join(out, 'interview.TextGrid')}"`,
      'dur = Get end time',
      'writeInfoLine: "end ", fixed$(dur, 3)',
      'nt = Get number of tiers',
      'for t to nt',
      '  name$ = Get tier name: t',
      '  ni = Get number of intervals: t',
      '  for i to ni',
      '    lab$ = Get label of interval: t, i',
      '    if lab$ <> ""',
      '      a = Get start time of interval: t, i',
      '      b = Get end time of interval: t, i',
      '      appendInfoLine: name$, "|", fixed$(a, 3), "|", fixed$(b, 3), "|", lab$',
      '    endif',
      '  endfor',
      'endfor',
    ].join('\n'));
    const praat = execFileSync('praat', ['--run', script], { encoding: 'utf8' });
    expect(praat.trim().split('\n')).toEqual([
      'end 6.000',
      'Speaker A|0.250|1.500|Good "morning", Zoë.',
      'Speaker A|3.000|4.500|music',
      'Speaker B|1.250|2.750|Guten Morgen',
    ]);
  });

  for (const [format, exact] of [['textgrid', true], ['webvtt', true], ['srt', true], ['audacity', true], ['audio-json', true], ['rttm', false]] as const) {
    it(`${format}: export then import into a new project gives the same segments${exact ? '' : ' (times and speakers)'}; importing again adds nothing`, async () => {
      const out = path.join(dir, `rt-${format}${format === 'rttm' ? '.rttm' : ''}`);
      await call<ExportReport>('formats.export', [source.projectId, format, out]);
      const target = await projectWith(`Target ${format}`, [interview, street]);
      const r = await call<AnnotationImportReport>('formats.import', [target.projectId, format, out]);
      expect(r.skipped).toEqual([]);
      expect(r).toMatchObject({ tasks: 2, objects: 4 });
      for (const name of ['interview.wav', 'street noise.wav']) {
        const want = segmentsOf(source.tasks[name]);
        const got = segmentsOf(target.tasks[name]);
        if (exact) expect(got).toEqual(want);
        else expect(got.map((s) => ({ ...s, label: 'speech', transcript: '' }))).toEqual(want.map((s) => ({ ...s, label: 'speech', transcript: '' })));
      }
      // JSON keeps attributes too
      if (format === 'audio-json') expect(core.annotations.list(target.tasks['interview.wav']).find((o) => o.attributes.language)?.attributes).toEqual({ transcript: 'Good "morning", Zoë.', language: 'en' });
      // One undoable step per task
      expect(core.annotations.history(target.tasks['interview.wav']).undoLabel).toMatch(/^Import /);
      const again = await call<AnnotationImportReport>('formats.import', [target.projectId, format, out]);
      expect(again).toMatchObject({ tasks: 0, objects: 0 });
      // ...and that one step takes the whole import back.
      expect(core.annotations.history(target.tasks['interview.wav']).depth).toBe(1);
      core.annotations.undo(target.tasks['interview.wav']);
      expect(segmentsOf(target.tasks['interview.wav'])).toEqual([]);
    });
  }

  it('keeps a "No overlap" tier free of overlaps: an import that would overlap there is refused whole, naming the tier and times', async () => {
    const target = await projectWith('Exclusive', [interview]);
    const exclusive = { ...schema, audio: { ...schema.audio!, tiers: [{ id: 'speaker_a', name: 'Speaker A', exclusive: true }, { id: 'speaker_b', name: 'Speaker B' }] } };
    core.projects.update(target.projectId, { schema: exclusive });
    const taskId = target.tasks['interview.wav'];
    core.annotations.edit(taskId, { label: 'Draw', ops: [{ op: 'put', object: seg('mine', 4, 5, 'speaker_a', 'speech', '') }] });
    const before = { segments: segmentsOf(taskId), history: core.annotations.history(taskId), schema: core.projects.get(target.projectId).schema };
    const rttm = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, lines.map((l) => `SPEAKER interview 1 ${l} <NA> <NA>`).join('\n') + '\n');
      return file;
    };
    // Two turns of Speaker A that overlap each other (Speaker B may overlap anything); a new speaker comes too.
    const within = rttm('within.rttm', ['0.5 1.5 <NA> <NA> speaker_a', '1.0 1.0 <NA> <NA> speaker_a', '0.7 2 <NA> <NA> speaker_b', '3 0.5 <NA> <NA> newcomer']);
    await expect(call('formats.import', [target.projectId, 'rttm', within])).rejects.toThrow(
      `invalid_argument: ${within} (interview): Segments on Speaker A may not overlap ("No overlap" is ticked for it in the project's labels and schema), but 0.5–2 s overlaps 1–2 s. Nothing was imported: fix the file, or untick "No overlap" for Speaker A in the project's labels and schema, and import again.`);
    // A turn over the segment already there is refused the same way.
    const over = rttm('over.rttm', ['2 1 <NA> <NA> speaker_a', '4.5 1 <NA> <NA> speaker_a']);
    await expect(call('formats.import', [target.projectId, 'rttm', over])).rejects.toThrow(/Segments on Speaker A may not overlap .*, but 4–5 s overlaps 4\.5–5\.5 s\. Nothing was imported/);
    // Nothing of either was written: no segment, no undo step, no new tier.
    expect(segmentsOf(taskId)).toEqual(before.segments);
    expect(core.annotations.history(taskId)).toEqual(before.history);
    expect(core.projects.get(target.projectId).schema).toEqual(before.schema);
    // Turns that touch, and overlaps on the tier that allows them, are imported.
    const fine = rttm('fine.rttm', ['2 1 <NA> <NA> speaker_a', '3 1 <NA> <NA> speaker_a', '2.5 2 <NA> <NA> speaker_b', '3 1 <NA> <NA> speaker_b']);
    expect(await call<AnnotationImportReport>('formats.import', [target.projectId, 'rttm', fine])).toMatchObject({ tasks: 1, objects: 4 });
  });

  for (const how of ['text file', 'short text file'] as const) {
    it(`imports a TextGrid that Praat itself saved as a ${how} (UTF-16 with a byte-order mark, a point tier)`, async () => {
      const target = await projectWith(`From Praat ${how}`, [interview]);
      const folder = path.join(dir, `praat-${how.replace(/ /g, '-')}`);
      fs.mkdirSync(folder);
      const script = path.join(folder, 'write.praat');
      fs.writeFileSync(script, [
        'Create TextGrid: 0, 6, "Speaker_B bells", "bells"',
        'Insert boundary: 1, 1.0',
        'Insert boundary: 1, 2.5',
        'Set interval text: 1, 2, "Grüße ""quoted"" 你好"',
        'Insert point: 2, 1.5, "ding"',
        `Save as ${how}: "${path.join(folder, 'interview.TextGrid')}"`,
      ].join('\n'));
      execFileSync('praat', ['--run', script]);
      expect(fs.readFileSync(path.join(folder, 'interview.TextGrid')).subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
      fs.rmSync(script);
      const r = await call<AnnotationImportReport>('formats.import', [target.projectId, 'textgrid', folder]);
      expect(r).toMatchObject({ tasks: 1, objects: 2, skipped: [] });
      // The point tier's point is a point event on a point tier of its own.
      expect(segmentsOf(target.tasks['interview.wav'])).toEqual([
        { start: 1, end: 2.5, tier: 'speaker_b', label: 'speech', transcript: 'Grüße "quoted" 你好' },
        { start: 1.5, end: 1.5, tier: 'bells', point: true, label: 'speech', transcript: 'ding' },
      ]);
      expect(core.projects.get(target.projectId).schema.audio?.tiers?.find((t) => t.id === 'bells')).toMatchObject({ name: 'bells', kind: 'point' });
      // Praat reads the point tier back from our export as a point tier with the same point.
      const out = path.join(folder, 'back');
      await call<ExportReport>('formats.export', [target.projectId, 'textgrid', out]);
      const read = path.join(folder, 'read.praat');
      fs.writeFileSync(read, [
        `Read from file: "${path.join(out, 'interview.TextGrid')}"`,
        'nt = Get number of tiers',
        'writeInfoLine: "tiers ", nt',
        'for t to nt',
        '  name$ = Get tier name: t',
        '  isInterval = Is interval tier: t',
        '  if not isInterval',
        '    np = Get number of points: t',
        '    for p to np',
        '      at = Get time of point: t, p',
        '      mark$ = Get label of point: t, p',
        '      appendInfoLine: name$, "|point|", fixed$(at, 3), "|", mark$',
        '    endfor',
        '  endif',
        'endfor',
      ].join('\n'));
      expect(execFileSync('praat', ['--run', read], { encoding: 'utf8' }).trim().split('\n')).toEqual(['tiers 3', 'bells|point|1.500|ding']);
    });
  }

  it('adds speakers the project lacks as tiers, and reports files that match no task', async () => {
    const target = await projectWith('Diarized', [interview]);
    const f = path.join(dir, 'diar.rttm');
    fs.writeFileSync(f, 'SPEAKER interview 1 0.0 1.0 <NA> <NA> spk00 <NA> <NA>\nSPEAKER interview 1 1.0 2.0 <NA> <NA> spk01 <NA> <NA>\nSPEAKER other 1 0 1 <NA> <NA> spk00 <NA> <NA>\n');
    const r = await call<AnnotationImportReport>('formats.import', [target.projectId, 'rttm', f]);
    expect(r).toMatchObject({ tasks: 1, objects: 2, notes: ['Added 2 tiers to the project: spk00, spk01.'] });
    expect(r.skipped).toEqual([{ path: `${f} (other)`, reason: 'no audio task in this project is named other.*; import the recording first' }]);
    expect(core.projects.get(target.projectId).schema.audio?.tiers?.map((t) => t.id)).toEqual(['speaker_a', 'speaker_b', 'spk00', 'spk01']);
  });

  it('gives a task named twice in one file (two RTTM file fields) one set of segments: one undo step, distinct z, duplicates once', async () => {
    const target = await projectWith('Twice', [interview]);
    const f = path.join(dir, 'twice.rttm');
    fs.writeFileSync(f, ['SPEAKER interview 1 0.0 1.0 <NA> <NA> speaker_a <NA> <NA>', 'SPEAKER INTERVIEW 1 2.0 1.0 <NA> <NA> speaker_a <NA> <NA>', 'SPEAKER INTERVIEW 1 0.0 1.0 <NA> <NA> speaker_a <NA> <NA>'].join('\n'));
    const r = await call<AnnotationImportReport>('formats.import', [target.projectId, 'rttm', f]);
    expect(r).toMatchObject({ tasks: 1, objects: 2 });
    const taskId = target.tasks['interview.wav'];
    const doc = await call<{ objects: { z: number }[]; history: { depth: number } }>('annotations.load', [taskId]);
    expect(doc.objects).toHaveLength(2);
    expect(new Set(doc.objects.map((o) => o.z)).size).toBe(2);
    expect(doc.history.depth).toBe(1);
  });

  it('refuses a broken file naming file and line, and keeps what was stored', async () => {
    const target = await projectWith('Broken', [interview]);
    core.annotations.edit(target.tasks['interview.wav'], { label: 'mine', ops: [{ op: 'put', object: seg('keep', 1, 2, 'speaker_a', 'speech', 'kept') }] });
    const f = path.join(dir, 'interview.TextGrid');
    fs.writeFileSync(f, 'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n6\n<exists>\n1\n"IntervalTier"\n"A"\n0\n6\n2\n0\n1\n"x"\n');
    const r = await core.dispatch('formats.import', [target.projectId, 'textgrid', f]);
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect((r as { error: { message: string } }).error.message).toBe(`${f}, line 14: the file ends where xmin of interval 2 of tier "A" was expected (truncated?)`);
    expect(segmentsOf(target.tasks['interview.wav'])).toEqual([{ start: 1, end: 2, tier: 'speaker_a', label: 'speech', transcript: 'kept' }]);
  });
});
