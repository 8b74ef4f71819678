import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, addSpan, openStation, projectContent, seedProject, storeBytes, type Station } from './testing/stations.ts';

const open: Station[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
const station = async (key: string) => {
  const s = await openStation(key);
  open.push(s);
  return s;
};
const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bundle-')), name);

describe('bundle export → import', () => {
  it('round-trips a project onto a fresh data directory: same tasks, media, objects and signed submissions by content hash', async () => {
    const a = await station(KEYS.lead);
    const { projectId, taskIds } = seedProject(a.core, 3);
    addSpan(a.core, taskIds[0], 's1', 'PER');
    addSpan(a.core, taskIds[1], 's2', 'ORG', 0, 3);
    a.net.submissions.submit(taskIds[1]);
    // how a Label Studio file referred to the first item travels with its task
    a.core.tasks.setSourceRef(taskIds[0], '/data/upload/3/doc-0.txt');
    // and what a CoNLL / doccano file said about the second (migration 014 moved it from the shared asset to the task)
    a.core.tasks.setSource(taskIds[1], { sourceName: 'doc-1', sourceMeta: { split: 'dev' }, conllColumns: 'NNP\tB-NP\nVBZ\tB-VP' });
    const out = tmpFile('stick.tagger');
    const exp = await a.bundles.exportBundle({ projectId, out, withMedia: true });
    expect(exp).toMatchObject({ tasks: 3, assets: 3, objects: 2, submissions: 1, signer: a.address });

    const b = await station(KEYS.ann1);
    // b does not know a yet: refused, nothing written.
    const before = storeBytes(b.dataDir);
    await expect(b.bundles.importBundle(out)).rejects.toThrow(/not on this machine's trusted-keys list.*tagger keys trust/);
    expect(storeBytes(b.dataDir)).toEqual(before);

    const v = await b.bundles.verify(out);
    expect(v).toMatchObject({ ok: false, signer: a.address, trusted: false, project: { id: projectId, name: 'Stick' }, signers: [{ address: a.address, submissions: 1 }] });
    expect(v.problems.map((p) => p.code)).toEqual(['unknown_signer']);

    b.bundles.trusted.trust(a.address, 'lead');
    const r = await b.bundles.importBundle(out);
    expect(r).toMatchObject({ projectCreated: true, tasks: { added: 3 }, assets: { added: 3 }, objects: { added: 2 }, submissions: { added: 1 }, flagged: [] });
    const local = (x: string) => (x === 'local' ? a.address : x);
    expect(projectContent(b.core, projectId)).toEqual(projectContent(a.core, projectId, local));
    expect(b.core.tasks.sourceRefs(projectId)).toEqual(new Map([[taskIds[0], '/data/upload/3/doc-0.txt']]));
    expect(b.core.tasks.source(taskIds[1])).toEqual({ sourceName: 'doc-1', sourceMeta: { split: 'dev' }, conllColumns: 'NNP\tB-NP\nVBZ\tB-VP' });
    expect(b.core.tasks.source(taskIds[0])).toEqual({});
    // a's queued submission is a's to sync: b neither counts it as waiting nor sends it to b's node
    expect(a.net.engine.status().pending).toBe(1);
    expect(b.net.engine.status().pending).toBe(0);
    expect(b.net.outbox.dueFor(b.core.settings.get().nodeUrl ?? '', Date.now() + 1e9, 10)).toEqual([]);
    // b's own work still waits for b's node as before
    addSpan(b.core, taskIds[2], 's3', 'PER');
    b.net.submissions.submit(taskIds[2]);
    expect(b.net.engine.status().pending).toBe(1);

    // A bundle from before schema 14 kept a text's source in its (shared) asset's meta: here it goes to the task.
    const c = await station(KEYS.ann2);
    c.bundles.trusted.trust(a.address, 'lead');
    const assetOf = (core: Station['core'], taskId: string) => core.tasks.get(taskId).assetId;
    a.core.db.prepare(`UPDATE assets SET meta_json = json_set(meta_json, '$.sourceName', 'old-doc-2', '$.conllColumns', 'X\tY') WHERE id = ?`).run(assetOf(a.core, taskIds[2]));
    const old = tmpFile('old.tagger');
    await a.bundles.exportBundle({ projectId, out: old, withMedia: true });
    await c.bundles.importBundle(old);
    expect(c.core.tasks.source(taskIds[2])).toEqual({ sourceName: 'old-doc-2', conllColumns: 'X\tY' });
    expect(c.core.assets.get(assetOf(c.core, taskIds[2])).meta).not.toHaveProperty('sourceName');

    // Importing again changes nothing and duplicates nothing (a task's own source reference here is kept).
    b.core.tasks.setSourceRef(taskIds[0], 'b-own-ref');
    b.core.tasks.setSource(taskIds[1], { sourceName: 'b-own-name' });
    const again = await b.bundles.importBundle(out);
    expect(b.core.tasks.sourceRefs(projectId).get(taskIds[0])).toBe('b-own-ref');
    expect(b.core.tasks.source(taskIds[1]).sourceName).toBe('b-own-name');
    expect(again).toMatchObject({ projectCreated: false, tasks: { added: 0, existing: 3 }, objects: { added: 0, existing: 2 }, submissions: { added: 0, existing: 1 } });
  });
});

describe('bundle import onto a "No overlap" tier', () => {
  it('refuses your own work coming back when it would overlap your segments there, naming the item and times; nothing is written', async () => {
    const b = await station(KEYS.ann1);
    const { projectId, taskIds } = seedProject(b.core, 1);
    const project = b.core.projects.get(projectId);
    b.core.projects.update(projectId, { schema: { ...project.schema, audio: { labels: [{ id: 'speech', name: 'Speech', color: '#ff0000' }], attributes: [], tiers: [{ id: 'spk', name: 'Speaker', exclusive: true }, { id: 'free', name: 'Free' }] } } });
    const segment = (id: string, start: number, end: number, tier = 'spk') => ({ op: 'put' as const, object: { id, kind: 'segment' as const, label: 'speech', geometry: { start, end, tier }, attributes: {}, origin: 'human' as const, z: 1, hidden: false, locked: false } });
    b.core.annotations.edit(taskIds[0], { label: 'Draw', ops: [segment('s1', 1, 2), segment('f1', 1, 2, 'free')] });
    const backup = tmpFile('backup.tagger');
    await b.bundles.exportBundle({ projectId, out: backup, withMedia: true });
    // Later s1 is deleted and a new segment drawn where it was; the free tier's segment moves over f1's old place.
    b.core.annotations.edit(taskIds[0], { label: 'Redo', ops: [{ op: 'delete', id: 's1' }, { op: 'delete', id: 'f1' }, segment('s2', 1.5, 2.5), segment('f2', 1.5, 2.5, 'free')] });
    const before = storeBytes(b.dataDir);
    await expect(b.bundles.importBundle(backup)).rejects.toThrow('Your own work on doc-0.txt in this bundle would overlap your segments here: Segments on Speaker may not overlap ("No overlap" is ticked for it in the project\'s labels and schema), but 1–2 s overlaps 1.5–2.5 s. Nothing was imported');
    expect(storeBytes(b.dataDir)).toEqual(before);
    // Without the mark the same bundle merges (both segments kept, as merging by id does).
    b.core.projects.update(projectId, { schema: { ...b.core.projects.get(projectId).schema, audio: { ...b.core.projects.get(projectId).schema.audio!, tiers: [{ id: 'spk', name: 'Speaker' }, { id: 'free', name: 'Free' }] } } });
    expect(await b.bundles.importBundle(backup)).toMatchObject({ objects: { added: 2 } });
  });
});
