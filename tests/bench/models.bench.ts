// Models that propose work: precision/recall of CenterNet's box proposals on the small labelled set that ships
// with the tests (tests/fixtures/models, made from scikit-image's CC0 / public-domain sample images), images per
// second on WebAssembly beside the pure-JS cpu backend that a silent fallback would use, and characters per
// second of each text entity finder, chunked beside one call on the whole text.
import fs from 'node:fs';
import path from 'node:path';
import { detectInFile } from '../../electron/models/detectObjects.ts';
import { CENTERNET_INPUT, centernetFiles, runCenterNet } from '../../electron/models/centernet.ts';
import { squareRgb } from '../../electron/models/imageInput.ts';
import { compromiseIn, findEntitiesInText, loadEntityFinders, winkIn, type EntityFound } from '../../electron/models/entities.ts';
import { precisionRecall, type ModelItem } from '../../shared/models/modelOpinion.ts';
import { chunkStarts } from '../../shared/text/chunks.ts';
import { PROJECT_ROOT } from '../../electron/core/paths.ts';
import { printTable } from './table.ts';

const FIX = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'models');
interface Labelled { file: string; width: number; height: number; objects: { class: string; box: [number, number, number, number] }[] }
const set = (JSON.parse(fs.readFileSync(path.join(FIX, 'labels.json'), 'utf8')) as { images: Labelled[] }).images;

// ---- precision / recall -----------------------------------------------------------------------------------
const t0 = performance.now();
const runs: { img: Labelled; dets: Awaited<ReturnType<typeof detectInFile>>['dets']; ms: number }[] = [];
for (const img of set) {
  const r = await detectInFile(runCenterNet, path.join(FIX, img.file), img.file, img, 0.1);
  runs.push({ img, ...r });
}
const firstRunMs = performance.now() - t0;
const truthOf = (img: Labelled): ModelItem[] => img.objects.map((o) => ({ kind: 'box', label: o.class, geometry: { x: o.box[0], y: o.box[1], w: o.box[2], h: o.box[3] } }));
const rows: (string | number)[][] = [];
for (const min of [0.25, 0.35, 0.5]) {
  let tp = 0, fp = 0, fn = 0;
  for (const r of runs) {
    const pred: ModelItem[] = r.dets.filter((d) => d.score >= min).map((d) => ({ kind: 'box', label: d.cls.name, geometry: d, score: d.score }));
    const pr = precisionRecall(pred, truthOf(r.img));
    tp += pr.tp; fp += pr.fp; fn += pr.fn;
  }
  rows.push([`CenterNet, score ≥ ${min}${min === 0.25 ? ' (the default)' : ''}`, String(tp), String(fp), String(fn), tp + fp ? tp / (tp + fp) : 1, tp + fn ? tp / (tp + fn) : 1]);
}
printTable(`Object proposals on ${set.length} labelled images (${set.reduce((n, i) => n + i.objects.length, 0)} objects; a hit = same COCO class, IoU ≥ 0.5)`, ['model', 'TP', 'FP', 'FN', 'precision', 'recall'], rows);
printTable('Per image (score ≥ 0.25)', ['image', 'truth', 'proposed (class score)'], runs.map((r) => [
  r.img.file, r.img.objects.map((o) => o.class).join(', ') || '—', r.dets.filter((d) => d.score >= 0.25).map((d) => `${d.cls.name} ${d.score.toFixed(2)}`).join(', ') || '—',
]));

// ---- images per second ---------------------------------------------------------------------------------------
const rgb = await squareRgb(path.join(FIX, 'collage.jpg'), 'collage.jpg', CENTERNET_INPUT);
const N = 10;
let t = performance.now();
for (let i = 0; i < N; i++) await runCenterNet(rgb);
const wasmMs = (performance.now() - t) / N;
t = performance.now();
for (let i = 0; i < N; i++) await detectInFile(runCenterNet, path.join(FIX, 'collage.jpg'), 'collage.jpg', { width: 512, height: 512 });
const wholeMs = (performance.now() - t) / N;

// Baseline: the same graph on TF.js's pure-JS cpu backend (what a silent fallback would cost). One image.
let cpuMs = NaN;
try {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
  await tf.setBackend('cpu');
  const files = centernetFiles();
  const json = JSON.parse(fs.readFileSync(files.json, 'utf8'));
  const bin = fs.readFileSync(files.bin);
  const model = await loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m: { weights: [] }) => m.weights), weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer }));
  const input = tf.tensor4d(Float32Array.from(rgb), [1, CENTERNET_INPUT, CENTERNET_INPUT, 3]);
  t = performance.now();
  const out = model.execute(input, ['tower_0/detections']) as import('@tensorflow/tfjs-core').Tensor;
  await out.data();
  cpuMs = performance.now() - t;
} catch (e) {
  console.log(`(cpu baseline skipped: ${(e as Error).message})`);
}
printTable('Object detection speed (512 × 512 input, one thread)', ['what', 'ms / image', 'images / s'], [
  ['first call: load TF.js + WebAssembly + model, then 7 images', firstRunMs, ''],
  ['CenterNet on WebAssembly, model only (ours)', wasmMs, 1000 / wasmMs],
  ['CenterNet on WebAssembly, decode + resize + model + NMS (ours)', wholeMs, 1000 / wholeMs],
  ['baseline: the same model on TF.js cpu backend (pure JS)', cpuMs, 1000 / cpuMs],
]);

// ---- text entity finders -----------------------------------------------------------------------------------
const demo = ['harbour-news.txt', 'lab-notes.txt'].map((f) => fs.readFileSync(path.join(PROJECT_ROOT, 'resources', 'demo', 'text', f), 'utf8')).join('\n\n');
const make = (n: number) => { let s = ''; while (s.length < n) s += demo + '\n\n'; return s.slice(0, n); };
const big = make(1 << 20);
const w = await loadEntityFinders();
const rate = (chars: number, ms: number) => (chars / ms) * 1000;
function chunked(text: string, fn: (piece: string, base: number, out: EntityFound[]) => void): number {
  const starts = chunkStarts(text);
  const out: EntityFound[] = [];
  const s = performance.now();
  starts.forEach((a, i) => fn(text.slice(a, starts[i + 1] ?? text.length), a, out));
  return performance.now() - s;
}
const mid = make(256 << 10);
const tCompromise = chunked(mid, (p, b, o) => compromiseIn(w.nlp, p, b, o));
let s = performance.now();
compromiseIn(w.nlp, mid, 0, []);
const tCompromiseWhole = performance.now() - s;
const tWink = chunked(big, (p, b, o) => winkIn(w, p, b, o));
s = performance.now();
winkIn(w, mid, 0, []);
const tWinkWhole = performance.now() - s;
s = performance.now();
const all = await findEntitiesInText(mid);
const tAll = performance.now() - s;
printTable('Text entity finders (English news and notes, repeated)', ['finder', 'text', 'characters / s', 'entities'], [
  ['compromise (people, places, organizations), 8 KB chunks (ours)', '256 KB', rate(256 << 10, tCompromise), ''],
  ['baseline: compromise, one call on the whole text', '256 KB', rate(256 << 10, tCompromiseWhole), ''],
  ['wink-nlp (dates, times, money, %, e-mails, URLs), 8 KB chunks (ours)', '1 MB', rate(1 << 20, tWink), ''],
  ['baseline: wink-nlp, one call on the whole text', '256 KB', rate(256 << 10, tWinkWhole), ''],
  ['Find entities: both, with offsets and de-duplication (ours)', '256 KB', rate(256 << 10, tAll), String(all.length)],
]);
