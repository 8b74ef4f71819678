// Sample records for the round-trip tests: float geometry, polygons, attributes of every type, an empty image.
import type { ImageRecord } from './model.ts';

export function sampleRecords(): ImageRecord[] {
  return [
    {
      fileName: 'street/a.jpg',
      width: 640,
      height: 480,
      objects: [
        { kind: 'box', geometry: { x: 10.25, y: 20.5, w: 100.125, h: 50.75 }, label: 'car', attributes: { occluded: true, truncated: false, color: 'red', count: 3 } },
        { kind: 'polygon', geometry: { points: [1.5, 2.25, 300.1, 5, 310.7, 200.3, 2, 190] }, label: 'road', attributes: {} },
        { kind: 'box', geometry: { x: 0.1, y: 0.2, w: 0.3, h: 0.7 }, label: 'person & "friend" <x>', attributes: { difficult: true } },
      ],
    },
    { fileName: 'b.png', width: 1000, height: 750, objects: [] },
    {
      fileName: 'c.tif',
      width: 4000,
      height: 3000,
      objects: [{ kind: 'polygon', geometry: { points: [3999.9, 0, 4000, 2999.5, 0, 3000] }, label: 'car', attributes: { note: 'ünïcødé ✓' } }],
    },
  ];
}

export const CATEGORIES = ['car', 'road', 'person & "friend" <x>', 'unused'];

/** Geometry compared to a tolerance: normalised (YOLO) and corner (VOC) forms cost a few ulps. */
export function geometryClose(a: unknown, b: unknown, tol = 1e-9): boolean {
  const flat = (g: unknown): number[] => ('points' in (g as object) ? (g as { points: number[] }).points : ['x', 'y', 'w', 'h'].map((k) => (g as Record<string, number>)[k]));
  const x = flat(a);
  const y = flat(b);
  return x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= tol * Math.max(1, Math.abs(v)));
}
