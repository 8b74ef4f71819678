// Canonical JSON for content hashes (ARCHITECTURE.md): object keys sorted by UTF-16 code units, no insignificant
// whitespace, numbers as the shortest round-trip decimal (what JSON.stringify does for finite numbers),
// strings escaped as JSON.stringify does. Non-finite numbers and undefined inside arrays are refused, not coerced.
//
// Fast path: JSON.stringify writes object keys in insertion order, except integer-like keys, which it always puts
// first in numeric order. So a value whose objects are plain, already sorted and free of integer-like keys is
// written by JSON.stringify natively (about 10x faster on documents of 100,000 objects); an unsorted object is
// copied with its keys in order first. A value with an integer-like key (or a "__proto__" key) anywhere takes the
// slow writer below.
export function canonicalJson(value: unknown): string {
  const sorted = ordered(value);
  return sorted === SLOW_PATH ? write(value) : JSON.stringify(sorted);
}

const SLOW_PATH = Symbol('needs the slow writer');
const INDEX_KEY = /^(?:0|[1-9][0-9]*)$/;

// Documents repeat a few key sets (every object of a document has the same fields): sort each set once.
const orders = new Map<string, string[]>();
function sortedKeys(keys: string[], sorted: boolean): string[] {
  if (sorted) return keys;
  const sig = keys.join('\u0000');
  let order = orders.get(sig);
  if (!order) {
    order = [...keys].sort();
    if (orders.size >= 256) orders.clear();
    orders.set(sig, order);
  }
  return order;
}

/** The value itself when JSON.stringify would write it canonically, else a copy it will; SLOW_PATH when neither. */
function ordered(v: unknown): unknown {
  if (v === null) return v;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`canonical JSON cannot hold ${v}`);
      return v;
    case 'object': {
      if (Array.isArray(v)) {
        let copy: unknown[] | null = null;
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          if (x === undefined) throw new Error('canonical JSON cannot hold undefined in an array');
          const c = ordered(x);
          if (c === SLOW_PATH) return c;
          if (c !== x && !copy) copy = v.slice(0, i);
          if (copy) copy.push(c);
        }
        return copy ?? v;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      const proto = Object.getPrototypeOf(o);
      let sorted = true;
      const plain = proto === Object.prototype || proto === null; // anything else may carry a toJSON
      let nested: Map<string, unknown> | null = null; // values that came back as copies
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (INDEX_KEY.test(k) || k === '__proto__') return SLOW_PATH; // a copy could not hold __proto__ as a key
        if (i && keys[i - 1] > k) sorted = false;
        const x = o[k];
        if (x === undefined) continue;
        const c = ordered(x);
        if (c === SLOW_PATH) return c;
        if (c !== x) (nested ??= new Map()).set(k, c);
      }
      if (sorted && plain && !nested) return o;
      const copy: Record<string, unknown> = {};
      for (const k of sortedKeys(keys, sorted)) copy[k] = nested?.has(k) ? nested.get(k) : o[k];
      return copy;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof v}`);
  }
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
