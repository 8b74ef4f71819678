// Is a value plain JSON as we store it (null, booleans, finite numbers, strings of at most 1,000,000 characters,
// arrays of at most 1,000,000 items, objects with keys of at most 200 characters), nested at most MAX_DEPTH deep?
// One recursive pass with no allocation while the value is good: the schema it replaces (zod's lazy union)
// tried up to six schemas per node and copied every array and object, which dominated parsing a 100,000-object
// bundle. The value is returned as it is, not copied.
export const MAX_JSON_DEPTH = 200;
const MAX_STRING = 1_000_000;
const MAX_ITEMS = 1_000_000;
const MAX_KEY = 200;

export interface JsonValueProblem {
  path: (string | number)[];
  message: string;
}

/** The first way `v` is not a storable JSON value (with the path to it), or null. */
export function jsonValueProblem(v: unknown): JsonValueProblem | null {
  return check(v, 0);
}

function check(v: unknown, depth: number): JsonValueProblem | null {
  if (v === null) return null;
  switch (typeof v) {
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(v) ? null : { path: [], message: `expected a finite number, not ${v}` };
    case 'string':
      return v.length <= MAX_STRING ? null : { path: [], message: `a string may hold at most ${MAX_STRING.toLocaleString('en')} characters` };
    case 'object': {
      if (depth >= MAX_JSON_DEPTH) return { path: [], message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
      if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS) return { path: [], message: `a list may hold at most ${MAX_ITEMS.toLocaleString('en')} items` };
        for (let i = 0; i < v.length; i++) {
          const p = check(v[i], depth + 1);
          if (p) return (p.path.unshift(i), p);
        }
        return null;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return { path: [], message: 'expected plain JSON (null, true/false, a number, a string, a list or an object)' };
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (k.length > MAX_KEY) return { path: [k.slice(0, 40)], message: `a key may hold at most ${MAX_KEY} characters` };
        const p = check((v as Record<string, unknown>)[k], depth + 1);
        if (p) return (p.path.unshift(k), p);
      }
      return null;
    }
    default:
      return { path: [], message: `expected plain JSON (null, true/false, a number, a string, a list or an object), not ${v === undefined ? 'undefined' : `a ${typeof v}`}` };
  }
}
