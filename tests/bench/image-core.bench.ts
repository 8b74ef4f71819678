// Image core benchmarks: building the tile pyramid of a 20000×20000 image and the first-tile latency over HTTP
// from a real `tagger serve`; COCO export/import of 1,000 images × 20 boxes. Inputs are generated here into a
// temporary folder (nothing big is committed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startServer, tempDataDir, ROOT } from '../support/server.ts';
import { printTable, stats } from './table.ts';
import { createCore } from '../../electron/core/createCore.ts';
import { runExport, runImport } from '../../electron/formats/run.ts';
import { tilePath, type ImagePyramid } from '../../shared/api/images.ts';

const SIDE = Number(process.env.IMAGE_BENCH_SIDE ?? 20000);
const tagger = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/tagger.js'), ...args], { encoding: 'utf8' });
const work = tempDataDir('tagger-bench-image-');

/** Peak resident memory (MB) of a process and its children, sampled every 100 ms until stop() is called. */
function watchMemory(pid: number) {
  let peakServer = 0, peakChildren = 0;
  const rss = (p: string) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => {
    peakServer = Math.max(peakServer, rss(String(pid)));
    let kids = 0;
    for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid)) kids += rss(p);
      } catch {
        /* process ended between listing and reading */
      }
    }
    peakChildren = Math.max(peakChildren, kids);
  }, 100);
  return { stop: () => (clearInterval(timer), { peakServer, peakChildren }) };
}

// ---- 1. Pyramid of a 20000×20000 image ----
{
  const src = path.join(work, `scan-${SIDE}.jpg`);
  let t0 = performance.now();
  // Smooth random structure (a small random image upscaled) so tiles compress like a real photo, not a flat fill.
  const seed = Buffer.alloc(256 * 256 * 3);
  for (let i = 0; i < seed.length; i++) seed[i] = (Math.sin(i * 12.9898) * 43758.5453 % 1 + 1) % 1 * 255;
  await sharp(seed, { raw: { width: 256, height: 256, channels: 3 } }).resize(SIDE, SIDE, { kernel: 'linear' }).jpeg({ quality: 85 }).toFile(src);
  const genMs = performance.now() - t0;
  const data = tempDataDir('tagger-bench-image-data-');
  t0 = performance.now();
  const imp = tagger('import', '--data', data, '--project', 'Scans', src);
  const importMs = performance.now() - t0;
  if (imp.status !== 0) throw new Error(imp.stderr);

  const server = await startServer({ dataDir: data, demo: false });
  const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const r = await fetch(`${server.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tagger-token': server.token }, body: JSON.stringify(args) });
    const j = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!j.ok) throw new Error(`${method}: ${j.error?.message}`);
    return j.value;
  };
  const getTile = async (sub: string) => {
    const s = performance.now();
    const r = await fetch(`${server.origin}/media/${sub}`, { headers: { 'x-tagger-token': server.token } });
    const bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`${sub}: HTTP ${r.status}`);
    return { ms: performance.now() - s, bytes };
  };
  const [project] = await call<{ id: string }[]>('projects.list');
  const [task] = await call<{ id: string }[]>('tasks.list', project.id);
  const { asset } = await call<{ asset: { id: string } }>('tasks.get', task.id);

  // Cold: the page asks for a tile of an image whose pyramid does not exist yet; the request waits for the build.
  const mem = watchMemory(server.proc.pid!);
  t0 = performance.now();
  const coldTile = await getTile(tilePath(asset.id, 0, 0, 0));
  const coldMs = performance.now() - t0;
  const peak = mem.stop();
  t0 = performance.now();
  const p = await call<ImagePyramid>('images.pyramid', asset.id);
  const readyMs = performance.now() - t0;

  // Warm: tiles of a finished pyramid, at the overview level and at full resolution in the middle of the image.
  const warm: number[] = [];
  let bytes = 0;
  const mid = Math.floor(SIDE / 2 / p.tileSize);
  for (let i = 0; i < 20; i++) {
    const t = await getTile(i % 2 ? tilePath(asset.id, p.levels - 1, 0, 0) : tilePath(asset.id, 0, mid + (i >> 1) - 5, mid));
    warm.push(t.ms);
    bytes += t.bytes;
  }
  const tiles = fs.readdirSync(path.join(data, 'media', 'derived', asset.id.slice(0, 2), asset.id, 'tiles', 'pyramid')).filter((d) => /^\d+$/.test(d)).reduce((n, l) => n + fs.readdirSync(path.join(data, 'media', 'derived', asset.id.slice(0, 2), asset.id, 'tiles', 'pyramid', l)).length, 0);
  await server.stop();
  const w = stats(warm);
  printTable(`Tiled pyramid of a ${SIDE}×${SIDE} JPEG (${(fs.statSync(src).size / 1e6).toFixed(0)} MB) through a real tagger serve`, ['measure', 'value'], [
    ['generate the source image (sharp, not part of the product)', `${(genMs / 1000).toFixed(1)} s`],
    ['`tagger import` of it (structural check, no decode)', `${(importMs / 1000).toFixed(1)} s`],
    ['first tile, cold (request waits for the whole pyramid build)', `${(coldMs / 1000).toFixed(1)} s`],
    ['pyramid: levels / tiles', `${p.levels} / ${tiles}`],
    ['images.pyramid once built', `${readyMs.toFixed(1)} ms`],
    ['tile latency once built, p50 / p95 / max (20 tiles)', `${w.p50.toFixed(1)} / ${w.p95.toFixed(1)} / ${w.max.toFixed(1)} ms`],
    ['mean tile size', `${(bytes / warm.length / 1024).toFixed(0)} KB`],
    ['peak RSS of the server during the build', `${peak.peakServer.toFixed(0)} MB`],
    ['peak RSS of the tile builder process', `${peak.peakChildren.toFixed(0)} MB (the decoded image would be ${((SIDE * SIDE * 3) / 1e6).toFixed(0)} MB)`],
  ]);
  if (coldTile.bytes <= 0) throw new Error('empty tile');
  fs.rmSync(src, { force: true });
  fs.rmSync(data, { recursive: true, force: true });
}

// ---- 2. COCO export / import of 1,000 images × 20 boxes ----
{
  const N = 1000, PER = 20;
  const imgDir = path.join(work, 'coco-images');
  fs.mkdirSync(imgDir);
  for (let i = 0; i < N; i++) {
    const background = { r: i % 256, g: (i * 7) % 256, b: 40 * Math.floor(i / 256) };
    fs.writeFileSync(path.join(imgDir, `img-${i}.png`), await sharp({ create: { width: 640, height: 480, channels: 3, background } }).png().toBuffer());
  }
  const source = createCore({ dataDir: tempDataDir('tagger-bench-coco-src-') });
  const project = source.projects.create({ name: 'Bench' });
  await source.imports.importPaths(project.id, [imgDir]);
  const labels = source.projects.get(project.id).schema.image!.labels.map((l) => l.id);
  for (const t of source.tasks.list(project.id)) {
    source.annotations.replaceAll(t.id, Array.from({ length: PER }, (_, k) => ({
      id: `${t.id}-${k}`, kind: 'box' as const, label: labels[k % labels.length], geometry: { x: 10 + k * 20.5, y: 5 + k * 11.25, w: 30.5, h: 40.25 },
      attributes: { occluded: k % 3 === 0 }, origin: 'human' as const, z: k, hidden: false, locked: false,
    })));
  }
  const out = path.join(work, 'coco.json');
  const rows: (string | number)[][] = [];
  let t0 = performance.now();
  const e = await runExport(source, project.id, 'coco', out);
  rows.push(['export (in the core)', performance.now() - t0, e.objects, (fs.statSync(out).size / 1e6).toFixed(1)]);

  const target = createCore({ dataDir: tempDataDir('tagger-bench-coco-dst-') });
  const p2 = target.projects.create({ name: 'Bench' });
  await target.imports.importPaths(p2.id, [imgDir]);
  t0 = performance.now();
  const r = await runImport(target, p2.id, 'coco', out);
  rows.push(['import onto empty tasks (in the core)', performance.now() - t0, r.objects, '']);
  t0 = performance.now();
  const again = await runImport(target, p2.id, 'coco', out);
  rows.push(['re-import, all already there (in the core)', performance.now() - t0, String(again.objects), '']);
  const targetDir = target.dataDir;
  await target.close();
  const srcDir = source.dataDir;
  await source.close();
  t0 = performance.now();
  tagger('export', '--data', srcDir, '--project', 'Bench', '--format', 'coco', '--out', path.join(work, 'coco-cli.json'));
  rows.push(['`tagger export --format coco` (whole command)', performance.now() - t0, N * PER, '']);
  fs.rmSync(targetDir, { recursive: true, force: true });
  const fresh = tempDataDir('tagger-bench-coco-cli-');
  tagger('import', '--data', fresh, '--project', 'Bench', imgDir);
  t0 = performance.now();
  const cli = tagger('import', '--data', fresh, '--project', 'Bench', '--annotations', out, '--format', 'coco');
  rows.push(['`tagger import --annotations` (whole command)', performance.now() - t0, Number(/Read (\d+)/.exec(cli.stderr)?.[1] ?? 0), '']);
  printTable(`COCO of ${N.toLocaleString('en')} images × ${PER} boxes`, ['operation', 'ms', 'objects', 'file MB'], rows);
}

fs.rmSync(work, { recursive: true, force: true });
