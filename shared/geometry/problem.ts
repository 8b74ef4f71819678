// What is wrong with a geometry, naming the field, so an edit or an import can say exactly what to fix.
export interface GeometryProblem { field: string; message: string }

/** A value for an error message: short, and never a huge dump of what the caller sent. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
