// A hashable key for "the same shape": kind, label and every coordinate rounded to 1e-6, so an import can find
// shapes that are already there with one Set lookup instead of comparing each new object with every stored one.
export function shapeKey(kind: string, label: string, geometry: unknown): string {
  const parts: string[] = [kind, label];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') parts.push(String(Math.round(v * 1e6)));
    else if (Array.isArray(v)) {
      parts.push('[');
      for (const x of v) walk(x);
      parts.push(']');
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v).sort()) {
        parts.push(k);
        walk((v as Record<string, unknown>)[k]);
      }
    } else parts.push(JSON.stringify(v) ?? 'u');
  };
  walk(geometry);
  return parts.join(' ');
}
