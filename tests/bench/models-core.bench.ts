// Object detection in a real core. (1) How long the core keeps other requests waiting while object detection runs: a save (annotations.edit) or a
// read (annotations.load), in turn, due every 20 ms through the real core's dispatch while CenterNet works through the
// labelled fixture images. Before: the model ran on the core's event loop (what detectInFile with runCenterNet on
// this thread does); ours: the core's Detect objects job, whose model runs in a worker thread. (2) Tiled detection:
// a horse too small for the whole-picture pass on a grey 2048² picture (decoded and cut in memory) and on a
// 6000² one (read from its pyramid), windows per second and whether the horse was found.
import sharp from 'sharp';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { detectInFile } from '../../electron/models/detectObjects.ts';
import { runCenterNet } from '../../electron/models/centernet.ts';
import { labelsFrom } from '../../shared/defaultSchema.ts';
import { PROJECT_ROOT } from '../../electron/core/paths.ts';
import { printTable, stats } from './table.ts';

const FIX = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'models');
const files = fs.readdirSync(FIX).filter((f) => f.endsWith('.jpg')).map((f) => path.join(FIX, f));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-bench-latency-'));
const core: Core = createCore({ dataDir: dir });
const projectId = core.projects.create({ name: 'Latency', schema: { image: { labels: labelsFrom(['Person', 'Animal']), attributes: [] } } }).id;
await core.imports.importPaths(projectId, files);
const tasks = core.tasks.list(projectId, {});
const target = tasks[0].id;

async function call(name: string, args: unknown[]): Promise<unknown> {
  const r = await core.dispatch(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/** A save or a read (in turn) due every 20 ms until `work` settles; each one's latency counts from when it was due, so
 *  time spent waiting for a blocked event loop counts as a person would feel it. */
async function whileRunning(work: Promise<unknown>): Promise<{ save: number[]; read: number[]; ms: number }> {
  let finished = false;
  const t0 = performance.now();
  const done = work.finally(() => { finished = true; });
  const save: number[] = [];
  const read: number[] = [];
  for (let i = 0; !finished; i++) {
    const due = t0 + i * 20;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else await new Promise((r) => setImmediate(r));
    if (i % 2 === 0) {
      await call('annotations.edit', [target, { label: 'Move box', ops: [{ op: 'put', object: { id: 'bench-box', kind: 'box', label: 'person', geometry: { x: i % 100, y: 10, w: 40, h: 40 }, attributes: {}, origin: 'human', z: 1, hidden: false, locked: false } }] }]);
      save.push(performance.now() - due);
    } else {
      await call('annotations.load', [target]);
      read.push(performance.now() - due);
    }
    // a request falls due while the loop was blocked: catch up from now, not with a burst
    if (performance.now() - due > 20) i = Math.floor((performance.now() - t0) / 20);
  }
  await done;
  return { save, read, ms: performance.now() - t0 };
}

// Warm both paths once (TF.js + WebAssembly + model load), so the rows compare steady work.
await detectInFile(runCenterNet, files[0], 'warm', { width: 512, height: 512 });
await call('models.detectObjects', [tasks[1].id]);

const before = await whileRunning((async () => {
  for (const f of files) await detectInFile(runCenterNet, f, path.basename(f), { width: 512, height: 512 });
})());
const ours = await whileRunning((async () => {
  for (const t of tasks) await call('models.detectObjects', [t.id]);
})());
const idle = await whileRunning(new Promise((r) => setTimeout(r, 1500)));

const row = (what: string, r: { save: number[]; read: number[]; ms: number }) => {
  const s = stats(r.save);
  const l = stats(r.read);
  return [what, r.ms, String(r.save.length + r.read.length), s.p50, s.p95, s.max, l.p50, l.p95, l.max];
};
printTable(`Core request latency while detection runs on ${files.length} images (a save or a read due every 20 ms; latency counted from when it was due)`,
  ['while', 'run ms', 'requests', 'save p50', 'save p95', 'save max', 'read p50', 'read p95', 'read max'], [
    row('baseline: CenterNet on the core\'s event loop (before)', before),
    row('CenterNet in a worker thread (ours)', ours),
    row('nothing running (reference)', idle),
  ]);
// ---- tiled detection ----------------------------------------------------------------------------------------
async function canvas(side: number, horseWidth: number): Promise<string> {
  const horse = await sharp(path.join(FIX, 'horse.jpg')).resize({ width: horseWidth }).toBuffer();
  const file = path.join(dir, `field-${side}.jpg`);
  await sharp({ create: { width: side, height: side, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: horse, left: Math.round(side * 0.6), top: Math.round(side * 0.3) }]).jpeg({ quality: 85 }).toFile(file);
  return file;
}
const tiledRows: (string | number)[][] = [];
for (const [side, horseWidth] of [[2048, 120], [6000, 300]]) {
  const file = await canvas(side, horseWidth);
  await core.imports.importPaths(projectId, [file]);
  const task = core.tasks.list(projectId, {}).find((t) => t.name === path.basename(file))!;
  const sha = core.tasks.get(task.id).assetId;
  let t = performance.now();
  const tiled = !!(await core.pyramids.pyramid(sha));
  const pyramidMs = performance.now() - t;
  for (const maxTiles of [1, 16, 64]) {
    t = performance.now();
    const r = await call('models.detectObjects', [task.id, { maxTiles }]) as { model: string; ms: number };
    const ms = performance.now() - t;
    const windows = Number(/and (\d+) windows/.exec(r.model)?.[1] ?? 0);
    const horse = core.annotations.list(task.id).some((o) => o.origin === 'model' && o.label === 'animal');
    tiledRows.push([`${side} × ${side}${tiled ? ` (pyramid, built in ${(pyramidMs / 1000).toFixed(1)} s)` : ''}, horse ${horseWidth} px`, maxTiles === 1 ? 'whole picture only (before)' : `≤ ${maxTiles} windows (ours)`, String(windows), ms, (windows + 1) / (ms / 1000), horse ? 'yes' : 'no']);
  }
}
printTable('Tiled detection (CenterNet in its worker thread, through the core)', ['picture', 'run', 'windows', 'ms', 'model inputs / s', 'horse found'], tiledRows);

await core.close();
fs.rmSync(dir, { recursive: true, force: true });
