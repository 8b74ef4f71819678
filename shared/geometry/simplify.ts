// Douglas-Peucker simplification for drawing at low zoom: a polygon drawn a few screen pixels wide does not need
// its 12 (or 500) vertices. Tolerance is in the same units as the points.
export function simplifyPoints(pts: readonly number[], tolerance: number): number[] {
  const n = pts.length / 2;
  if (n <= 3 || tolerance <= 0) return pts.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const t2 = tolerance * tolerance;
  // Iterative stack: deep recursion on long outlines would be slow and could overflow.
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const ax = pts[2 * first], ay = pts[2 * first + 1], bx = pts[2 * last], by = pts[2 * last + 1];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1, idx = -1;
    for (let i = first + 1; i < last; i++) {
      const px = pts[2 * i], py = pts[2 * i + 1];
      let d: number;
      if (len2 === 0) d = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (idx >= 0 && maxD > t2) {
      keep[idx] = 1;
      stack.push(first, idx, idx, last);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(pts[2 * i], pts[2 * i + 1]);
  return out;
}

/**
 * Simplification of a closed ring: split at the vertex farthest from the first so both halves keep their shape.
 * Keeps at least 3 vertices.
 */
export function simplifyRing(pts: readonly number[], tolerance: number): number[] {
  const n = pts.length / 2;
  if (n <= 4 || tolerance <= 0) return pts.slice();
  let far = 0, farD = -1;
  for (let i = 1; i < n; i++) {
    const d = (pts[2 * i] - pts[0]) ** 2 + (pts[2 * i + 1] - pts[1]) ** 2;
    if (d > farD) { farD = d; far = i; }
  }
  const a = simplifyPoints(pts.slice(0, 2 * far + 2), tolerance);
  const b = simplifyPoints([...pts.slice(2 * far), pts[0], pts[1]], tolerance);
  const ring = [...a, ...b.slice(2, -2)];
  return ring.length >= 6 ? ring : pts.slice();
}
