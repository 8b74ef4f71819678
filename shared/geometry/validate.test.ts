import { describe, expect, it } from 'vitest';
import { validateGeometry } from './validate.ts';
import { isSpan, spanGeometry, spanProblem } from './span.ts';
import { nextZ } from '../objects.ts';

describe('validateGeometry', () => {
  it('accepts a well-formed geometry of every kind', () => {
    expect(validateGeometry('box', { x: 1, y: 2, w: 3, h: 4 }, { width: 10, height: 10 })).toBeNull();
    expect(validateGeometry('polygon', { points: [0, 0, 10, 0, 10, 10] }, { width: 10, height: 10 })).toBeNull();
    expect(validateGeometry('segment', { start: 0, end: 1.5, tier: 'a' }, { durationSeconds: 2 })).toBeNull();
    expect(validateGeometry('span', { start: 0, end: 5 }, { textLength: 5 })).toBeNull();
    expect(validateGeometry('relation', { from: 'a', to: 'b' })).toBeNull();
    expect(validateGeometry('doclabel', null)).toBeNull();
  });
  it('names the field and what is wrong with it', () => {
    expect(validateGeometry('box', { x: 1, y: 2, w: -3, h: 4 })).toEqual({ field: 'geometry.w', message: 'geometry.w must be 0 or more (got -3)' });
    expect(validateGeometry('box', { x: 1, y: null, w: 3, h: 4 })?.field).toBe('geometry.y');
    expect(validateGeometry('box', [1, 2, 3, 4])?.message).toBe('a box needs a geometry object (got [1,2,3,4])');
    expect(validateGeometry('polygon', { points: [0, 0, 10, 0] })?.message).toBe('a polygon needs at least 3 points (got 2)');
    expect(validateGeometry('polygon', { points: [0, 0, 10, 0, 10] })?.message).toBe('geometry.points must hold x, y pairs (got 5 numbers)');
    expect(validateGeometry('polygon', { points: [0, 0, 10, 0, 10, 'a'] })?.field).toBe('geometry.points[5]');
    expect(validateGeometry('relation', { from: 'a' })?.field).toBe('geometry.to');
    expect(validateGeometry('doclabel', { x: 1 })?.field).toBe('geometry');
  });
  it('checks the extent only when it is known, with half a pixel of slack at the image edge', () => {
    expect(validateGeometry('box', { x: 5, y: 5, w: 10, h: 1 })).toBeNull();
    expect(validateGeometry('box', { x: 5, y: 5, w: 10, h: 1 }, { width: 10, height: 10 })?.message).toBe('the shape spans x 5..15, outside the image (0..10 pixels wide)');
    expect(validateGeometry('box', { x: -0.4, y: 0, w: 10.8, h: 10.5 }, { width: 10, height: 10 })).toBeNull();
    expect(validateGeometry('polygon', { points: [0, 0, 10, 0, 10, 11] }, { width: 10, height: 10 })?.message).toMatch(/outside the image \(0\.\.10 pixels high\)/);
    expect(validateGeometry('span', { start: 2, end: 9 }, { textLength: 5 })?.message).toBe('geometry.end (9) is past the end of the text (5 characters)');
  });
});

describe('spans', () => {
  it('are whole, ordered, non-empty offset ranges', () => {
    expect(spanGeometry(7, 3)).toEqual({ start: 3, end: 7 });
    expect(isSpan({ start: 1.5, end: 3 })).toBe(false);
    expect(spanProblem({ start: 3, end: 3 })?.message).toBe('geometry.end (3) must be after geometry.start (3); a span covers at least one character');
    expect(spanProblem({ start: 0.5, end: 3 })?.field).toBe('geometry.start');
  });
});

describe('nextZ', () => {
  it('puts a new object above every other, starting at 0', () => {
    expect(nextZ([])).toBe(0);
    expect(nextZ([{ z: 4 }, { z: -2 }, { z: 1 }])).toBe(5);
  });
});
