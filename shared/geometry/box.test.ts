import { describe, expect, it } from 'vitest';
import { boxFromPoints, clampBoxToImage, clampTranslation, boxContains, hitBoxHandle, resizeBox, boxBounds, boxHandlePoint } from './box.ts';

const img = { width: 400, height: 300 };

describe('boxes', () => {
  it('normalises a box drawn in any direction', () => {
    expect(boxFromPoints(50, 60, 10, 20)).toEqual({ x: 10, y: 20, w: 40, h: 40 });
  });
  it('clamps a box to the image, keeping the part inside', () => {
    expect(clampBoxToImage({ x: -10, y: 280, w: 50, h: 50 }, img)).toEqual({ x: 0, y: 280, w: 40, h: 20 });
    expect(clampBoxToImage({ x: 500, y: 10, w: 5, h: 5 }, img).w).toBe(0);
  });
  it('limits a move so the shape stays in the image', () => {
    const b = boxBounds({ x: 350, y: 10, w: 40, h: 20 });
    expect(clampTranslation(b, 30, -30, img)).toEqual({ dx: 10, dy: -10 });
    expect(clampTranslation(b, -5, 5, img)).toEqual({ dx: -5, dy: 5 });
  });
  it('hits inside and within the tolerance only', () => {
    const b = { x: 10, y: 10, w: 20, h: 20 };
    expect(boxContains(b, 15, 29)).toBe(true);
    expect(boxContains(b, 31, 15)).toBe(false);
    expect(boxContains(b, 31, 15, 2)).toBe(true);
  });
  it('finds the nearest of the eight handles', () => {
    const b = { x: 10, y: 10, w: 100, h: 50 };
    expect(hitBoxHandle(b, 11, 11, 4)).toBe('nw');
    expect(hitBoxHandle(b, 60, 59, 4)).toBe('s');
    expect(hitBoxHandle(b, 110, 35, 4)).toBe('e');
    expect(hitBoxHandle(b, 60, 35, 4)).toBeNull();
    expect(boxHandlePoint(b, 'se')).toEqual({ x: 110, y: 60 });
  });
  it('resizes by a handle, flips past the opposite edge and stays in the image', () => {
    const b = { x: 10, y: 10, w: 100, h: 50 };
    expect(resizeBox(b, 'e', 150, 999, img)).toEqual({ x: 10, y: 10, w: 140, h: 50 });
    expect(resizeBox(b, 'nw', -20, -20, img)).toEqual({ x: 0, y: 0, w: 110, h: 60 });
    expect(resizeBox(b, 'w', 200, 0, img)).toEqual({ x: 110, y: 10, w: 90, h: 50 });
    expect(resizeBox(b, 'se', 1000, 1000, img)).toEqual({ x: 10, y: 10, w: 390, h: 290 });
  });
});
