// Label Studio JSON exports (images, audio, text; as Label Studio writes them) go into a project and come back
// out with the same tasks' data references and the same results: region ids, control names, labels, percent
// coordinates, seconds, offsets, per-region choices and transcriptions, relations and document choices.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createCore, type Core } from '../core/createCore.ts';
import { runExport, runImport } from './run.ts';
import { LS_AUDIO_EXPORT, LS_IMAGE_EXPORT, LS_TEXT, LS_TEXT_EXPORT } from '../../shared/formats/labelStudioFixture.test-util.ts';
import { writeWav } from '../audio/testing/synth.ts';

let work: string;
let core: Core;
let projectId: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-exchange-ls-'));
  const media = path.join(work, 'media');
  fs.mkdirSync(media);
  await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(media, '000000000139.jpg'));
  await sharp({ create: { width: 320, height: 200, channels: 3, background: '#808080' } }).jpeg().toFile(path.join(media, '000000000285.jpg'));
  writeWav(path.join(media, 'interview.wav'), { sampleRate: 8000, channels: 1, seconds: 3, signal: (t) => Math.sin(t * 2000) * 0.3 });
  fs.writeFileSync(path.join(media, 'lovelace.txt'), LS_TEXT);
  core = createCore({ dataDir: path.join(work, 'data') });
  projectId = core.projects.create({ name: 'P' }).id;
  await core.imports.importPaths(projectId, [media]);
}, 60_000);

afterAll(async () => {
  await core?.close();
});

/** What a task says, without Label Studio's bookkeeping (ids, dates, counters): data and results, numbers to 1e-9. */
function content(tasks: { data: unknown; annotations: { result: unknown[] }[] }[]) {
  const round = (v: unknown): unknown =>
    typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : Array.isArray(v) ? v.map(round) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)])) : v;
  return tasks.map((t) => ({ data: t.data, result: round(t.annotations[0].result.map((r) => JSON.stringify(round(r))).sort()) }));
}

async function roundTrip(format: string, fixture: unknown[]) {
  const file = path.join(work, `${format}.json`);
  fs.writeFileSync(file, JSON.stringify(fixture, null, 2));
  const r = await runImport(core, projectId, format, file);
  expect(r.skipped).toEqual([]);
  const out = path.join(work, `${format}-back.json`);
  await runExport(core, projectId, format, out);
  return { imported: r, back: JSON.parse(fs.readFileSync(out, 'utf8')) };
}

describe('Label Studio JSON through a project', () => {
  it('images: rectangles and polygons in percent, region ids, control names, per-region choices, data URLs', async () => {
    const { imported, back } = await roundTrip('label-studio-image', LS_IMAGE_EXPORT);
    expect(imported.objects).toBe(3);
    expect(core.projects.get(projectId).schema.image!.labels.map((l) => l.name)).toEqual(['car', 'Person', 'traffic sign']);
    expect(content(back)).toEqual(content(LS_IMAGE_EXPORT));
  });

  it('audio: labelled segments in seconds with their transcriptions', async () => {
    const { imported, back } = await roundTrip('label-studio-audio', LS_AUDIO_EXPORT);
    expect(imported.objects).toBe(2);
    expect(content(back)).toEqual(content(LS_AUDIO_EXPORT));
  });

  it('text: spans with their text, a relation and a document choice', async () => {
    const { back } = await roundTrip('label-studio-text', LS_TEXT_EXPORT);
    expect(content(back)).toEqual(content(LS_TEXT_EXPORT));
  });

  it('importing the same files again adds nothing', async () => {
    for (const f of ['label-studio-image', 'label-studio-audio', 'label-studio-text']) expect((await runImport(core, projectId, f, path.join(work, `${f}.json`))).objects, f).toBe(0);
  });

  it('two projects holding the same files keep each its own data URLs (the reference belongs to the project\'s task, not to the shared file)', async () => {
    const other = core.projects.create({ name: 'Q' }).id;
    await core.imports.importPaths(other, [path.join(work, 'media')]);
    const elsewhere = (fixture: unknown[]) => JSON.parse(JSON.stringify(fixture).replaceAll('/data/upload/3/', 's3://team-q/raw/')) as unknown[];
    for (const [format, fixture] of [['label-studio-image', LS_IMAGE_EXPORT], ['label-studio-audio', LS_AUDIO_EXPORT]] as const) {
      const file = path.join(work, `${format}-q.json`);
      fs.writeFileSync(file, JSON.stringify(elsewhere(fixture)));
      expect((await runImport(core, other, format, file)).skipped).toEqual([]);
      const mine = path.join(work, `${format}-p-again.json`);
      const theirs = path.join(work, `${format}-q-back.json`);
      await runExport(core, projectId, format, mine);
      await runExport(core, other, format, theirs);
      const data = (f: string) => (JSON.parse(fs.readFileSync(f, 'utf8')) as { data: unknown }[]).map((t) => t.data);
      expect(data(mine), format).toEqual(fixture.map((t) => (t as { data: unknown }).data));
      expect(data(theirs), format).toEqual(elsewhere(fixture).map((t) => (t as { data: unknown }).data));
    }
  });
});
