// The picture under the shapes: one <img>, or for very large images the tiles of a pyramid at the level the zoom
// needs (only those in view). Moved with a CSS transform, so panning and zooming cost the compositor, not us.
// Brightness and contrast are CSS filters on the same element.
import { tagger, mediaUrl } from '../../../api/tagger.ts';
import { tilePath, pyramidLevelSize, type ImagePyramid } from '../../../../shared/api/images.ts';
import { toast, errorText } from '../../../stores/app.ts';
import { untilReachable, DEFAULT_BACKOFF_MS } from '../../document/saveQueue.ts';
import { coreAnswers } from './coreWatch.ts';
import { viewBounds, type View } from './view.ts';

export type Pyramid = ImagePyramid;

/** The pyramid of a large image (built by the core on first ask), or null for an image shown whole; asked again
 *  while the core is unreachable, until `wanted` turns false (undefined then). */
export async function loadPyramid(assetId: string, wanted: () => boolean = () => true): Promise<Pyramid | null | undefined> {
  try {
    return await untilReachable(() => tagger.images.pyramid(assetId), wanted);
  } catch (e) {
    toast('error', `Could not prepare the tiles of this large image: ${errorText(e)}`);
    return null;
  }
}

export class ImageLayer {
  readonly plane = document.createElement('div');
  private tiles = new Map<string, HTMLImageElement>();
  private relayer = 0;
  private destroyed = false;
  readonly ready: Promise<void>;

  constructor(parent: HTMLElement, private assetId: string, private width: number, private height: number, private pyramid: Pyramid | null, onError: (msg: string) => void) {
    this.plane.className = 'img-plane';
    this.plane.style.width = `${width}px`;
    this.plane.style.height = `${height}px`;
    parent.appendChild(this.plane);
    if (!pyramid) {
      const img = document.createElement('img');
      img.alt = '';
      img.draggable = false;
      img.width = width;
      img.height = height;
      img.decoding = 'async';
      this.ready = this.loadPicture(img, mediaUrl(assetId), () => onError('The image could not be shown; the file may be damaged or in an unsupported format.'));
      this.plane.appendChild(img);
    } else {
      // The coarsest level is always there as a backdrop while sharper tiles load.
      const top = pyramid.levels - 1;
      this.ready = this.loadPicture(this.tile(top, 0, 0), mediaUrl(tilePath(assetId, top, 0, 0)), () => onError('The image tiles could not be loaded.'));
    }
  }

  /**
   * Resolves when `img` has its pixels, or failed while the core answers (`fail` says so then). A failure while the
   * core does not answer is not the picture's fault: it is asked for again, with backoff, until it comes.
   */
  private loadPicture(img: HTMLImageElement, url: string, fail: () => void): Promise<void> {
    return new Promise((resolve) => {
      let attempt = 0;
      img.onload = () => resolve();
      img.onerror = () => void coreAnswers().then((ok) => {
        if (ok || this.destroyed) { if (ok) fail(); resolve(); return; }
        const retry = `${url}${url.includes('?') ? '&' : '?'}retry=${++attempt}`;
        setTimeout(() => { if (!this.destroyed) img.src = retry; }, DEFAULT_BACKOFF_MS[Math.min(attempt, DEFAULT_BACKOFF_MS.length - 1)]);
      });
      if (!img.src) img.src = url;
    });
  }

  private tile(level: number, col: number, row: number): HTMLImageElement {
    const key = `${level}/${col}_${row}`;
    let img = this.tiles.get(key);
    if (img) return img;
    const p = this.pyramid!;
    const f = 2 ** level;
    const lv = pyramidLevelSize(p, level);
    const size = p.tileSize * f;
    img = document.createElement('img');
    img.alt = '';
    img.draggable = false;
    img.className = 'img-tile';
    img.style.left = `${col * size}px`;
    img.style.top = `${row * size}px`;
    // Edge tiles are smaller; sizes in image pixels are the tile's level pixels times 2^level.
    img.style.width = `${(Math.min((col + 1) * p.tileSize, lv.width) - col * p.tileSize) * f}px`;
    img.style.height = `${(Math.min((row + 1) * p.tileSize, lv.height) - row * p.tileSize) * f}px`;
    img.style.zIndex = String(100 - level);
    img.src = mediaUrl(tilePath(this.assetId, level, col, row));
    this.tiles.set(key, img);
    this.plane.appendChild(img);
    return img;
  }

  setView(v: View, moving: boolean): void {
    this.plane.style.transform = `translate(${v.tx}px, ${v.ty}px) scale(${v.scale})`;
    cancelAnimationFrame(this.relayer);
    if (moving) this.plane.classList.add('layered');
    else {
      // At rest: off its own layer for one painted frame (drawn sharply at this zoom), then on a new one made at
      // this zoom, ready for the next gesture.
      this.plane.classList.remove('layered');
      this.relayer = requestAnimationFrame(() => { this.relayer = requestAnimationFrame(() => this.plane.classList.add('layered')); });
    }
  }

  /** After a gesture: sharp pixels when zoomed in, and the tiles of the right level for the view. */
  rest(v: View, vw: number, vh: number): void {
    this.plane.classList.toggle('pixelated', v.scale >= 2);
    const p = this.pyramid;
    if (!p) return;
    const dpr = window.devicePixelRatio || 1;
    const level = Math.max(0, Math.min(p.levels - 1, Math.floor(Math.log2(1 / (v.scale * dpr)))));
    const size = p.tileSize * 2 ** level;
    const lv = pyramidLevelSize(p, level);
    const b = viewBounds(v, vw, vh);
    const c0 = Math.max(0, Math.floor(b.minX / size)), c1 = Math.min(Math.ceil(lv.width / p.tileSize) - 1, Math.floor(b.maxX / size));
    const r0 = Math.max(0, Math.floor(b.minY / size)), r1 = Math.min(Math.ceil(lv.height / p.tileSize) - 1, Math.floor(b.maxY / size));
    const keep = new Set<string>([`${p.levels - 1}/0_0`]);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) { this.tile(level, c, r); keep.add(`${level}/${c}_${r}`); }
    // Drop tiles of other levels or out of view so a long session does not pile up decoded bitmaps
    // (the HTTP cache makes coming back cheap).
    for (const [key, img] of this.tiles) if (!keep.has(key)) { img.remove(); this.tiles.delete(key); }
  }

  setFilter(brightness: number, contrast: number): void {
    this.plane.style.filter = brightness === 100 && contrast === 100 ? '' : `brightness(${brightness}%) contrast(${contrast}%)`;
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.relayer);
    this.plane.remove();
  }
}
