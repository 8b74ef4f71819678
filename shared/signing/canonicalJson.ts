// Canonical JSON for content hashes (ARCHITECTURE.md): object keys sorted by UTF-16 code units, no insignificant
// whitespace, numbers as the shortest round-trip decimal (what JSON.stringify does for finite numbers),
// strings escaped as JSON.stringify does. Non-finite numbers and undefined inside arrays are refused, not coerced.
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`canonical JSON cannot hold ${v}`);
      return Object.is(v, -0) ? '0' : JSON.stringify(v);
    case 'string':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => { if (x === undefined) throw new Error('canonical JSON cannot hold undefined in an array'); return write(x); }).join(',')}]`;
      const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write((v as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof v}`);
  }
}
