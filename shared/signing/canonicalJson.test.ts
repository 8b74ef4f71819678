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
