// COCO run-length masks: {size: [height, width], counts} where counts are alternating run lengths of 0s and 1s in
// column-major order, starting with 0s, either as a list of numbers (uncompressed, as iscrowd annotations are
// often written) or as pycocotools' compressed string (each count delta-coded against the count two back from the
// third on, then written 5 bits per character, offset by 48, with a continuation bit). No npm package reads this
// string format on its own, so the two small functions below do, tested against pycocotools' own outputs.

export interface CocoRle { size: [number, number]; counts: number[] | string }

/** The run lengths of a compressed counts string (pycocotools rleFrString). */
export function decodeRleCounts(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0, k = 0, more = true;
    while (more) {
      if (p >= s.length) throw new Error('the RLE counts string ends in the middle of a number');
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new Error(`the RLE counts string has a character outside its alphabet ("${s[p]}")`);
      x |= (c & 0x1f) << (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && c & 0x10) x |= -1 << (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    counts.push(x);
  }
  return counts;
}

/** The compressed counts string of run lengths (pycocotools rleToString). */
export function encodeRleCounts(counts: readonly number[]): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i];
    if (i > 2) x -= counts[i - 2];
    let more = true;
    while (more) {
      let c = x & 0x1f;
      x >>= 5;
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

const isSize = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n) && n > 0);

/** Why a COCO segmentation object is not a usable RLE mask, or null. */
export function rleProblem(v: unknown): string | null {
  const r = v as { size?: unknown; counts?: unknown };
  if (!r || typeof r !== 'object' || !isSize(r.size)) return 'an RLE mask needs "size": [height, width]';
  const counts = typeof r.counts === 'string' ? safeDecode(r.counts) : r.counts;
  if (typeof counts === 'string') return counts;
  if (!Array.isArray(counts) || !counts.every((n) => Number.isInteger(n) && n >= 0)) return 'an RLE mask needs "counts" as run lengths or a compressed string';
  const total = counts.reduce((a: number, b: number) => a + b, 0);
  if (total !== r.size[0] * r.size[1]) return `the RLE runs cover ${total} pixels, but size ${r.size[0]}×${r.size[1]} has ${r.size[0] * r.size[1]}`;
  return null;
}

function safeDecode(s: string): number[] | string {
  try {
    return decodeRleCounts(s);
  } catch (e) {
    return (e as Error).message;
  }
}

/** Pixels of the mask (the 1-runs) and their bounding box [x, y, w, h], as COCO's area and bbox say. */
export function rleAreaAndBox(r: CocoRle): { area: number; bbox: [number, number, number, number] } {
  const counts = typeof r.counts === 'string' ? decodeRleCounts(r.counts) : r.counts;
  const h = r.size[0];
  let at = 0, area = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  counts.forEach((n, i) => {
    if (i % 2 && n > 0) {
      area += n;
      // Column-major: pixel index p is at x = floor(p / h), y = p % h.
      const x0 = Math.floor(at / h), x1 = Math.floor((at + n - 1) / h);
      minX = Math.min(minX, x0);
      maxX = Math.max(maxX, x1);
      if (x0 === x1) {
        minY = Math.min(minY, at % h);
        maxY = Math.max(maxY, (at + n - 1) % h);
      } else {
        minY = 0;
        maxY = h - 1;
      }
    }
    at += n;
  });
  return area ? { area, bbox: [minX, minY, maxX - minX + 1, maxY - minY + 1] } : { area: 0, bbox: [0, 0, 0, 0] };
}

/** The mask as a bitmap cropped to its bounding box: row-major, 1 where the mask is set (for drawing it). */
export interface MaskBits { x: number; y: number; width: number; height: number; bits: Uint8Array }

export function rleMaskBits(r: CocoRle): MaskBits | null {
  const counts = typeof r.counts === 'string' ? decodeRleCounts(r.counts) : r.counts;
  const { area, bbox } = rleAreaAndBox({ size: r.size, counts });
  if (!area) return null;
  const [x0, y0, width, height] = bbox;
  const h = r.size[0];
  const bits = new Uint8Array(width * height);
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i];
    // Column-major runs: pixel p is at x = floor(p / h), y = p % h.
    if (i % 2) for (let p = at; p < at + n; p++) bits[((p % h) - y0) * width + (Math.floor(p / h) - x0)] = 1;
    at += n;
  }
  return { x: x0, y: y0, width, height, bits };
}
