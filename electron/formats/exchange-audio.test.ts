// Audio files written by other tools (youtube-dl WebVTT, a one-speaker SRT and Audacity track, pyannote RTTM) go
// through import and export as they were: no invented speaker, valid WebVTT accepted, nothing past the end of the
// recording, and an import that cannot be placed changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import { writeWav } from '../audio/testing/synth.ts';

let dir: string;
let core: Core;
let talk: string;

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** A project made the way `tagger import` makes one: the starter schema, one recording of 6 s. */
async function freshProject(name: string) {
  const projectId = core.projects.create({ name }).id;
  await core.imports.importPaths(projectId, [talk]);
  return { projectId, taskId: core.tasks.list(projectId)[0].id };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-exchange-audio-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  talk = path.join(dir, 'talk.wav');
  writeWav(talk, { sampleRate: 8000, channels: 1, seconds: 6, signal: (t) => 0.1 * Math.sin(t * 2000) });
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const roundTrip = async (format: string, file: string, text: string) => {
  const { projectId } = await freshProject(`P ${format} ${Math.random()}`);
  const input = path.join(dir, `in-${format}`);
  fs.mkdirSync(input, { recursive: true });
  fs.writeFileSync(path.join(input, file), text);
  const r = await call<AnnotationImportReport>('formats.import', [projectId, format, input]);
  expect(r.skipped).toEqual([]);
  const out = path.join(dir, `out-${format}`);
  await call<ExportReport>('formats.export', [projectId, format, out]);
  return fs.readFileSync(path.join(out, file), 'utf8');
};

describe('one-speaker files come back without an invented speaker', () => {
  it('SRT', async () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nGeneral Kenobi!\n';
    expect(await roundTrip('srt', 'talk.srt', srt)).toBe(srt);
  });
  it('Audacity labels', async () => {
    const txt = '1.000000\t2.500000\tHello there.\n3.000000\t4.000000\tGeneral Kenobi!\n';
    expect(await roundTrip('audacity', 'talk.txt', txt)).toBe(txt);
  });
  it('WebVTT as youtube-dl writes it (Kind/Language header), cue identifiers and settings kept', async () => {
    const vtt = 'WEBVTT\nKind: captions\nLanguage: en\n\nNOTE auto-generated\n\n00:00:01.000 --> 00:00:02.500 align:start position:0%\nHello there.\n\nc2\n00:00:03.000 --> 00:00:04.000\nGeneral Kenobi!\n';
    const back = await roundTrip('webvtt', 'talk.vtt', vtt);
    expect(back).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.500 align:start position:0%\nHello there.\n\nc2\n00:00:03.000 --> 00:00:04.000\nGeneral Kenobi!\n');
  });
});

describe('RTTM (pyannote)', () => {
  it('refuses turns that start after the end of the recording and cuts those that run past it, saying so', async () => {
    const { projectId, taskId } = await freshProject('rttm end');
    const file = path.join(dir, 'talk.rttm');
    fs.writeFileSync(file, [
      'SPEAKER talk 1 0.500 2.000 <NA> <NA> SPEAKER_00 <NA> <NA>',
      'SPEAKER talk 1 4.000 3.500 <NA> <NA> SPEAKER_01 <NA> <NA>',
      'SPEAKER talk 1 9.000 1.000 <NA> <NA> SPEAKER_01 <NA> <NA>',
      '',
    ].join('\n'));
    const r = await call<AnnotationImportReport>('formats.import', [projectId, 'rttm', file]);
    expect(r.objects).toBe(2);
    expect(r.skipped.map((s) => s.reason).join('\n')).toMatch(/starts after the end of talk\.wav \(6 s\)[\s\S]*1 segment\(s\) ran past the end/);
    const ends = core.annotations.list(taskId).map((o) => (o.geometry as { end: number }).end);
    expect(Math.max(...ends)).toBe(6);
    // The speakers are the project's tiers now, in place of the unused starter ones.
    expect(core.projects.get(projectId).schema.audio!.tiers!.map((t) => t.name)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
    const out = path.join(dir, 'back.rttm');
    await call<ExportReport>('formats.export', [projectId, 'rttm', out]);
    expect(fs.readFileSync(out, 'utf8')).toBe('SPEAKER talk 1 0.5 2 <NA> <NA> SPEAKER_00 <NA> <NA>\nSPEAKER talk 1 4 2 <NA> <NA> SPEAKER_01 <NA> <NA>\n');
  });

  it('an import that matches no recording changes nothing: no tiers are added', async () => {
    const { projectId } = await freshProject('rttm none');
    const before = JSON.stringify(core.projects.get(projectId).schema);
    const file = path.join(dir, 'other.rttm');
    fs.writeFileSync(file, 'SPEAKER other 1 0.5 1 <NA> <NA> alice <NA> <NA>\n');
    const r = await call<AnnotationImportReport>('formats.import', [projectId, 'rttm', file]);
    expect(r.objects).toBe(0);
    expect(r.skipped[0].reason).toMatch(/no audio task in this project is named other/);
    expect(JSON.stringify(core.projects.get(projectId).schema)).toBe(before);
  });

  it('a frozen task is named and skipped; nothing else changes', async () => {
    const { projectId, taskId } = await freshProject('rttm frozen');
    core.tasks.setStatus(taskId, 'submitted');
    const before = JSON.stringify(core.projects.get(projectId).schema);
    const r = await call<AnnotationImportReport>('formats.import', [projectId, 'rttm', path.join(dir, 'talk.rttm')]);
    expect(r.objects).toBe(0);
    expect(r.skipped.map((s) => s.reason).join('\n')).toMatch(/frozen/);
    expect(core.annotations.list(taskId)).toEqual([]);
    expect(JSON.stringify(core.projects.get(projectId).schema)).toBe(before);
  });
});
