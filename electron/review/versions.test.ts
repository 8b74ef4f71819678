// Versions in the local store, as a reviewer meets them: the demo's three annotators, another tool's export loaded
// as a named version, and the refusals that keep everyone's work intact. Real SQLite files, real imports.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCore, type Core } from '../core/createCore.ts';
import { ensureDemoProject, DEMO_PROJECT } from '../core/demo.ts';
import { VersionRepository, checkAnnotatorName } from './versions.ts';
import { importVersion } from './importVersion.ts';
import { projectAgreementReport, taskText } from './agreementReport.ts';
import { DEMO_ANNOTATORS } from './demoVersions.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let core: Core;
let projectId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-review-'));
  core = createCore({ dataDir: dir });
  await ensureDemoProject(core);
  projectId = core.projects.findByName(DEMO_PROJECT)!.id;
}, 60_000);
afterAll(async () => { await core.close(); });

const taskNamed = (name: string) => core.tasks.list(projectId).find((t) => t.name === name)!;

describe('demo versions', () => {
  it('gives one item per modality three annotators’ versions, and leaves the user’s own work empty', () => {
    const v = new VersionRepository(core.db, core.tasks, core.now);
    const ids = v.tasksWithVersions(projectId, 3);
    expect(ids.map((id) => core.tasks.list(projectId).find((t) => t.id === id)!.kind).sort()).toEqual(['audio', 'image', 'text']);
    for (const id of ids) {
      expect(v.load(id).map((x) => [x.annotator, x.source, x.changed])).toEqual(DEMO_ANNOTATORS.map((a) => [a, 'demo', false]));
      expect(core.annotations.list(id)).toEqual([]);
      expect(core.tasks.list(projectId).find((t) => t.id === id)!.objectCount).toBe(0); // the queue counts the user's own objects
    }
  });

  it('shows every match status in the project report', () => {
    const r = projectAgreementReport(core, projectId);
    expect(r.tasks).toBe(3);
    expect(r.annotators).toEqual([...DEMO_ANNOTATORS]);
    const ab = r.pairs.find((p) => p.a === 'amara' && p.b === 'bruno')!;
    const ac = r.pairs.find((p) => p.a === 'amara' && p.b === 'chen')!;
    // bruno: building called tree (label differs); a sign, a noise burst and Nordlicht Logistik extra; the stray
    // space before " Amara Okafor" is trimmed, so it agrees.
    expect(ab).toMatchObject({ labelMismatch: 1, lowOverlap: 0, missing: 0, extra: 3 });
    // chen: person shifted (low overlap), building, third speech turn and the date missing; nested Rotterdam and
    // the speaker-B turn put on speaker A's lane differ in label.
    expect(ac).toMatchObject({ labelMismatch: 2, lowOverlap: 1, missing: 3, extra: 0 });
    expect(r.alpha).toBeGreaterThan(0.3);
    expect(r.alpha).toBeLessThan(0.9);
  });

  it('notices when a version changed after it was recorded', () => {
    const v = new VersionRepository(core.db, core.tasks, core.now);
    const t = taskNamed('street-1.jpg');
    const chen = v.objectsOf('chen');
    const before = chen.list(t.id);
    chen.replaceAll(t.id, before.slice(1).map((o) => ({ ...o })));
    expect(v.load(t.id).find((x) => x.annotator === 'chen')!.changed).toBe(true);
    v.put(t.id, 'chen', before.map((o) => ({ ...o })), 'demo');
    expect(v.load(t.id).find((x) => x.annotator === 'chen')!.changed).toBe(false);
  });
});

describe('importing another tool’s export as a named version', () => {
  const doccano = (label: string) => {
    const t = taskNamed('lab-notes.txt');
    const text = taskText(core, t.assetId, 'text')!;
    const at = text.indexOf('Lena Hoffmann');
    const file = path.join(dir, `${label}.jsonl`);
    fs.writeFileSync(file, `${JSON.stringify({ text, label: [[at, at + 'Lena Hoffmann'.length, label]] })}\n`);
    return { file, task: t };
  };

  it('stores it as NAME’s version only; the user’s own work and other versions stay as they were', async () => {
    const { file, task } = doccano('person');
    const r = await importVersion(core, projectId, 'doccano', file, 'dora');
    expect(r).toMatchObject({ tasks: 1, objects: 1, versions: 1 });
    const v = new VersionRepository(core.db, core.tasks, core.now);
    expect(v.list(task.id).map((x) => [x.annotator, x.source])).toEqual([['dora', 'import:doccano']]);
    expect(v.objectsOf('dora').list(task.id).map((o) => o.label)).toEqual(['person']);
    expect(core.annotations.list(task.id)).toEqual([]);
  });

  it('refuses a name that already has versions, a bad name and labels outside the schema — nothing written', async () => {
    const { file, task } = doccano('PER');
    await expect(importVersion(core, projectId, 'doccano', file, 'dora')).rejects.toThrow(/"dora" already has a version of 1 task\(s\).*nothing was imported/);
    await expect(importVersion(core, projectId, 'doccano', file, 'local')).rejects.toThrow(/your own work/);
    await expect(importVersion(core, projectId, 'doccano', file, 'a b')).rejects.toThrow(/not usable/);
    await expect(importVersion(core, projectId, 'doccano', file, 'eve')).rejects.toThrow(/labels this project's schema does not have: text: PER \(known: person, organization/);
    const v = new VersionRepository(core.db, core.tasks, core.now);
    expect(v.objectsOf('eve').list(task.id)).toEqual([]);
    expect(v.list(task.id).map((x) => x.annotator)).toEqual(['dora']);
    expect(checkAnnotatorName(' ana ')).toBe('ana');
  });

  it('refuses a second import of the same name while the first runs, so the two never merge or delete each other', async () => {
    const a = doccano('person'), b = doccano('organization');
    const results = await Promise.allSettled([importVersion(core, projectId, 'doccano', a.file, 'fred'), importVersion(core, projectId, 'doccano', b.file, 'fred')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/An import of "fred"'s version into this project is already running; nothing was imported/);
    const v = new VersionRepository(core.db, core.tasks, core.now);
    expect(v.objectsOf('fred').list(a.task.id).map((o) => o.label)).toEqual(['person']);
    expect(v.load(a.task.id).find((x) => x.annotator === 'fred')!.changed).toBe(false);
  });

  it('clears what an import cut off before it recorded its version, instead of merging into it', async () => {
    const { file, task } = doccano('organization');
    const v = new VersionRepository(core.db, core.tasks, core.now);
    // an earlier import of gus stopped after writing its objects, before its version row
    v.objectsOf('gus').replaceAll(task.id, [{ id: 'stale', kind: 'span', label: 'person', geometry: { start: 0, end: 4 }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false }]);
    expect(v.list(task.id).some((x) => x.annotator === 'gus')).toBe(false);
    await importVersion(core, projectId, 'doccano', file, 'gus');
    expect(v.objectsOf('gus').list(task.id).map((o) => o.label)).toEqual(['organization']);
    // the agreement report below counts the demo's own annotators only
    for (const who of ['fred', 'gus']) {
      core.db.prepare('DELETE FROM task_versions WHERE annotator = ?').run(who);
      core.db.prepare('DELETE FROM annotation_objects WHERE annotator = ?').run(who);
    }
  });
});

describe('tagger agreement', () => {
  it('prints the JSON the issue names, from a real process', async () => {
    await core.close();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'agreement', '--data', dir, '--project', DEMO_PROJECT, '--json'], { encoding: 'utf8', timeout: 60_000 });
    core = createCore({ dataDir: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(typeof j.alpha).toBe('number');
    expect(j.pairs).toHaveLength(3);
    for (const p of j.pairs) expect(Object.keys(p).sort()).toEqual(['a', 'b', 'extra', 'labelMismatch', 'lowOverlap', 'matched', 'meanIoU', 'missing']);
    const missing = spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), 'agreement', '--data', dir, '--project', 'Nope'], { encoding: 'utf8', timeout: 60_000 });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/No project named "Nope"/);
  }, 60_000);
});
