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
