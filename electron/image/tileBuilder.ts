// Builds a Deep Zoom tile tree with libvips (through sharp) in a child process. libvips streams the image in strips,
// so a 20000×20000 scan never sits whole in memory; the child process is what makes Cancel real (a running libvips
// call cannot be interrupted in-process) and keeps the encoder's threads off the core's event loop.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../shared/errors.ts';

export interface DeepZoomJob {
  /** Source image (any format sharp reads; the media store's files have no extension). */
  src: string;
  /** Output base: libvips writes `${out}.dzi` and `${out}_files/<level>/<col>_<row>.webp`. */
  out: string;
  tileSize: number;
  quality: number;
}

export interface DeepZoomResult { width: number; height: number }

// Effort 1: measured on an 8000² photo-like image, twice as fast as effort 2 (and 5× effort 4) for tiles
// about 12% larger, which costs nothing when they are read from the local disk.
// CommonJS run with `node -e`, so it works the same under tsx, vitest and the esbuild-bundled desktop main
// (which has no separate worker file to point at). sharp is required by absolute path.
const CHILD = `
const job = JSON.parse(process.env.TAGGER_TILE_JOB);
const sharp = require(job.sharp);
sharp.cache(false);
sharp(job.src, { limitInputPixels: false, sequentialRead: true, failOn: 'truncated' })
  .rotate()
  .webp({ quality: job.quality, effort: 1 })
  .tile({ size: job.tileSize, overlap: 0, layout: 'dz', container: 'fs', depth: 'onetile' })
  .toFile(job.out + '.dz')
  .then((info) => { process.stdout.write(JSON.stringify({ ok: true, width: info.width, height: info.height })); })
  .catch((e) => { process.stdout.write(JSON.stringify({ ok: false, message: String(e && e.message || e) })); process.exitCode = 1; });
`;

let sharpPath: string | null = null;
function resolveSharp(): string {
  sharpPath ??= createRequire(import.meta.url).resolve('sharp');
  return sharpPath;
}

export function buildDeepZoom(job: DeepZoomJob, opts: { signal?: AbortSignal; onProgress?: (tiles: number) => void }): Promise<DeepZoomResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new TaggerError('cancelled', 'Preparing tiles was cancelled.'));
    const child = spawn(process.execPath, ['-e', CHILD], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', TAGGER_TILE_JOB: JSON.stringify({ ...job, sharp: resolveSharp() }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    const poll = opts.onProgress ? setInterval(() => void countTiles(`${job.out}_files`).then(opts.onProgress!), 250) : null;
    const onAbort = () => child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish(new TaggerError('internal', `Could not start the tile builder (${e.message}).`)));
    child.on('close', (code, sig) => {
      if (opts.signal?.aborted) return finish(new TaggerError('cancelled', 'Preparing tiles was cancelled.'));
      let msg: { ok: boolean; width?: number; height?: number; message?: string } | null = null;
      try {
        msg = JSON.parse(stdout);
      } catch {
        /* the child died before answering; stderr says why */
      }
      if (msg?.ok && code === 0) return finish(null, { width: msg.width!, height: msg.height! });
      const why = (msg?.message ?? (stderr.trim() || `the tile builder stopped (${sig ?? `exit ${code}`})`)).replace(/\s+/g, ' ').trim();
      if (/no space left/i.test(why)) return finish(new TaggerError('io', 'The disk is full while making image tiles. Free some space and open the image again; nothing was lost.'));
      finish(new TaggerError('corrupt', `Could not make tiles of this image: ${why}`));
    });
    let done = false;
    function finish(err: Error | null, value?: DeepZoomResult) {
      if (done) return;
      done = true;
      if (poll) clearInterval(poll);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value!);
    }
  });
}

/** Tiles written so far under a Deep Zoom `_files` folder (for progress; cheap: a few readdir calls). */
export async function countTiles(filesDir: string): Promise<number> {
  let n = 0;
  let levels: string[];
  try {
    levels = await fs.promises.readdir(filesDir);
  } catch {
    return 0;
  }
  for (const l of levels) {
    if (!/^\d+$/.test(l)) continue;
    try {
      n += (await fs.promises.readdir(path.join(filesDir, l))).length;
    } catch {
      /* level folder appeared and vanished; ignore */
    }
  }
  return n;
}
