import { describe, expect, it } from 'vitest';
import { keccak256, toUtf8Bytes } from 'ethers';
import { annotationDocument, contentHash, type DocumentSource } from './document.ts';
import { canonicalJson } from './canonicalJson.ts';

const obj = (id: string, z: number, extra: Partial<DocumentSource> = {}): DocumentSource & { hidden: boolean } => ({
  id, z, kind: 'box', label: 'car', geometry: { x: 1, y: 2.5, w: 3, h: 4 }, attributes: {}, origin: 'human', hidden: false, ...extra,
});

describe('annotationDocument', () => {
  it('orders objects by (z, id) and keeps only the signed fields', () => {
    const doc = annotationDocument('t1', [obj('b', 2), obj('c', 1), obj('a', 2), obj('B', 2)]);
    expect(doc.objects.map((o) => o.id)).toEqual(['c', 'B', 'a', 'b']);
    expect(Object.keys(doc.objects[0]).sort()).toEqual(['attributes', 'geometry', 'id', 'kind', 'label', 'origin']);
    expect(doc.taskId).toBe('t1');
  });

  it('gives a doclabel without geometry a null geometry', () => {
    const doc = annotationDocument('t', [obj('d', 0, { kind: 'doclabel', label: 'Spam', geometry: undefined })]);
    expect(canonicalJson(doc)).toBe('{"objects":[{"attributes":{},"geometry":null,"id":"d","kind":"doclabel","label":"Spam","origin":"human"}],"taskId":"t"}');
  });
});

describe('contentHash', () => {
  it('is keccak256 of the canonical JSON, as ethers computes it', () => {
    const doc = annotationDocument('task-ü', [obj('x', 0, { attributes: { note: 'é😀', n: 0.1 } }), obj('y', -1)]);
    expect(contentHash(doc)).toBe(keccak256(toUtf8Bytes(canonicalJson(doc))));
  });

  it('matches a pinned vector (changing it breaks every signature already made)', () => {
    expect(contentHash({ taskId: 't', objects: [] })).toBe(keccak256(toUtf8Bytes('{"objects":[],"taskId":"t"}')));
    expect(contentHash({ taskId: 't', objects: [] })).toBe('0x2c69f68e5adadcebfb2e84d52585756899ec1f0dfb36c6ab81daa0d80435f4ed');
  });

  it('does not depend on input order or UI-only fields, but does on geometry', () => {
    const a = contentHash(annotationDocument('t', [obj('1', 0), obj('2', 1)]));
    const b = contentHash(annotationDocument('t', [{ ...obj('2', 1), hidden: true }, obj('1', 0)]));
    const c = contentHash(annotationDocument('t', [obj('1', 0), obj('2', 1, { geometry: { x: 1, y: 2.5, w: 3, h: 4.0000001 } })]));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
