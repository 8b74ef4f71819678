// Agreement: R-tree candidates + optimal assignment per component against a dense Hungarian, on one 20000×20000
// image with 10,000 boxes per annotator (the second annotator's boxes jittered, some dropped, some added, some
// relabelled); and project statistics (pairwise summaries, clusters, alpha, confusion) for 10,000 items × 3
// annotators. Reports times; never fails on them.
import { performance } from 'node:perf_hooks';
import { maxWeightAssignment } from '../../shared/agreement/assignment.ts';
import { boxIoU } from '../../shared/agreement/overlap.ts';
import { matchablesOf, compareVersions, projectAgreement, type ItemInput } from '../../shared/agreement/compare.ts';
import { summarize } from '../../shared/agreement/match.ts';
import type { ObjectLike } from '../../shared/agreement/objects.ts';
import type { Box } from '../../shared/geometry/box.ts';
import { printTable } from './table.ts';

function rng(seed: number) { return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); }
const LABELS = ['car', 'bus', 'person', 'bike'];

function scene(n: number, size: number, seed: number): { a: ObjectLike[]; b: ObjectLike[] } {
  const r = rng(seed);
  const a: ObjectLike[] = [], b: ObjectLike[] = [];
  for (let i = 0; i < n; i++) {
    const w = 20 + r() * 120, h = 20 + r() * 120, x = r() * (size - w), y = r() * (size - h);
    const label = LABELS[Math.floor(r() * LABELS.length)];
    a.push({ id: `a${i}`, kind: 'box', label, geometry: { x, y, w, h } });
    const roll = r();
    if (roll < 0.05) continue; // missing in b
    const j = () => (r() - 0.5) * 0.2 * Math.min(w, h);
    b.push({ id: `b${i}`, kind: 'box', label: roll < 0.1 ? LABELS[(LABELS.indexOf(label) + 1) % LABELS.length] : label, geometry: { x: x + j(), y: y + j(), w, h } });
  }
  for (let i = 0; i < n - b.length; i++) {
    const w = 20 + r() * 120, h = 20 + r() * 120;
    b.push({ id: `x${i}`, kind: 'box', label: LABELS[0], geometry: { x: r() * (size - w), y: r() * (size - h), w, h } });
  }
  return { a, b };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

function matchingTable(): void {
  const rows: (string | number)[][] = [];
  for (const n of [1_000, 10_000]) {
    const { a, b } = scene(n, n === 1_000 ? 6_325 : 20_000, n);
    const ma = matchablesOf(a), mb = matchablesOf(b);
    compareVersions(ma.slice(0, 100), mb.slice(0, 100)); // warm up
    const t = time(() => compareVersions(ma, mb));
    const s = summarize(t.value);
    rows.push([`R-tree + per-component assignment, ${n}×${n}`, t.ms, `${s.matched} agreed, ${s.labelMismatch} label, ${s.lowOverlap} low, ${s.missing} missing, ${s.extra} extra`]);
    if (n === 1_000) {
      const dense = time(() => {
        const w = a.map((x) => b.map((y) => boxIoU(x.geometry as Box, y.geometry as Box)));
        return maxWeightAssignment(w).length;
      });
      rows.push([`dense IoU matrix + Hungarian, ${n}×${n}`, dense.ms, `${dense.value} pairs`]);
    }
  }
  printTable('Matching boxes on one image (goal: 10,000×10,000 on 20000×20000 under 1 s)', ['case', 'ms', 'result'], rows);
}

function statisticsTable(): void {
  const items: ItemInput[] = [];
  const r = rng(3);
  for (let i = 0; i < 10_000; i++) {
    const base = Array.from({ length: 4 }, (_, k) => ({ x: k * 200 + r() * 50, y: r() * 300, w: 60 + r() * 40, h: 60 + r() * 40, label: LABELS[Math.floor(r() * 4)] }));
    items.push({ versions: ['ann', 'bob', 'cho'].map((annotator, v) => ({
      annotator,
      objects: base.filter(() => r() > 0.05).map((o, k) => ({ id: `${v}-${k}`, kind: 'box' as const, label: r() < 0.1 ? LABELS[(LABELS.indexOf(o.label) + 1) % 4] : o.label, geometry: { x: o.x + r() * 6, y: o.y + r() * 6, w: o.w, h: o.h } })),
    })) });
  }
  const p = time(() => projectAgreement(items));
  printTable('Project agreement statistics (goal: 10,000 items × 3 annotators under 2 s)', ['case', 'ms', 'alpha', 'pairs'], [
    ['10,000 items × 3 annotators × ~4 boxes', p.ms, p.value.alpha.toFixed(3), p.value.pairs.map((x) => `${x.a}/${x.b} ${x.matched}`).join(', ')],
  ]);
}

// Statistics first: the 10,000×10,000 scene leaves a large heap whose collection would be billed to them.
statisticsTable();
matchingTable();
