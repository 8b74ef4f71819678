// The document store's cost per edit at scale: the objects map was copied (new Map) for the optimistic edit and
// again for the stored answer; the persistent map shares all untouched objects and copies one short path. Its full
// iteration is slower than a Map's, so consumers follow edits by changedKeys instead of iterating every object.
import { PersistentMap } from '../../shared/collections/persistentMap.ts';
import { printTable } from './table.ts';

const rows: (string | number)[][] = [];
for (const n of [1_000, 10_000, 100_000]) {
  const entries = Array.from({ length: n }, (_, i) => [`obj_${i.toString(36)}`, { id: i, z: i }] as const);
  const plain = new Map(entries);
  let persistent = PersistentMap.from(entries);
  const reps = Math.max(5, Math.round(200_000 / n));
  let t = performance.now();
  for (let i = 0; i < reps; i++) {
    const next = new Map(plain); // baseline: what one edit cost (done twice per edit: optimistic and stored)
    next.set(`obj_${(i * 7919 % n).toString(36)}`, { id: -i, z: 0 });
  }
  const copyMs = (performance.now() - t) / reps;
  const k = 2000;
  t = performance.now();
  for (let i = 0; i < k; i++) persistent = persistent.set(`obj_${(i * 7919 % n).toString(36)}`, { id: -i, z: 0 });
  const cowMs = (performance.now() - t) / k;
  t = performance.now();
  let found = 0;
  for (let i = 0; i < k; i++) if (persistent.get(`obj_${(i * 104729 % n).toString(36)}`)) found++;
  const getMs = (performance.now() - t) / k;
  t = performance.now();
  let z = 0;
  for (const o of persistent.values()) z += o.z;
  const iterMs = performance.now() - t;
  t = performance.now();
  for (const o of plain.values()) z += o.z;
  const iterPlainMs = performance.now() - t;
  // What a consumer (shape index, span model, paint order) pays per edit now: the keys two versions differ in.
  t = performance.now();
  let changed = 0;
  for (let i = 0; i < k; i++) {
    const next = persistent.set(`obj_${(i * 31 % n).toString(36)}`, { id: i, z: 1 });
    changed += next.changedKeys(persistent).length;
  }
  const diffUs = ((performance.now() - t) / k) * 1000;
  rows.push([n.toLocaleString('en'), copyMs, cowMs, copyMs / cowMs, getMs * 1000, iterMs, iterPlainMs, diffUs, found === k && z && changed === k ? '' : '!']);
}
printTable('Document store: one edit of the objects map', ['objects', 'baseline: copy Map, ms', 'ours: persistent set, ms', 'ratio', 'get, µs', 'iterate all (ours), ms', 'iterate all (Map), ms', 'set + changedKeys of one edit, µs', ''], rows);
