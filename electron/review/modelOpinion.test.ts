// The validators' model opinion through the contract on a real core: CenterNet on the labelled collage and the
// entity finders on a text, each annotator's version compared with what the model is sure of. A version that
// leaves out the horse or calls it a car is flagged with where; one that has what the model sees is not; nothing
// the model found is stored.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import type { ReviewModelOpinion } from '../../shared/api/review.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import { labelsFrom } from '../../shared/defaultSchema.ts';
import { PROJECT_ROOT } from '../core/paths.ts';
import { VersionRepository } from './versions.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'models');
let dir: string;
let core: Core;
let projectId: string;

async function call<T>(name: string, args: unknown[]): Promise<T> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function taskOf(file: string): Promise<string> {
  const r = await core.imports.importPaths(projectId, [file]);
  expect(r.failed).toEqual([]);
  return core.tasks.list(projectId, {}).find((t) => t.name === path.basename(file))!.id;
}

const box = (id: string, label: string, [x, y, w, h]: number[]): ObjectInput => ({ id, kind: 'box', label, geometry: { x, y, w, h }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false });
const span = (id: string, label: string, start: number, end: number): ObjectInput => ({ id, kind: 'span', label, geometry: { start, end }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-opinion-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  projectId = core.projects.create({
    name: 'Opinions',
    schema: {
      image: { labels: labelsFrom(['Person', 'Animal', 'Car']), attributes: [] },
      text: { labels: labelsFrom(['Person', 'Location', 'Organization', 'Date']), attributes: [] },
    },
  }).id;
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('model opinion for validators', () => {
  it('flags the image version that leaves out the cat the model is sure of and calls the astronaut a car; not the complete one', async () => {
    const taskId = await taskOf(path.join(FIXTURES, 'collage.jpg'));
    const versions = new VersionRepository(core.db, core.tasks, core.now);
    // From labels.json: person, horse, cat (cup and spoon are not labels of this project). CenterNet is sure (≥ 50 %)
    // of the cat and the astronaut, not of the horse.
    versions.put(taskId, 'amara', [box('p', 'person', [10, 7, 171, 249]), box('h', 'animal', [268, 28, 238, 195]), box('c', 'animal', [0, 299, 233, 170])], 'test');
    versions.put(taskId, 'bruno', [box('p', 'car', [10, 7, 171, 249]), box('h', 'animal', [268, 28, 238, 195])], 'test');
    const before = core.annotations.list(taskId).length;
    const r = await call<ReviewModelOpinion>('review.modelOpinion', [taskId]);
    expect(r.model).toMatch(/^CenterNet/);
    expect(r.sure).toBeGreaterThanOrEqual(2);
    const of = (who: string) => r.versions.find((v) => v.annotator === who)!;
    expect(of('amara')).toMatchObject({ flagged: false, reasons: [] });
    expect(of('bruno').flagged).toBe(true);
    expect(of('bruno').reasons).toEqual([
      expect.stringMatching(/^Leaves out 1 object the model is sure of: Animal at \d+,\d+ \d+×\d+ \(\d+%\)\.$/),
      expect.stringMatching(/^Labels 1 object differently from the model: Car where the model sees Person at \d+,\d+/),
    ]);
    expect(core.annotations.list(taskId)).toHaveLength(before);
  }, 60_000);

  it('flags the text version that misses a date and a person the finders are sure of', async () => {
    const file = path.join(dir, 'letter.txt');
    const text = 'On 12 March 2024 Marie Curie wrote to the Sorbonne from Paris.';
    fs.writeFileSync(file, text);
    const taskId = await taskOf(file);
    const at = (s: string) => [text.indexOf(s), text.indexOf(s) + s.length] as const;
    const versions = new VersionRepository(core.db, core.tasks, core.now);
    versions.put(taskId, 'amara', [span('d', 'date', ...at('12 March 2024')), span('m', 'person', ...at('Marie Curie')), span('s', 'organization', ...at('Sorbonne')), span('p', 'location', ...at('Paris'))], 'test');
    versions.put(taskId, 'chen', [span('p', 'location', ...at('Paris'))], 'test');
    const r = await call<ReviewModelOpinion>('review.modelOpinion', [taskId]);
    const chen = r.versions.find((v) => v.annotator === 'chen')!;
    expect(chen.flagged).toBe(true);
    expect(chen.reasons[0]).toMatch(/^Leaves out \d+ spans? the model is sure of: .*at characters \d+–\d+/);
    expect(r.versions.find((v) => v.annotator === 'amara')!.flagged).toBe(false);
  }, 60_000);

  it('says what it covers for audio instead of running, and refuses a task with no versions', async () => {
    const taskId = await taskOf(path.join(PROJECT_ROOT, 'resources', 'demo', 'audio', 'chimes.wav'));
    new VersionRepository(core.db, core.tasks, core.now).put(taskId, 'amara', [], 'test');
    const r = await core.dispatch('review.modelOpinion', [taskId]);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('covers images (object detection) and texts (entities); chimes.wav is audio') } });
    const text = path.join(dir, 'plain.txt');
    fs.writeFileSync(text, 'Nothing here.');
    const bare = await core.dispatch('review.modelOpinion', [await taskOf(text)]);
    expect(bare).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
