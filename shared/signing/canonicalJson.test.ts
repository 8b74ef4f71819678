import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, B: true })).toBe('{"B":true,"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    // code-unit order, not locale order: 'Z' < 'a' < 'é' < '😀' (surrogate 0xD83D) < '￿'
    expect(canonicalJson({ '\uffff': 0, '😀': 1, 'é': 2, a: 3, Z: 4 })).toBe('{"Z":4,"a":3,"é":2,"😀":1,"\uffff":0}');
  });

  it('writes numbers as shortest round-trip decimals', () => {
    expect(canonicalJson([1e21, 0.1, -0, 0, 1e-7, 123456789012345680000, 5e-324, -1.5, 0.30000000000000004, 2 ** 53]))
      .toBe('[1e+21,0.1,0,0,1e-7,123456789012345680000,5e-324,-1.5,0.30000000000000004,9007199254740992]');
  });

  it('escapes strings like JSON.stringify, keeps non-ASCII as is, escapes lone surrogates', () => {
    expect(canonicalJson({ s: 'a"b\\c\n\t\u0001é中😀' })).toBe('{"s":"a\\"b\\\\c\\n\\t\\u0001é中😀"}');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('omits undefined object members but refuses values JSON cannot hold faithfully', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ x: NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ x: Infinity })).toThrow(/Infinity/);
    expect(() => canonicalJson({ x: 1n })).toThrow(/bigint/);
  });
});

/** The plain recursive definition, to hold the fast path (native JSON.stringify on key-ordered values) to. */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'number' && Object.is(v, -0) ? '0' : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
}

describe('canonicalJson fast path', () => {
  it('equals the plain definition on random documents, sorted or not', () => {
    const keys = ['a', 'b', 'Z', 'é', 'id', 'kind', 'label', 'x1', '😀', ''];
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const value = (depth: number): unknown => {
      const r = Math.random();
      if (depth > 3 || r < 0.3) return pick([null, true, false, 0, -0, 1.5, -1e21, 5e-324, 'text', 'é"\\\n😀', '\ud800', undefined]);
      if (r < 0.6) return Array.from({ length: Math.floor(Math.random() * 4) }, () => value(depth + 1) ?? 1);
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(Math.random() * 5); i > 0; i--) o[pick(keys)] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      if (v !== undefined) expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('orders integer-like keys as text, keeps a "__proto__" key and ignores prototypes', () => {
    expect(canonicalJson({ b: 1, 10: 'x', 9: 'y', a: { 2: 0, 1: 0 } })).toBe('{"10":"x","9":"y","a":{"1":0,"2":0},"b":1}');
    expect(canonicalJson(JSON.parse('{"z":1,"__proto__":{"a":1}}'))).toBe('{"__proto__":{"a":1},"z":1}');
    class WithToJson { b = 1; a = 2; toJSON() { return 'not me'; } }
    expect(canonicalJson([new WithToJson(), new Date(0)])).toBe('[{"a":2,"b":1},{}]');
  });
});
