// Tiled pyramids of large images, made lazily (first request) and kept under the media store's derived folder:
//   derived/<sha>/tiles/pyramid/pyramid.json + <level>/<col>_<row>.webp   (level 0 = full resolution)
// A build runs as a job (progress, Cancel) in a scratch folder renamed into place at the end, so a crash or a
// cancel never leaves a half pyramid that looks finished. One build per image at a time, one image at a time.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { CoreContext } from '../core/context.ts';
import type { MediaRoute } from '../core/media.ts';
import { PYRAMID_MIN_SIDE, TILE_SIZE, pyramidLevelCount, pyramidLevelSize, type ImagePyramid } from '../../shared/api/images.ts';
import { TaggerError, isTaggerError } from '../../shared/errors.ts';
import { SharedRuns } from '../core/sharedRuns.ts';
import { buildDeepZoom } from './tileBuilder.ts';

const TILE_ROUTE = /^tiles\/([0-9a-f]{64})\/(\d{1,2})\/(\d{1,6})_(\d{1,6})\.webp$/;

export function tileCount(p: Pick<ImagePyramid, 'width' | 'height' | 'tileSize' | 'levels'>): number {
  let n = 0;
  for (let l = 0; l < p.levels; l++) {
    const s = pyramidLevelSize(p, l);
    n += Math.ceil(s.width / p.tileSize) * Math.ceil(s.height / p.tileSize);
  }
  return n;
}

/** The file of one tile in a finished pyramid's folder (`dir`), as the builder lays them out. */
export function tileFile(dir: string, p: Pick<ImagePyramid, 'format'>, level: number, col: number, row: number): string {
  return path.join(dir, String(level), `${col}_${row}.${p.format}`);
}

/** Unknown sizes get a pyramid: better than risking a giant bitmap in the page. */
const needsPyramid = (w: number | null, h: number | null) => !(w && h && w <= PYRAMID_MIN_SIDE && h <= PYRAMID_MIN_SIDE);

/** Removes scratch folders of builds whose process is gone (a crash or kill mid-build leaves them behind). */
function removeStaleScratch(tilesDir: string): void {
  for (const name of fs.readdirSync(tilesDir)) {
    const m = /^\.build-(\d+)-/.exec(name);
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      alive = (e as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(tilesDir, name), { recursive: true, force: true });
  }
}

/** What the service uses: the media store for sources and tiles, assets for sizes, jobs for progress. */
export type PyramidDeps = Pick<CoreContext, 'media' | 'assets' | 'jobs'>;

export class PyramidService {
  private readonly builds = new SharedRuns<ImagePyramid>();
  /** Images whose last build failed or was cancelled: tile requests do not restart it; pyramid() does. */
  private readonly refused = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly closed = new AbortController();
  private readonly done = new Map<string, ImagePyramid>();

  constructor(private readonly d: PyramidDeps, private readonly opts: { quality?: number } = {}) {}

  /** Where a finished pyramid lives (the folder may not exist yet). */
  dir(sha: string): string {
    return path.join(this.d.media.derivedDir(sha, 'tiles'), 'pyramid');
  }

  /** The finished pyramid on disk, or null. Remembered, since every tile request asks. */
  ready(sha: string): ImagePyramid | null {
    const known = this.done.get(sha);
    if (known) return known;
    try {
      const p = JSON.parse(fs.readFileSync(path.join(this.dir(sha), 'pyramid.json'), 'utf8')) as ImagePyramid;
      this.done.set(sha, p);
      return p;
    } catch {
      return null;
    }
  }

  /** Forgets a finished pyramid (after its folder was removed, e.g. to rebuild it). */
  forget(sha: string): void {
    this.done.delete(sha);
  }

  /** null for an image small enough to show whole; otherwise the pyramid, built first when needed. */
  async pyramid(sha: string): Promise<ImagePyramid | null> {
    const asset = this.d.assets.get(sha);
    if (asset.kind !== 'image') throw new TaggerError('invalid_argument', `${asset.originalName} is not an image (it is ${asset.kind}).`);
    if (!needsPyramid(asset.width, asset.height)) return null;
    this.refused.delete(sha);
    return this.ensure(sha, asset.originalName);
  }

  /** Starts the build in the background when the image needs one (e.g. right after import); never throws. */
  prepare(sha: string): void {
    const asset = this.d.assets.find(sha);
    if (!asset || asset.kind !== 'image' || !needsPyramid(asset.width, asset.height) || this.ready(sha)) return;
    this.ensure(sha, asset.originalName).catch(() => undefined);
  }

  private ensure(sha: string, name: string): Promise<ImagePyramid> {
    const done = this.ready(sha);
    if (done) return Promise.resolve(done);
    return this.builds.run(sha, () => {
      // Builds queue behind each other: two libvips pipelines on a 2-core machine only slow both down.
      const p = this.queue.then(() => this.ready(sha) ?? this.d.jobs.run(`Preparing tiles of ${name}`, (ctx) => this.build(sha, ctx.signal, ctx.progress)));
      this.queue = p.catch(() => undefined);
      p.catch((e: unknown) => this.refused.set(sha, isTaggerError(e) ? e.message : String(e)));
      return p;
    });
  }

  private async build(sha: string, signal: AbortSignal, progress: (done: number, total: number, message?: string) => void): Promise<ImagePyramid> {
    const asset = this.d.assets.get(sha);
    const tilesDir = this.d.media.derivedDir(sha, 'tiles');
    removeStaleScratch(tilesDir);
    const scratch = path.join(tilesDir, `.build-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.mkdirSync(scratch, { recursive: true });
    const expected = asset.width && asset.height ? { width: asset.width, height: asset.height, tileSize: TILE_SIZE, levels: pyramidLevelCount(asset.width, asset.height) } : null;
    const total = expected ? tileCount(expected) : 0;
    try {
      progress(0, total);
      const out = path.join(scratch, 'dz');
      const size = await buildDeepZoom(
        { src: this.d.media.pathOf(sha), out, tileSize: TILE_SIZE, quality: this.opts.quality ?? 82 },
        { signal: AbortSignal.any([signal, this.closed.signal]), onProgress: (n) => progress(Math.min(n, total), total) },
      );
      const final = path.join(scratch, 'pyramid');
      fs.mkdirSync(final);
      // Deep Zoom numbers levels from the smallest up; ours count down from full resolution.
      const dzLevels = fs.readdirSync(`${out}_files`).filter((l) => /^\d+$/.test(l)).map(Number).sort((a, b) => a - b);
      const levels = pyramidLevelCount(size.width, size.height);
      if (dzLevels.length !== levels) throw new TaggerError('internal', `The tile builder made ${dzLevels.length} levels where ${levels} were expected.`);
      for (const l of dzLevels) fs.renameSync(path.join(`${out}_files`, String(l)), path.join(final, String(dzLevels[dzLevels.length - 1] - l)));
      const pyramid: ImagePyramid = { width: size.width, height: size.height, tileSize: TILE_SIZE, levels, format: 'webp' };
      fs.writeFileSync(path.join(final, 'pyramid.json'), JSON.stringify(pyramid));
      try {
        fs.renameSync(final, this.dir(sha));
      } catch (e) {
        // Another process finished the same pyramid first: theirs is as good as ours.
        if (!this.ready(sha)) throw e;
      }
      progress(total, total);
      this.done.set(sha, pyramid);
      return pyramid;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Serves tiles/<sha>/<level>/<col>_<row>.webp, waiting for (or starting) the build when it is not there yet. */
  route(): MediaRoute {
    return async (subpath) => {
      const m = TILE_ROUTE.exec(subpath);
      if (!m) return null;
      const [, sha, level, col, row] = m;
      let p = this.done.get(sha) ?? null;
      if (!p) {
        // Check the asset before touching the disk, so made-up ids create no folders.
        const asset = this.d.assets.find(sha);
        if (!asset || asset.kind !== 'image' || !needsPyramid(asset.width, asset.height)) return null;
        p = this.ready(sha);
        if (!p) {
          if (this.refused.has(sha)) return null;
          try {
            p = await this.ensure(sha, asset.originalName);
          } catch {
            return null;
          }
        }
      }
      const file = tileFile(this.dir(sha), p, Number(level), Number(col), Number(row));
      return fs.existsSync(file) ? { file, mime: 'image/webp' } : null;
    };
  }

  /** Ends this core's running build (its scratch folder is removed as the build fails). */
  close(): void {
    this.closed.abort();
  }
}
