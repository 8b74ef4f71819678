// The models through the contract on a real core: CenterNet on WebAssembly over a labelled fixture image, and the
// entity finders over a text with punctuation, an emoji and a byte-order mark. Proposals are one undo step,
// replace earlier proposals, respect the project's mapping and never duplicate a person's work.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/createCore.ts';
import type { ModelRunResult } from '../../shared/api/models.ts';
import type { AnnotationObject, JobProgress } from '../../shared/domain.ts';
import { labelsFrom } from '../../shared/defaultSchema.ts';
import { PROJECT_ROOT } from '../core/paths.ts';
import type { ReviewModelOpinion } from '../../shared/api/review.ts';
import type { ObjectInput } from '../../shared/domain.ts';
import { VersionRepository } from '../review/versions.ts';

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

const proposals = (taskId: string): AnnotationObject[] => core.annotations.list(taskId).filter((o) => o.origin === 'model');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-models-'));
  core = createCore({ dataDir: path.join(dir, 'data') });
  projectId = core.projects.create({
    name: 'Models',
    schema: {
      image: { labels: labelsFrom(['Person', 'Animal', 'Car']), attributes: [] },
      text: { labels: labelsFrom(['Person', 'Location', 'Organization', 'Date', 'Email']), attributes: [] },
    },
  }).id;
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('detect objects', () => {
  it('proposes the person and the animals of the collage as one undo step, with progress', async () => {
    const taskId = await taskOf(path.join(FIXTURES, 'collage.jpg'));
    const events: JobProgress[] = [];
    const off = core.events.subscribe((name, p) => { if (name === 'progress') events.push(p as JobProgress); });
    const r = await call<ModelRunResult>('models.detectObjects', [taskId]);
    off();
    const boxes = proposals(taskId);
    expect(r.count).toBe(boxes.length);
    expect(r.model).toMatch(/CenterNet/);
    const labels = boxes.map((b) => b.label).sort();
    expect(labels).toContain('person');
    expect(labels.filter((l) => l === 'animal').length).toBeGreaterThanOrEqual(2); // the horse and the cat
    for (const b of boxes) {
      expect(b.kind).toBe('box');
      expect(b.attributes.score as number).toBeGreaterThanOrEqual(0.25);
    }
    // The person is where she is in the picture (top-left quarter).
    const person = boxes.find((b) => b.label === 'person')!.geometry as { x: number; y: number; w: number; h: number };
    expect(person.x + person.w / 2).toBeLessThan(256);
    expect(person.y + person.h / 2).toBeLessThan(256);
    // Classes this project has no label for are reported, not proposed.
    expect(Object.keys(r.unmapped).length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ state: 'finished', title: 'Detect objects in collage.jpg' });
    expect(core.annotations.history(taskId).undoLabel).toBe('Detect objects');
    core.annotations.undo(taskId);
    expect(proposals(taskId)).toEqual([]);
  }, 60_000);

  it('follows the project mapping, replaces earlier proposals and skips what a person drew', async () => {
    const taskId = core.tasks.list(projectId, {}).find((t) => t.name === 'collage.jpg')!.id;
    const first = await call<ModelRunResult>('models.detectObjects', [taskId]);
    const person = proposals(taskId).find((b) => b.label === 'person')!;
    core.annotations.edit(taskId, { label: 'Draw box', ops: [{ op: 'put', object: { ...person, id: 'drawn', origin: 'human', attributes: {} } }] });
    const project = core.projects.get(projectId);
    core.projects.update(projectId, { schema: { ...project.schema, image: { ...project.schema.image!, modelLabels: { cat: null, horse: 'car' } } } });
    const again = await call<ModelRunResult>('models.detectObjects', [taskId]);
    const boxes = proposals(taskId);
    expect(again.count).toBe(boxes.length);
    expect(again.count).toBeLessThan(first.count + 1);
    expect(boxes.some((b) => b.label === 'person')).toBe(false); // drawn by a person already
    expect(boxes.some((b) => b.label === 'car')).toBe(true); // the horse, as this project maps it
    expect(again.unmapped.cat).toBeUndefined(); // ignored on purpose is not "unmapped"
  }, 60_000);

  it('refuses a task that is not an image, and bad options, with a clear message', async () => {
    const t = path.join(dir, 'note.txt');
    fs.writeFileSync(t, 'Hello.');
    const taskId = await taskOf(t);
    const r = await core.dispatch('models.detectObjects', [taskId]);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'note.txt is not an image; object detection works on images.' } });
    const bad = await core.dispatch('models.detectObjects', [taskId, { minScore: 7 }]);
    expect(bad.ok).toBe(false);
  });
});

describe('find entities', () => {
  it('proposes people, places, organizations, dates and e-mails at UTF-16 offsets the page uses', async () => {
    const text = '“Dr. Anna Schmidt” 🙂 met Tim Cook of Apple in Paris on 3 March 2024.\n\nWrite to anna@example.org. Costs rose 12%.';
    const f = path.join(dir, 'news.txt');
    fs.writeFileSync(f, '\ufeff' + text); // the page drops the byte-order mark; offsets must not count it
    const taskId = await taskOf(f);
    const r = await call<ModelRunResult>('models.findEntities', [taskId]);
    const spans = proposals(taskId).map((o) => ({ label: o.label, text: text.slice((o.geometry as { start: number }).start, (o.geometry as { end: number }).end) }));
    expect(spans).toEqual(expect.arrayContaining([
      { label: 'person', text: 'Dr. Anna Schmidt' },
      { label: 'person', text: 'Tim Cook' },
      { label: 'location', text: 'Paris' },
      { label: 'date', text: '3 March 2024' },
      { label: 'email', text: 'anna@example.org' },
    ]));
    expect(r.count).toBe(spans.length);
    expect(r.unmapped.percent).toBe(1); // "12%": this project has no label for percentages
    expect(core.annotations.history(taskId).undoLabel).toBe('Find entities');
    // A span a person made is not proposed again.
    const tim = proposals(taskId).find((o) => text.slice((o.geometry as { start: number }).start).startsWith('Tim'))!;
    core.annotations.edit(taskId, { label: 'Accept', ops: [{ op: 'put', object: { ...tim, origin: 'human' } }] });
    const again = await call<ModelRunResult>('models.findEntities', [taskId]);
    expect(again.count).toBe(r.count - 1);
  }, 60_000);
});

// The validators' model opinion (review.modelOpinion): each annotator's version compared with what the model is sure of;
// nothing the model found is stored.
const box = (id: string, label: string, [x, y, w, h]: number[]): ObjectInput => ({ id, kind: 'box', label, geometry: { x, y, w, h }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false });
const span = (id: string, label: string, start: number, end: number): ObjectInput => ({ id, kind: 'span', label, geometry: { start, end }, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false });

describe('model opinion for validators', () => {
  // A project of its own: the tests above change the models project's class mapping.
  let opinions: string;
  beforeAll(() => {
    opinions = core.projects.create({
      name: 'Opinions',
      schema: {
        image: { labels: labelsFrom(['Person', 'Animal', 'Car']), attributes: [] },
        text: { labels: labelsFrom(['Person', 'Location', 'Organization', 'Date']), attributes: [] },
      },
    }).id;
  });
  const taskOf = async (file: string) => {
    const r = await core.imports.importPaths(opinions, [file]);
    expect(r.failed).toEqual([]);
    return core.tasks.list(opinions, {}).find((t) => t.name === path.basename(file))!.id;
  };

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
