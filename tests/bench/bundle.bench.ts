// Signed bundles at size: export, verify and import of a project of 1,000 images (incompressible bytes, like JPEGs)
// with 20,000 boxes and 1,000 signed submissions, each beside `sha256sum` of the same bundle file, since every
// byte of a bundle is hashed once on each side; the goal is to be bounded by hashing. `npm run bench -- bundle`.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEYS, openStation } from '../../electron/bundles/testing/stations.ts';
import { printTable } from './table.ts';

const IMAGES = 1000;
const OBJECTS_PER_IMAGE = 20;
const IMAGE_BYTES = 200 * 1024;

const MB = 1024 * 1024;
const timed = async <T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> => {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
};

function sha256sum(file: string): number {
  const t = performance.now();
  const r = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sha256sum failed: ${r.stderr}`);
  return performance.now() - t;
}

const lead = await openStation(KEYS.lead);
const project = lead.core.projects.create({ name: 'Bench' });
const seed = await timed(() => {
  const taskIds: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const bytes = crypto.randomBytes(IMAGE_BYTES);
    const sha = lead.core.media.putBytes(bytes);
    lead.core.assets.insertIfMissing({ id: sha, kind: 'image', mime: 'image/jpeg', originalName: `img-${i}.jpg`, size: bytes.length, width: 640, height: 480, durationMs: null, meta: {}, createdAt: 1 });
    const taskId = lead.core.tasks.create(project.id, sha).id;
    taskIds.push(taskId);
    lead.core.annotations.edit(taskId, {
      label: 'Add boxes',
      ops: Array.from({ length: OBJECTS_PER_IMAGE }, (_, k) => ({ op: 'put' as const, object: { id: `o${k}`, kind: 'box' as const, label: k % 2 ? 'car' : 'person', geometry: { x: 10 + k, y: 20, w: 30, h: 40 }, attributes: {}, origin: 'human' as const, z: k, hidden: false, locked: false } })),
    });
  }
  for (const id of taskIds) lead.net.submissions.submit(id);
  return taskIds;
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bundle-bench-'));
const file = path.join(dir, 'bench.tagger');
const exported = await timed(() => lead.bundles.exportBundle({ projectId: project.id, out: file, withMedia: true }));
const bytes = fs.statSync(file).size;
const other = await openStation(KEYS.ann1);
other.bundles.trusted.trust(lead.address);
const verified = await timed(() => other.bundles.verify(file));
if (!verified.value.ok) throw new Error(`the bench bundle did not verify: ${verified.value.problems[0]?.message}`);
const imported = await timed(() => other.bundles.importBundle(file));
const hashMs = [sha256sum(file), sha256sum(file), sha256sum(file)].sort((a, b) => a - b)[1];
const mbps = (ms: number) => bytes / MB / (ms / 1000);

const c = exported.value;
console.log(`${IMAGES} images of ${IMAGE_BYTES / 1024} KiB, ${c.objects} objects, ${c.submissions} signed submissions; bundle ${(bytes / MB).toFixed(1)} MiB (seeding the store took ${(seed.ms / 1000).toFixed(1)} s)`);
printTable('Bundle export, verify and import beside sha256sum of the same file', ['step', 'seconds', 'MB/s', '× sha256sum time'], [
  ['sha256sum (median of 3)', hashMs / 1000, mbps(hashMs), 1],
  ['export (collect, write, hash, sign)', exported.ms / 1000, mbps(exported.ms), exported.ms / hashMs],
  ['verify (read, hash, check signatures)', verified.ms / 1000, mbps(verified.ms), verified.ms / hashMs],
  [`import (verify + merge ${imported.value.objects.added} objects)`, imported.ms / 1000, mbps(imported.ms), imported.ms / hashMs],
]);
await other.close();
await lead.close();
fs.rmSync(dir, { recursive: true, force: true });
