import { describe, expect, it } from 'vitest';
import {
  pointInPolygon, nearestEdge, hitVertex, hitPolygon, polygonArea, polygonProblem, clampPolygonToImage, insertVertex, deleteVertex, moveVertex,
  translatePoints, polygonBounds, isPolygon,
} from './polygon.ts';
import { shapeBounds, boundsIntersect } from './bounds.ts';

const square = [0, 0, 10, 0, 10, 10, 0, 10];
const concave = [0, 0, 10, 0, 10, 10, 5, 3, 0, 10]; // a notch from the bottom edge up to (5, 3)

describe('polygons', () => {
  it('point in polygon, including concave shapes', () => {
    expect(pointInPolygon(square, 5, 5)).toBe(true);
    expect(pointInPolygon(square, 11, 5)).toBe(false);
    expect(pointInPolygon(concave, 5, 8)).toBe(false);
    expect(pointInPolygon(concave, 2, 2)).toBe(true);
  });
  it('edge distance finds the nearest edge and the position on it', () => {
    const e = nearestEdge(square, 5, -2)!;
    expect(e.edge).toBe(0);
    expect(e.d).toBeCloseTo(2);
    expect(e.t).toBeCloseTo(0.5);
    expect(nearestEdge(square, -3, 5)!.edge).toBe(3);
  });
  it('hits a vertex within tolerance and the polygon inside or near its outline', () => {
    expect(hitVertex(square, 9.5, 10.4, 1)).toBe(2);
    expect(hitVertex(square, 5, 5, 1)).toBe(-1);
    expect(hitPolygon(square, 10.5, 5, 1)).toBe(true);
    expect(hitPolygon(square, 12, 5, 1)).toBe(false);
  });
  it('area and validity: self-intersecting, degenerate and too short polygons are refused', () => {
    expect(polygonArea(square)).toBe(100);
    expect(polygonProblem(square)).toBeNull();
    expect(polygonProblem(concave)).toBeNull();
    expect(polygonProblem([0, 0, 10, 10, 10, 0, 0, 10])).toBe('self-intersecting');
    expect(polygonProblem([0, 0, 5, 5, 10, 10])).toBe('zero-area');
    expect(polygonProblem([0, 0, 5, 5])).toBe('too-few-points');
    expect(polygonProblem([0, 0, NaN, 5, 1, 1])).toBe('not-finite');
  });
  it('clamps every vertex into the image', () => {
    expect(clampPolygonToImage([-5, 3, 500, 20, 30, 400], { width: 100, height: 50 })).toEqual([0, 3, 100, 20, 30, 50]);
  });
  it('inserts, moves and deletes vertices; never below three', () => {
    const ins = insertVertex(square, 0, 5, 0);
    expect(ins).toEqual([0, 0, 5, 0, 10, 0, 10, 10, 0, 10]);
    expect(moveVertex(square, 1, 12, -1)).toEqual([0, 0, 12, -1, 10, 10, 0, 10]);
    expect(deleteVertex(ins, 1)).toEqual(square);
    expect(deleteVertex([0, 0, 1, 0, 1, 1], 0)).toBeNull();
    expect(translatePoints([1, 2], 3, 4)).toEqual([4, 6]);
  });
  it('bounds of boxes and polygons for the spatial index', () => {
    expect(polygonBounds(concave)).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 });
    expect(shapeBounds('box', { x: 1, y: 2, w: 3, h: 4 })).toEqual({ minX: 1, minY: 2, maxX: 4, maxY: 6 });
    expect(shapeBounds('polygon', { points: 'x' })).toBeNull();
    expect(shapeBounds('polygon', { points: [0, 0, 4, 1, 2, Number.NaN] })).toBeNull();
    expect(shapeBounds('polygon', { points: [] })).toBeNull();
    // A multi-part object: every ring counts, so culling and hit search see all of it.
    expect(shapeBounds('polygon', { points: [0, 0, 4, 1, 2, 3], rings: [[-5, 2, 1, 9, 0, 0]] })).toEqual({ minX: -5, minY: 0, maxX: 4, maxY: 9 });
    expect(isPolygon({ points: [1, 2, 3] })).toBe(false);
    expect(boundsIntersect({ minX: 0, minY: 0, maxX: 1, maxY: 1 }, { minX: 1, minY: 1, maxX: 2, maxY: 2 })).toBe(true);
    expect(boundsIntersect({ minX: 0, minY: 0, maxX: 1, maxY: 1 }, { minX: 1.1, minY: 0, maxX: 2, maxY: 2 })).toBe(false);
  });
});
