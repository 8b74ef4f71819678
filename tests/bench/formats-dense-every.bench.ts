// Every exchange format at 100,000 objects on one item: each image format with 100,000 polygons on one image, each
// text format with 100,000 spans in one document, each audio format with 100,000 segments on one recording.
// Export from a project that holds them, then import the file into a fresh project holding the same item. The goal
// is linear work in the number of objects (each under 10 s); a scan of every object per object shows up here as
// minutes. `npm run bench -- formats-dense` (DENSE_BENCH_OBJECTS changes the count, DENSE_BENCH_FORMATS=coco,srt
// picks formats).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tempDataDir } from '../support/server.ts';
import { printTable } from './table.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { runExport, runImport } from '../../electron/formats/run.ts';
import { FORMAT_ADAPTERS } from '../../electron/formats/registry.ts';
import { wavHeader } from '../../electron/audio/testing/synth.ts';
import type { CoreContext } from '../../electron/core/context.ts';
import type { AssetKind, ObjectInput } from '../../shared/domain.ts';

const N = Number(process.env.DENSE_BENCH_OBJECTS ?? 100_000);
/** DENSE_BENCH_FORMATS=doccano,rttm runs only those formats. */
const only = process.env.DENSE_BENCH_FORMATS?.split(',');
const work = tempDataDir('tagger-bench-every-');
const core = createCore({ dataDir: path.join(work, 'data') });

// One item per modality, and the N objects that go on it.
const image = path.join(work, 'dense.png');
await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#777' } }).png().toFile(image);
const text = path.join(work, 'dense.txt');
const words = ['Alice', 'met', 'Bob', 'in', 'Paris', 'at', 'ACME', 'today'];
fs.writeFileSync(text, Array.from({ length: Math.ceil(N / 8) }, (_, i) => `${words.join(' ')} ${i}.`).join('\n'));
const wordStarts = words.map((_, k) => words.slice(0, k).join(' ').length + (k ? 1 : 0));
const SECONDS = Math.ceil(N / 50); // 50 segments a second
const audio = path.join(work, 'dense.wav');
{
  const rate = 8000;
  fs.writeFileSync(audio, Buffer.concat([wavHeader({ sampleRate: rate, channels: 1 }, SECONDS * rate), Buffer.alloc(SECONDS * rate * 2)]));
}
const items: Record<AssetKind, string> = { image, text, audio };

const base = { attributes: {}, origin: 'human' as const, hidden: false, locked: false };
const textStarts: number[] = [];
{
  let at = 0;
  for (const line of fs.readFileSync(text, 'utf8').split('\n')) {
    textStarts.push(at);
    at += line.length + 1;
  }
}
const objectsFor: Record<AssetKind, () => ObjectInput[]> = {
  image: () => Array.from({ length: N }, (_, i) => {
    const x = (i * 37) % 3990, y = Math.floor(i / 100) % 2990;
    return { ...base, id: `p${i}`, kind: 'polygon', label: `c${i % 3}`, z: i, geometry: { points: [x, y, x + 8, y, x + 8, y + 8, x, y + 4] } };
  }),
  text: () => Array.from({ length: N }, (_, i) => {
    const line = Math.floor(i / 8), k = i % 8, start = textStarts[line] + wordStarts[k];
    return { ...base, id: `s${i}`, kind: 'span', label: ['PER', 'O', 'PER', 'O', 'LOC', 'O', 'ORG', 'O'][k], z: i, geometry: { start, end: start + words[k].length } };
  }),
  audio: () => Array.from({ length: N }, (_, i) => ({
    ...base, id: `a${i}`, kind: 'segment', label: 'speech', z: i, attributes: { transcript: `words ${i}` },
    geometry: { start: i / 50, end: i / 50 + 0.015, tier: `speaker_${i % 4}` },
  })),
};

async function projectWith(kind: AssetKind, name: string, withObjects: boolean) {
  const p = core.projects.create({ name });
  await core.imports.importPaths(p.id, [items[kind]]);
  if (withObjects) core.annotations.replaceAll(core.tasks.list(p.id)[0].id, objectsFor[kind]());
  return p.id;
}

const objectsIn = (c: CoreContext, projectId: string) => c.tasks.list(projectId).reduce((n, t) => n + c.annotations.list(t.id).length, 0);

const rows: (string | number)[][] = [];
for (const kind of ['image', 'text', 'audio'] as AssetKind[]) {
  const adapters = FORMAT_ADAPTERS.filter((x) => x.kind === kind && x.export && x.import && (!only || only.includes(x.id)));
  if (!adapters.length) continue;
  const source = await projectWith(kind, `Dense ${kind}`, true);
  for (const a of adapters) {
    const out = path.join(work, `out-${a.id}${a.output === 'file' ? `.${a.extension ?? 'out'}` : ''}`);
    let t0 = performance.now();
    try {
      await runExport(core, source, a.id, out);
    } catch (e) {
      rows.push([a.label, 'export failed', (e as Error).message.slice(0, 80), '', '']);
      continue;
    }
    const exportMs = performance.now() - t0;
    const target = await projectWith(kind, `Into ${a.id}`, false);
    t0 = performance.now();
    let importMs: number | string;
    try {
      await runImport(core, target, a.id, out);
      importMs = performance.now() - t0;
    } catch (e) {
      importMs = `failed: ${(e as Error).message.slice(0, 60)}`;
    }
    rows.push([a.label, exportMs, importMs, objectsIn(core, target), kind]);
    fs.rmSync(out, { recursive: true, force: true });
    // The next format starts from a store of the same size, not one grown by every import before it.
    for (const table of ['annotation_objects', 'history']) core.db.prepare(`DELETE FROM ${table} WHERE task_id IN (SELECT id FROM tasks WHERE project_id = ?)`).run(target);
  }
}
await core.close();
printTable(`Every format, ${N.toLocaleString('en')} objects on one item: export, then import into a fresh project (goal: each under 10 s)`, ['format', 'export ms', 'import ms', 'objects back', 'kind'], rows);
fs.rmSync(work, { recursive: true, force: true });
