// What 'Saved' costs: one user edit (an annotation write with its undo history, one transaction) with SQLite's
// synchronous = NORMAL (survives an app crash) against FULL (also survives a power cut; the app's setting).
import { createCore } from '../../electron/core/createCore.ts';
import { tempDataDir } from '../support/server.ts';
import { printTable, stats } from './table.ts';

const rows: (string | number)[][] = [];
for (const mode of ['NORMAL', 'FULL']) {
  const core = createCore({ dataDir: tempDataDir('tagger-bench-sync-') });
  core.db.pragma(`synchronous = ${mode}`);
  const project = core.projects.create({ name: 'Bench' });
  core.db.prepare("INSERT INTO assets(id, kind, mime, original_name, size, width, height, created_at) VALUES ('a', 'image', 'image/png', 'a.png', 1, 10, 10, 0)").run();
  const taskId = core.tasks.create(project.id, 'a').id;
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    core.annotations.edit(taskId, { label: 'Move', ops: [{ op: 'put', object: { id: `o${i % 20}`, kind: 'box', label: 'car', geometry: { x: i, y: 1, w: 5, h: 5 }, attributes: {}, origin: 'human', z: i % 20, hidden: false, locked: false } }] });
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  rows.push([mode, s.p50, s.p95, s.p99, s.max]);
  await core.close();
}
printTable('One saved edit (ms, 300 edits on the local disk)', ['synchronous', 'p50', 'p95', 'p99', 'max'], rows);
